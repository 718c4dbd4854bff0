import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.js';
import { runInBackground } from '../../server/background.js';
import { warmPublishedStudies } from '../../server/warm-publication.js';
import { loadConfig, type AppConfig } from '../../server/config.js';
import { checkSecretFingerprint } from '../../server/secret-fingerprint.js';
import { databaseUnavailable, openStore, type Store } from '../../store/index.js';
import type { CliCommand, CliIo } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';
import { untilStopSignal } from '../stop-signal.js';

/** Reads the configuration, with --port and --host overriding PORT and HOST. */
export function configFromArgs(args: string[], io: CliIo): AppConfig {
  const { values } = parseArgs(args, { port: { type: 'string', short: 'p' }, host: { type: 'string' } });
  return loadConfig({ ...io.env, ...(values.port !== undefined && { PORT: values.port }), ...(values.host !== undefined && { HOST: values.host }) });
}

/**
 * Opens the database named by the configuration (with its timeouts), migrates it and checks that SECRET_KEY is
 * the installation's (a node with another secret is refused, naming the variable). A connection the pool lost
 * and replaced is logged on stderr with its code only.
 */
export async function openConfiguredStore(config: AppConfig, io?: Pick<CliIo, 'stderr'>): Promise<Store> {
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    connectTimeoutMs: config.databaseTimeouts.connectMs,
    statementTimeoutMs: config.databaseTimeouts.statementMs,
    idleInTransactionTimeoutMs: config.databaseTimeouts.idleInTransactionMs,
    onConnectionError: (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? databaseUnavailable(error)?.code ?? 'unknown';
      io?.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: 'database connection lost; the pool opens a new one on next use', code })}\n`);
    },
  });
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
    app = await createApp({ store, config, logger: { stream: io.stdout }, warm: true, startJobWorker: config.jobs.worker });
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

  // the first reader after a start finds each study's results computed, its dashboard rendered and its white paper stored
  void runInBackground(app, 'warm published studies', async () => {
    const warmed = await warmPublishedStudies(app);
    app.log.info(warmed, 'published studies warmed');
  });

  const signal = await untilStopSignal();
  io.stdout.write(`${signal}: stopping\n`);
  try {
    await app.close();
  } finally {
    await store.close();
  }
  return 0;
}

export const serveCommand: CliCommand = {
  ...commandText('serve'),
  async run(args, io) {
    const config = configFromArgs(args, io);
    const store = await openConfiguredStore(config, io);
    return serveUntilSignal(store, config, io);
  },
};
