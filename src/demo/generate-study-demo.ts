import { randomBytes } from 'node:crypto';
import { AppError } from '../app-error.js';
import { readQuotas } from '../analysis/fieldwork/quotas.js';
import { installBuiltInStudies } from '../analysis/install-built-in-studies.js';
import { readPopulationTargets, type PopulationTargets } from '../analysis/population-targets.js';
import type { Store, Wave } from '../store/index.js';
import { BUILT_IN_STUDIES, validateStudy, type Study } from '../study/index.js';
import { DEMO_SEEDS } from './demo-seeds.js';
import { generateGenericWave, type GenericWaveSummary } from './generate-generic-wave.js';
import { genericWavePlan } from './generic-wave-plan.js';
import { setSeriesOrder } from './series-order.js';

/** What the generic demo does for a study without a demo seed. */
export const STUDY_DEMO_DEFAULTS = Object.freeze({ waves: Object.freeze(['Q3-2025', 'Q4-2025', 'Q1-2026', 'Q2-2026']), n: 1000, seed: 7 });

export interface StudyDemoOptions {
  /** wave codes naming periods (T3-2025, Q3-2025, 2025-Q3, 2025-09, 2025); default: the study's demo seed's, else four quarters */
  readonly waves?: readonly string[];
  readonly n?: number;
  readonly seed?: number;
  /** the installation's secret, which keys the public ids (random for this call when absent) */
  readonly secretKey?: string;
  /** regenerate waves that already exist (their responses are deleted first); otherwise refuse */
  readonly replace?: boolean;
  /** rows per insert transaction (default 2,500) */
  readonly batchSize?: number;
  readonly validateAll?: number;
  readonly validateEvery?: number;
  /** called after each committed batch */
  readonly onProgress?: (code: string, inserted: number, total: number) => void;
}

export interface StudyDemoWaveResult {
  readonly code: string;
  readonly waveId: number;
  readonly status: Wave['status'];
  readonly seriesOrder: number;
  readonly replaced: boolean;
  readonly weighted: boolean;
  readonly summary: Readonly<GenericWaveSummary>;
  readonly milliseconds: number;
}

export interface StudyDemoResult {
  readonly kind: 'study-demo';
  readonly studyId: string;
  readonly studyVersion: number;
  readonly waves: readonly StudyDemoWaveResult[];
}

async function storedStudy(store: Store, studyId: string): Promise<{ study: Study; versionId: number; version: number }> {
  if (BUILT_IN_STUDIES.some((s) => s.id === studyId)) await installBuiltInStudies(store);
  const stored = await store.studies.latestVersion(studyId);
  if (!stored) {
    const known = (await store.studies.list()).map((s) => s.studyId);
    throw new AppError('NOT_FOUND', `study ${studyId} is not stored (stored: ${known.join(', ') || 'none'})`, { studyId });
  }
  const result = validateStudy(stored.document);
  if (!result.ok) throw new AppError('INVALID_INPUT', `study ${studyId}: ${result.errors[0].path}: ${result.errors[0].message}`);
  return { study: result.study, versionId: stored.id, version: stored.version };
}

/**
 * Generates synthetic waves of any stored study with the generic generator (built-in studies are stored
 * first when missing): one wave per code, dated by the period its code names, the latest in fieldwork and
 * the earlier ones published (with a demo seed's plan, its own count in fieldwork); their population
 * targets are the wave's own when set, else the study's demo seed's; the responses are inserted in batches
 * through the store's bulk insert; each wave gets its `seriesOrder`. Refuses with AppError CONFLICT, before
 * writing anything, when a wave exists and `replace` is off, and with INVALID_INPUT a code naming no period.
 */
export async function generateStudyDemo(store: Store, studyId: string, options: StudyDemoOptions = {}): Promise<StudyDemoResult> {
  const seedPlan = DEMO_SEEDS[studyId];
  const codes = options.waves ?? seedPlan?.waves ?? STUDY_DEMO_DEFAULTS.waves;
  let plan;
  try {
    plan = genericWavePlan(codes, options.waves === undefined ? (seedPlan?.inFieldwork ?? 1) : 1);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('INVALID_INPUT', error.message, { waves: codes });
    throw error;
  }
  const n = options.n ?? seedPlan?.n ?? STUDY_DEMO_DEFAULTS.n;
  const seed = options.seed ?? STUDY_DEMO_DEFAULTS.seed;
  const secretKey = options.secretKey ?? randomBytes(32).toString('hex');
  const { study, versionId, version } = await storedStudy(store, studyId);
  const existing = new Map<string, Wave>();
  for (const p of plan) {
    const wave = await store.waves.getByCode(studyId, p.code);
    if (wave) existing.set(p.code, wave);
  }
  if (existing.size > 0 && !options.replace) {
    const list = [...existing.keys()].join(', ');
    throw new AppError(
      'CONFLICT',
      `wave${existing.size > 1 ? 's' : ''} ${list} of ${studyId} already exist${existing.size > 1 ? '' : 's'}; use --replace to delete ${existing.size > 1 ? 'their' : 'its'} responses and generate ${existing.size > 1 ? 'them' : 'it'} again`,
      { waves: [...existing.keys()] },
    );
  }
  const done: Omit<StudyDemoWaveResult, 'seriesOrder'>[] = [];
  for (const p of plan) {
    const started = performance.now();
    let wave = existing.get(p.code);
    const own = readPopulationTargets(wave?.populationTargets);
    const targets: PopulationTargets | undefined = own.margins.length > 0 ? own : seedPlan?.populationTargets;
    const fields = {
      title: wave?.title ?? p.title,
      studyVersionId: versionId,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt?.toISOString() ?? null,
      ...(targets && own.margins.length === 0 ? { populationTargets: targets } : {}),
    };
    if (wave) {
      await store.waves.deleteResponses(wave.id);
      wave = await store.waves.update(wave.id, fields, p.createdAt);
    } else {
      wave = await store.waves.create({ studyId, code: p.code, status: 'draft', ...fields }, p.createdAt);
    }
    const quotas = readQuotas(wave.quotas);
    const { rows, summary } = generateGenericWave({
      study,
      waveId: wave.id,
      code: p.code,
      n,
      seed,
      secretKey,
      opensAt: p.opensAt,
      fieldworkDays: p.fieldworkDays,
      targets,
      quotas: quotas.segments.length > 0 ? quotas : undefined,
      demoSeed: seedPlan,
      validateAll: options.validateAll,
      validateEvery: options.validateEvery,
    });
    await store.responses.insertMany(rows, {
      batchSize: options.batchSize ?? 2500,
      onProgress: (inserted) => options.onProgress?.(p.code, inserted, n),
    });
    await store.waves.setStatus(wave.id, p.status, p.statusAt);
    done.push({
      code: p.code,
      waveId: wave.id,
      status: p.status,
      replaced: existing.has(p.code),
      weighted: targets !== undefined,
      summary: Object.freeze({ ...summary }),
      milliseconds: performance.now() - started,
    });
  }
  const ranks = await setSeriesOrder(
    store,
    studyId,
    done.map((w) => w.waveId),
  );
  const waves = done.map((w) => Object.freeze({ ...w, seriesOrder: ranks.get(w.waveId) ?? 0 }));
  return Object.freeze({ kind: 'study-demo', studyId, studyVersion: version, waves: Object.freeze(waves) });
}
