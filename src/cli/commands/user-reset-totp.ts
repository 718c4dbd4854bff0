import { z } from 'zod';
import { loadConfig } from '../../server/config.js';
import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const userResetTotpCommand: CliCommand = {
  name: 'user reset-totp',
  summary: "remove an account's two-step sign-in (a lost authenticator device)",
  help: `Usage: barometre user reset-totp EMAIL

Removes the account's TOTP second factor, for an owner who lost the device of their authenticator app:
the next login asks for the password only, and the owner can set up a new device on /admin/account.
Run it on the server, as whoever may read its configuration; it is written to the audit log.
Exit 0 when removed, 2 when there is no such account or it has no second factor.
Environment: DATA_DIR, DATABASE_URL.`,
  async run(args, io) {
    const { positionals } = parseArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one EMAIL');
    const email = z.string().trim().toLowerCase().pipe(z.email()).safeParse(positionals[0]);
    if (!email.success) throw new UsageError(`not an e-mail address: ${positionals[0]}`);
    const config = loadConfig(io.env);
    const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      const user = await store.users.getByEmail(email.data);
      if (!user) {
        io.stderr.write(`barometre user reset-totp: no account ${email.data}\n`);
        return 2;
      }
      if (!(await store.users.getTotp(user.id))) {
        io.stderr.write(`barometre user reset-totp: ${user.email} has no two-step sign-in\n`);
        return 2;
      }
      await store.users.clearTotp(user.id);
      await store.auditLog.append({ userId: null, action: 'user.totp.reset', target: `user:${user.id}`, details: { by: 'cli' } });
      io.stdout.write(`two-step sign-in removed for ${user.email}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
