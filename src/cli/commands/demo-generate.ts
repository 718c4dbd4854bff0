import { AppError } from '../../app-error.js';
import { DEMO_DEFAULTS, generateDemo, type DemoResult } from '../../demo/index.js';
import { loadConfig } from '../../server/config.js';
import { openStore, type Store } from '../../store/index.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { createProgress } from '../progress.js';

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--${name} must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Opens the store named by DATA_DIR / DATABASE_URL (migrated) and reads the installation's secret, which
 * keys the demo's public ids, the way the server reads it: SECRET_KEY, else DATA_DIR/secret.key (created
 * once, mode 0600, when missing, so a fresh clone needs no configuration and the server then uses it too).
 */
export async function openDemoStore(io: CliIo): Promise<{ store: Store; secretKey: string }> {
  const env = readCliEnv(io.env);
  const { secretKey } = loadConfig({ DATA_DIR: env.dataDir, SECRET_KEY: io.env.SECRET_KEY });
  return { store: await openStore(env), secretKey };
}

/** Runs the generation with a progress bar per wave and prints one line per wave. Returns the exit code. */
export async function runDemo(io: CliIo, store: Store, options: Parameters<typeof generateDemo>[1]): Promise<number> {
  let progress: ReturnType<typeof createProgress> | undefined;
  let current = -1;
  let result: DemoResult;
  try {
    result = await generateDemo(store, {
      ...options,
      onProgress: (year, inserted, total) => {
        if (year !== current) { progress?.done(); progress = createProgress(io.stderr, `wave ${year}`, total); current = year; }
        progress!.tick(inserted);
      },
    });
    progress?.done();
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      io.stderr.write(`barometre demo: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const w of result.waves) {
    const s = w.summary;
    io.stdout.write(
      `wave ${w.year}: ${s.generated} responses (${s.complete} complete, ${s.partial} partial, ${s.speeders} speeders, ${s.straightLiners} straight-liners, ${s.validated} validated), ${w.status}${w.replaced ? ', replaced' : ''}, ${(w.milliseconds / 1000).toFixed(1)} s\n`,
    );
  }
  return 0;
}

export const demoGenerateCommand: CliCommand = {
  name: 'demo generate',
  summary: 'generate synthetic demo waves of the built-in barometer',
  help: `Usage: barometre demo generate [--waves 2015,2016,2017] [--n 1200] [--seed 7] [--replace]

Generates synthetic editions of the built-in social-media barometer, through the store: the study is
stored if missing, one wave per year is created with its fieldwork dates and its weighting targets (French
companies by size and sector), then N responses per wave are drawn and inserted in batches. Editions
before 2017 are published; 2017 and later are in fieldwork, open for answers.

Respondents are self-selected (large companies strongly over-represented), their answers follow a model
calibrated so that the 2015 wave, raked to the population, reproduces the published 2015 figures; about
15 % stop before the end; a few are speeders or straight-liners. Every response obeys the display logic
and is checked with the study's validation (all of them up to 100,000 per wave; beyond, the first 10,000
and one in 100 after).
The same seed gives the same data, byte for byte, on the same installation: the public ids that
respondents resume with are keyed by its secret, so that the seed alone does not reveal them.

Options:
  --waves LIST   comma-separated years (default ${DEMO_DEFAULTS.waves.join(',')})
  --n N          responses per wave, partial ones included (default ${DEMO_DEFAULTS.n})
  --seed S       random seed, 0 to 4294967295 (default ${DEMO_DEFAULTS.seed})
  --replace      regenerate waves that already exist (their responses are deleted); without it an
                 existing wave is refused

Environment: DATA_DIR (./data, the SQLite file's folder), DATABASE_URL (postgres://… for PostgreSQL),
SECRET_KEY (the server's; generated once into DATA_DIR/secret.key when absent).
Exit codes: 0 done, 1 failure, 2 bad usage or an existing wave without --replace.`,
  async run(args, io) {
    const { values } = parseArgs(args, {
      waves: { type: 'string' },
      n: { type: 'string' },
      seed: { type: 'string' },
      replace: { type: 'boolean' },
    });
    const waves = values.waves === undefined
      ? [...DEMO_DEFAULTS.waves]
      : values.waves.split(',').map((y) => integer('waves', y, 2000, 2100));
    const n = values.n === undefined ? DEMO_DEFAULTS.n : integer('n', values.n, 1, 10_000_000);
    const seed = values.seed === undefined ? DEMO_DEFAULTS.seed : integer('seed', values.seed, 0, 4294967295);
    const { store, secretKey } = await openDemoStore(io);
    try {
      return await runDemo(io, store, { waves, n, seed, secretKey, replace: values.replace ?? false });
    } finally {
      await store.close();
    }
  },
};
