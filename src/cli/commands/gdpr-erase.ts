import { z } from 'zod';
import { eraseEmail } from '../../analysis/erasure.js';
import { UsageError, type CliCommand } from '../command.js';
import { openConfiguredStore, configFromArgs } from './serve.js';
import { parseArgs } from '../parse-args.js';

export const gdprEraseCommand: CliCommand = {
  name: 'gdpr erase',
  summary: 'erase a person: contacts, leads, links; anonymise (or delete) their responses',
  help: `Usage: barometre gdpr erase --email ADDRESS [--delete-responses]

The right to erasure for one e-mail address, in every wave: deletes the person's contacts, invitations
and invitation links, and white paper leads; anonymises their responses (e-mail, notification e-mail,
organisation, invitation link nulled; the answers to questions the study flags identifying removed; the
address removed from open texts),
which stay in the statistics; or deletes the responses with --delete-responses. The address is also
removed from other respondents' open texts. The audit log records the erasure with counts only.
On SQLite the file is then compacted (VACUUM), so the data is gone from the disk too.
Environment: DATA_DIR, DATABASE_URL.`,
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
