import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { loadConfig, type AppConfig } from '../../server/config.js';
import { checkSecretFingerprint } from '../../server/secret-fingerprint.js';
import { openStore, type Store } from '../../store/index.js';
import type { CliCommand, CliIo } from '../command.js';
import { parseArgs } from '../parse-args.js';

/** Reads the configuration, with --port and --host overriding PORT and HOST. */
export function configFromArgs(args: string[], io: CliIo): AppConfig {
  const { values } = parseArgs(args, { port: { type: 'string', short: 'p' }, host: { type: 'string' } });
  return loadConfig({ ...io.env, ...(values.port !== undefined && { PORT: values.port }), ...(values.host !== undefined && { HOST: values.host }) });
}

/**
 * Opens the database named by the configuration, migrates it and checks that SECRET_KEY is the installation's
 * (a node with another secret is refused, naming the variable).
 */
export async function openConfiguredStore(config: AppConfig): Promise<Store> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await checkSecretFingerprint(store, config.secretKey);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Serves the app until SIGINT or SIGTERM, then stops accepting connections, lets requests finish and closes
 * the store. Returns the exit code. The store is closed in every case.
 */
export async function serveUntilSignal(store: Store, config: AppConfig, io: CliIo): Promise<number> {
  let app;
  try {
    app = await createApp({ store, config, logger: { stream: io.stdout } });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close();
    await store.close();
    const e = error as NodeJS.ErrnoException;
    io.stderr.write(`barometre: cannot serve on ${config.host}:${config.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}\n`);
    return 1;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  io.stdout.write(`Baromètre is serving http://${host.includes(':') ? `[${host}]` : host}:${port}/${config.publicUrl ? ` (public address ${config.publicUrl})` : ''}\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stdout.write(`${signal}: stopping\n`);
  try {
    await app.close();
  } finally {
    await store.close();
  }
  return 0;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the web app (migrates the database first)',
  help: `Usage: barometre serve [--port N] [--host H]

Migrates the database, then serves the questionnaire, the workspace and the public results until
SIGINT (Ctrl-C) or SIGTERM, which let running requests finish and close the database.

Options:
  -p, --port N   port to listen on (default PORT or 3000; 0 picks a free port)
      --host H   address to listen on (default HOST or 0.0.0.0)

Environment: PORT, HOST, DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL, SQLite otherwise),
SECRET_KEY (32+ bytes; generated once into DATA_DIR/secret.key when absent; every node of an installation
must use the same one, or it refuses to start), PUBLIC_URL (the only source of links in e-mails; required with
SMTP_URL unless HOST is a loopback address), TRUST_PROXY (a hop count or proxy addresses/CIDRs; true is
refused), SMTP_URL, MAIL_FROM, LOW_BASE (30), SUPPRESS_BASE (10). See the README's "Several nodes".`,
  async run(args, io) {
    const config = configFromArgs(args, io);
    const store = await openConfiguredStore(config);
    return serveUntilSignal(store, config, io);
  },
};
