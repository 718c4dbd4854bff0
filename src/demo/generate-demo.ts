import { randomBytes } from 'node:crypto';
import { AppError } from '../app-error.js';
import { installBuiltInStudies } from '../analysis/install-built-in-studies.js';
import type { Store, Wave } from '../store/index.js';
import { validateStudy, type Study } from '../study/index.js';
import { DEMO_DEFAULTS, DEMO_STUDY_ID, demoWavePlan } from './demo-waves.js';
import { generateWave, type GenerateWaveOptions, type WaveSummary } from './generate-wave.js';
import { generateWaveInWorker } from './generate-wave-in-worker.js';
import { populationTargets } from './population.js';
import { setSeriesOrder } from './series-order.js';

export interface DemoOptions {
  readonly waves?: readonly number[];
  readonly n?: number;
  readonly seed?: number;
  /**
   * the installation's secret (SECRET_KEY or DATA_DIR/secret.key), which keys the public ids a respondent
   * resumes with, so that knowing the seed is not enough to compute them. Same seed and secret, same data;
   * without it, a random secret is drawn for this call: the ids are unguessable but not reproducible.
   */
  readonly secretKey?: string;
  /** regenerate waves that already exist (their responses are deleted first); otherwise refuse */
  readonly replace?: boolean;
  /** rows per insert transaction (default 2,500: larger batches measured no faster and hold more memory) */
  readonly batchSize?: number;
  /**
   * generate each wave in a worker thread while the main thread inserts (default: waves of 20,000
   * responses or more); the rows are the same either way
   */
  readonly inWorker?: boolean;
  readonly validateAll?: number;
  readonly validateEvery?: number;
  /** called after each committed batch */
  readonly onProgress?: (year: number, inserted: number, total: number) => void;
}

export interface DemoWaveResult {
  readonly year: number;
  readonly waveId: number;
  readonly status: Wave['status'];
  readonly replaced: boolean;
  readonly summary: Readonly<WaveSummary>;
  readonly milliseconds: number;
}

export interface DemoResult {
  readonly kind: 'demo';
  readonly studyVersion: number;
  readonly waves: readonly DemoWaveResult[];
}

/** Waves from this size on are generated in a worker thread by default (below, starting it costs more than it saves). */
const IN_WORKER_FROM = 20_000;

async function demoStudy(store: Store): Promise<{ study: Study; versionId: number; version: number }> {
  await installBuiltInStudies(store);
  const stored = await store.studies.latestVersion(DEMO_STUDY_ID);
  if (!stored) throw new AppError('NOT_FOUND', `study ${DEMO_STUDY_ID} is not stored`);
  const result = validateStudy(stored.document);
  if (!result.ok) throw new AppError('INVALID_INPUT', `study ${DEMO_STUDY_ID}: ${result.errors[0].path}: ${result.errors[0].message}`);
  return { study: result.study, versionId: stored.id, version: stored.version };
}

/**
 * Generates demo waves of the built-in barometer through the store: stores the study if missing, creates
 * (or, with `replace`, empties and updates) one wave per year with its dates and the population targets,
 * inserts the synthetic responses in batches (generated in a worker thread while the main thread inserts, for
 * waves of 20,000 or more), then sets the statuses (published before 2017, fieldwork
 * after). Refuses with AppError CONFLICT, before writing anything, when a wave exists and `replace` is off.
 */
export async function generateDemo(store: Store, options: DemoOptions = {}): Promise<DemoResult> {
  const years = [...new Set(options.waves ?? DEMO_DEFAULTS.waves)].sort((a, b) => a - b);
  const n = options.n ?? DEMO_DEFAULTS.n;
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  const secretKey = options.secretKey ?? randomBytes(32).toString('hex');
  const existing = new Map<number, Wave>();
  for (const year of years) {
    const wave = await store.waves.getByCode(DEMO_STUDY_ID, String(year));
    if (wave) existing.set(year, wave);
  }
  if (existing.size > 0 && !options.replace) {
    const codes = [...existing.keys()].join(', ');
    throw new AppError(
      'CONFLICT',
      `wave${existing.size > 1 ? 's' : ''} ${codes} of ${DEMO_STUDY_ID} already exist${existing.size > 1 ? '' : 's'}; use --replace to delete ${existing.size > 1 ? 'their' : 'its'} responses and generate ${existing.size > 1 ? 'them' : 'it'} again`,
      { waves: [...existing.keys()] },
    );
  }
  const { study, versionId, version } = await demoStudy(store);
  const results: DemoWaveResult[] = [];
  for (const year of years) {
    const started = performance.now();
    const plan = demoWavePlan(year);
    const fields = {
      title: plan.title,
      studyVersionId: versionId,
      opensAt: plan.opensAt.toISOString(),
      closesAt: plan.closesAt?.toISOString() ?? null,
      populationTargets: populationTargets(),
    };
    let wave = existing.get(year);
    if (wave) {
      await store.waves.deleteResponses(wave.id);
      wave = await store.waves.update(wave.id, fields, plan.createdAt);
    } else {
      wave = await store.waves.create({ studyId: DEMO_STUDY_ID, code: plan.code, status: 'draft', ...fields }, plan.createdAt);
    }
    const waveOptions: GenerateWaveOptions = {
      study,
      waveId: wave.id,
      year,
      n,
      seed,
      secretKey,
      opensAt: plan.opensAt,
      fieldworkDays: plan.fieldworkDays,
      validateAll: options.validateAll,
      validateEvery: options.validateEvery,
    };
    const { rows, summary } = (options.inWorker ?? n >= IN_WORKER_FROM) ? generateWaveInWorker(waveOptions) : generateWave(waveOptions);
    await store.responses.insertMany(rows, {
      batchSize: options.batchSize ?? 2500,
      onProgress: (inserted) => options.onProgress?.(year, inserted, n),
    });
    await store.waves.setStatus(wave.id, plan.status, plan.statusAt);
    results.push(
      Object.freeze({
        year,
        waveId: wave.id,
        status: plan.status,
        replaced: existing.has(year),
        summary: Object.freeze({ ...summary }),
        milliseconds: performance.now() - started,
      }),
    );
  }
  await setSeriesOrder(
    store,
    DEMO_STUDY_ID,
    results.map((r) => r.waveId),
  );
  return Object.freeze({ kind: 'demo', studyVersion: version, waves: Object.freeze(results) });
}
