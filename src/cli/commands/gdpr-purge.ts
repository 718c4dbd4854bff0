import { purgeExpired } from '../../analysis/retention.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { configFromArgs, openConfiguredStore } from './serve.js';
import { commandText } from './command-texts.js';

export const gdprPurgeCommand: CliCommand = {
  ...commandText('gdpr purge'),
  async run(args, io) {
    const { values } = parseArgs(args, { months: { type: 'string' } });
    const config = configFromArgs([], io);
    const months = values.months !== undefined ? Number(values.months) : config.retentionMonths;
    if (months === undefined) throw new UsageError('no retention period: set RETENTION_MONTHS or pass --months N');
    if (!Number.isInteger(months) || months < 1) throw new UsageError('--months must be a positive integer');
    const store = await openConfiguredStore(config);
    try {
      const outcome = await purgeExpired(store, months, { by: 'cli' });
      io.stdout.write(
        `purged what was created before ${outcome.before}: ${outcome.contacts} contact(s), ${outcome.invitations} invitation(s), ` +
          `${outcome.leads} lead(s); ${outcome.responsesAnonymised} response(s) anonymised\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
