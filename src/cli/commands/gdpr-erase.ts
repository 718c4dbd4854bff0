import { z } from 'zod';
import { eraseEmail } from '../../analysis/erasure.js';
import { UsageError, type CliCommand } from '../command.js';
import { openConfiguredStore, configFromArgs } from './serve.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const gdprEraseCommand: CliCommand = {
  ...commandText('gdpr erase'),
  async run(args, io) {
    const { values } = parseArgs(args, { email: { type: 'string' }, 'delete-responses': { type: 'boolean' } });
    const email = z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email())
      .safeParse(values.email ?? '');
    if (!email.success) throw new UsageError('--email must be an e-mail address');
    const store = await openConfiguredStore(configFromArgs([], io));
    try {
      const outcome = await eraseEmail(store, email.data, { deleteResponses: values['delete-responses'] === true, by: 'cli' });
      io.stdout.write(
        `erased: ${outcome.contacts} contact(s), ${outcome.invitations} invitation(s), ${outcome.leads} lead(s); ` +
          `responses ${outcome.responsesDeleted > 0 ? `deleted ${outcome.responsesDeleted}` : `anonymised ${outcome.responsesAnonymised}`}; ` +
          `${outcome.textsRedacted} other open text(s) redacted\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
