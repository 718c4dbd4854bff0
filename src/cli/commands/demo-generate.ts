import { AppError } from '../../app-error.js';
import { DEMO_DEFAULTS, DEMO_SEEDS, DEMO_STUDY_ID, STUDY_DEMO_DEFAULTS, generateDemo, generateStudyDemo, type DemoResult, type StudyDemoResult } from '../../demo/index.js';
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
        if (year !== current) {
          progress?.done();
          progress = createProgress(io.stderr, `wave ${year}`, total);
          current = year;
        }
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

/** Runs the generic generation of a study's waves with a progress bar per wave and prints one line per wave. */
export async function runStudyDemo(io: CliIo, store: Store, studyId: string, options: Parameters<typeof generateStudyDemo>[2]): Promise<number> {
  let progress: ReturnType<typeof createProgress> | undefined;
  let current = '';
  let result: StudyDemoResult;
  try {
    result = await generateStudyDemo(store, studyId, {
      ...options,
      onProgress: (code, inserted, total) => {
        if (code !== current) {
          progress?.done();
          progress = createProgress(io.stderr, `wave ${code}`, total);
          current = code;
        }
        progress!.tick(inserted);
      },
    });
    progress?.done();
  } catch (error) {
    if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT')) {
      progress?.done();
      io.stderr.write(`barometre demo: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  for (const w of result.waves) {
    const s = w.summary;
    io.stdout.write(
      `wave ${w.code} of ${result.studyId}: ${s.generated} responses (${s.complete} complete, ${s.partial} partial, ${s.speeders} speeders, ${s.screenedOut} screened out by quotas, ${s.validated} validated), ${w.status}, series order ${w.seriesOrder}${w.weighted ? ', weighted' : ''}${w.replaced ? ', replaced' : ''}, ${(w.milliseconds / 1000).toFixed(1)} s\n`,
    );
  }
  return 0;
}

export const demoGenerateCommand: CliCommand = {
  name: 'demo generate',
  summary: 'generate synthetic waves of a study (by default the built-in demo study)',
  help: `Usage: barometre demo generate [--study ID] [--waves CODES] [--n N] [--seed S] [--replace]

Without --study, or with --study ${DEMO_STUDY_ID}: generates synthetic editions of the built-in
demo study with its calibrated model, through the store: the study is stored if missing, one wave per
year is created with its fieldwork dates and its weighting targets (the population counts of the study's
margins), then N responses per wave are drawn and inserted in batches. Editions before 2017 are
published; 2017 and later are in fieldwork, open for answers.

Respondents are self-selected (some groups strongly over-represented), their answers follow a model
calibrated so that the 2015 wave, raked to the population, reproduces the published 2015 figures; about
15 % stop before the end; a few are speeders or straight-liners. Every response obeys the display logic
and is checked with the study's validation (all of them up to 100,000 per wave; beyond, the first 10,000
and one in 100 after).
The same seed gives the same data, byte for byte, on the same installation: the public ids that
respondents resume with are keyed by its secret, so that the seed alone does not reveal them.

With --study ID of any other stored study (built-in studies are stored first when missing): generates
waves from the study's definition alone. Each code names a period (T3-2025, Q3-2025, 2025-Q3, 2025-09 or
2025) that dates the wave; the latest wave is in fieldwork, the earlier ones published, and each gets its
place in the series. Margin variables follow the wave's population targets when it has some (else the
study's demo targets, else uneven shares), quotas are never exceeded, answers follow the display logic and
correlate through a latent factor per respondent, about 12 % stop before the end, languages spread over the
study's. Every response is checked with the study's validation (all of them up to 100,000 per wave).

Options:
  --study ID     the study (default ${DEMO_STUDY_ID})
  --waves LIST   comma-separated years for ${DEMO_STUDY_ID} (default ${DEMO_DEFAULTS.waves.join(',')}); wave
                 codes for another study (default its demo seed's, else ${STUDY_DEMO_DEFAULTS.waves.join(',')})
  --n N          responses per wave, partial ones included (default ${DEMO_DEFAULTS.n} for ${DEMO_STUDY_ID},
                 the demo seed's or ${STUDY_DEMO_DEFAULTS.n} for another study)
  --seed S       random seed, 0 to 4294967295 (default ${DEMO_DEFAULTS.seed})
  --replace      regenerate waves that already exist (their responses are deleted); without it an
                 existing wave is refused

Environment: DATA_DIR (./data, the SQLite file's folder), DATABASE_URL (postgres://… for PostgreSQL),
SECRET_KEY (the server's; generated once into DATA_DIR/secret.key when absent).
Exit codes: 0 done, 1 failure, 2 bad usage, an unknown study, a code naming no period or an existing wave
without --replace.`,
  async run(args, io) {
    const { values } = parseArgs(args, {
      study: { type: 'string' },
      waves: { type: 'string' },
      n: { type: 'string' },
      seed: { type: 'string' },
      replace: { type: 'boolean' },
    });
    const studyId = values.study?.trim() || DEMO_STUDY_ID;
    const seed = values.seed === undefined ? DEMO_DEFAULTS.seed : integer('seed', values.seed, 0, 4294967295);
    if (studyId !== DEMO_STUDY_ID) {
      const codes = values.waves?.split(',').map((c) => c.trim());
      if (codes && (codes.length === 0 || codes.some((c) => c === ''))) throw new UsageError(`--waves must list wave codes separated by commas, got "${values.waves}"`);
      const n = values.n === undefined ? (DEMO_SEEDS[studyId]?.n ?? STUDY_DEMO_DEFAULTS.n) : integer('n', values.n, 1, 10_000_000);
      const { store, secretKey } = await openDemoStore(io);
      try {
        return await runStudyDemo(io, store, studyId, { waves: codes, n, seed, secretKey, replace: values.replace ?? false });
      } finally {
        await store.close();
      }
    }
    const waves = values.waves === undefined ? [...DEMO_DEFAULTS.waves] : values.waves.split(',').map((y) => integer('waves', y, 2000, 2100));
    const n = values.n === undefined ? DEMO_DEFAULTS.n : integer('n', values.n, 1, 10_000_000);
    const { store, secretKey } = await openDemoStore(io);
    try {
      return await runDemo(io, store, { waves, n, seed, secretKey, replace: values.replace ?? false });
    } finally {
      await store.close();
    }
  },
};
