import { z } from 'zod';
import { loadConfig } from '../../server/config.js';
import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const userResetTotpCommand: CliCommand = {
  ...commandText('user reset-totp'),
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
