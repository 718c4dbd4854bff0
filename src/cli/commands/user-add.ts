import { z } from 'zod';
import { loadConfig } from '../../server/config.js';
import { hashPassword, passwordProblem } from '../../server/auth/password.js';
import { isRole } from '../../server/auth/roles.js';
import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

/** The first line of standard input (the password), without its line end. */
async function readFirstLine(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) io.stderr.write('Password (then Enter): ');
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    const end = text.search(/\r?\n/);
    if (end >= 0) return text.slice(0, end);
  }
  return text;
}

export const userAddCommand: CliCommand = {
  ...commandText('user add'),
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { role: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one EMAIL');
    if (!isRole(values.role)) throw new UsageError('--role must be owner, analyst or viewer');
    const email = z.string().trim().toLowerCase().pipe(z.email()).safeParse(positionals[0]);
    if (!email.success) throw new UsageError(`not an e-mail address: ${positionals[0]}`);
    const password = await readFirstLine(io);
    const problem = passwordProblem(password);
    if (problem) throw new UsageError(`password: ${problem}`);
    const config = loadConfig(io.env);
    const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      const user = await store.users.create({ email: email.data, role: values.role, passwordHash: await hashPassword(password) });
      await store.auditLog.append({ userId: null, action: 'user.create', target: `user:${user.id}`, details: { role: user.role, by: 'cli' } });
      io.stdout.write(`created ${user.role} ${user.email} (id ${user.id})\n`);
      return 0;
    } catch (error) {
      if ((error as { code?: string }).code === 'CONFLICT') {
        io.stderr.write(`barometre user add: ${(error as Error).message}\n`);
        return 2;
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};
