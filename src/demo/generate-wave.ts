import { columnLayout, isVisible, packAnswers, validateResponse, type Answers, type Study } from '../study/index.js';
import { createAnswerPacker } from './answer-packer.js';
import { createBalancedDraws } from './balanced-draws.js';
import { calibrateModel } from './calibrate-model.js';
import { MODEL_ITEMS } from './answer-model.js';
import { createIsoTimestamp } from './iso-timestamp.js';
import { createDemoPublicId } from './demo-public-id.js';
import { createPrng, type Prng } from './prng.js';
import type { DemoRow } from './row-batch.js';
import { genericAnswer, QUESTION_GENERATORS } from './question-generators.js';
import { CELLS, cellLogits, cellOf, type Respondent, type WaveModel } from './respondent.js';
import { sampleProfile } from './sample-profile.js';

export interface GenerateWaveOptions {
  readonly study: Study;
  readonly waveId: number;
  readonly year: number;
  readonly n: number;
  readonly seed: number;
  /** the installation's secret, which keys the public ids (see createDemoPublicId) */
  readonly secretKey: string;
  /** first day of fieldwork (UTC midnight) and its length */
  readonly opensAt: Date;
  readonly fieldworkDays: number;
  /** every response up to this rank is checked with validateResponse (default: all when n ≤ 100,000, else 10,000)… */
  readonly validateAll?: number;
  /** …then one in `validateEvery` (default 100) */
  readonly validateEvery?: number;
}

/** Counts filled while the rows are consumed. */
export interface WaveSummary {
  generated: number;
  complete: number;
  partial: number;
  speeders: number;
  straightLiners: number;
  validated: number;
}

/** Share of respondents who stop before the end, and where (index = pages answered before stopping). */
const DROP_OUT_RATE = 0.15;
const DROP_OUT_PAGE = [3, 10, 14, 9, 13, 9, 6, 6, 6, 5, 4];
const SPEEDER_RATE = 0.03;
const STRAIGHT_LINER_RATE = 0.04;
/** Typical seconds per page, by page id; unknown pages 30 s. */
const PAGE_SECONDS: Readonly<Record<string, number>> = {
  welcome: 12,
  company: 40,
  presence: 18,
  networks: 35,
  organisation: 55,
  customers: 75,
  commerce: 15,
  measurement: 30,
  challenges: 35,
  internal: 60,
  outlook: 25,
};

function straightLineCode(prng: Prng): number {
  return [3, 4, 2, 1, 9][prng.weighted([0.45, 0.2, 0.25, 0.05, 0.05])];
}

/**
 * The responses of one demo wave, as a lazy sequence of store rows: profiles drawn with the self-selection
 * of an online barometer, answers from the calibrated latent model following the display logic, drop-outs,
 * durations (with speeders), straight-liners and open texts. Each row is checked with the study's own
 * `validateResponse` (all of the first `validateAll`, a deterministic sample after) and packed like
 * `packAnswers` (checked against it on every validated response). Same options (seed and secret
 * included), same rows, byte for byte.
 */
export function generateWave(options: GenerateWaveOptions): { rows: Iterable<DemoRow>; summary: WaveSummary } {
  const summary: WaveSummary = { generated: 0, complete: 0, partial: 0, speeders: 0, straightLiners: 0, validated: 0 };
  return { rows: rowsOf(options, summary), summary };
}

function* rowsOf(options: GenerateWaveOptions, summary: WaveSummary): Generator<DemoRow> {
  const { study, year, n } = options;
  const layout = columnLayout(study);
  const pack = createAnswerPacker(layout);
  const prng = createPrng(options.seed, `answers:${year}`);
  const publicId = createDemoPublicId(options.secretKey, options.seed, year);
  const wave: WaveModel = { year, prng, draws: createBalancedDraws(prng, CELLS, MODEL_ITEMS.length), logits: cellLogits(calibrateModel(year)) };
  // validateResponse costs about 0.1 ms: every response of a demo-sized wave, a deterministic sample of a big one
  const validateAll = options.validateAll ?? (n <= 100_000 ? n : 10_000);
  const validateEvery = options.validateEvery ?? 100;
  const pages = study.pages;
  // each page's questions with their generator, looked up once
  const questions = pages.map((page) => page.questions.map((q) => ({ q, generate: QUESTION_GENERATORS[q.name] ?? genericAnswer })));
  const iso = createIsoTimestamp();
  const dayMs = 86_400_000;
  for (let i = 0; i < n; i++) {
    const complete = !prng.chance(DROP_OUT_RATE);
    const pagesAnswered = complete ? pages.length : Math.min(pages.length - 1, prng.weighted(DROP_OUT_PAGE));
    const profile = sampleProfile(prng);
    const speeder = complete && prng.chance(SPEEDER_RATE);
    const straight = prng.chance(speeder ? 0.5 : STRAIGHT_LINER_RATE);
    const answers: Answers = {};
    const r: Respondent = {
      wave,
      ...profile,
      cell: cellOf(profile.size, profile.sector),
      z: prng.normal(),
      complete,
      straightLine: straight ? straightLineCode(prng) : 0,
      uses: undefined,
      answers,
    };
    const speed = speeder ? 0.12 + 0.1 * prng.next() : Math.exp(0.35 * prng.normal());
    // page index -> milliseconds, written as the JSON text JSON.stringify would make of that object
    let pageDurationsJson = '{';
    let durationMs = 0;
    for (let p = 0; p < Math.min(pagesAnswered + 1, pages.length); p++) {
      const page = pages[p];
      let shown = 0,
        chars = 0;
      if (p < pagesAnswered) {
        for (const { q, generate } of questions[p]) {
          if (!isVisible(q, answers, study)) continue;
          shown++;
          const value = generate(r, q);
          if (value === undefined) continue;
          if (typeof value === 'object' && !Array.isArray(value)) Object.assign(answers, value.items);
          else {
            answers[q.name] = value;
            if (typeof value === 'string') chars += value.length;
          }
        }
      } else shown = page.questions.length / 2; // the page where a drop-out stopped, half read
      const seconds = (PAGE_SECONDS[page.id] ?? 30) * (0.4 + (0.6 * shown) / page.questions.length) * speed * Math.exp(0.3 * prng.normal()) + chars * 0.25;
      const ms = Math.max(800, Math.round(seconds * 1000));
      pageDurationsJson += `${p === 0 ? '' : ','}"${p}":${ms}`;
      durationMs += ms;
    }
    const packed = pack(answers);
    if (i < validateAll || i % validateEvery === 0) {
      const { errors } = validateResponse(study, answers, { complete });
      if (errors.length > 0) {
        const e = errors[0];
        throw new Error(`generateWave: response ${i} of ${year} is invalid: ${e.field} ${e.code} ${JSON.stringify(e.params)}`);
      }
      if (!Buffer.from(packed).equals(packAnswers(layout, answers))) throw new Error(`generateWave: response ${i} of ${year} packs differently from packAnswers`);
      summary.validated++;
    }
    const day = Math.floor(((i + prng.next()) / n) * options.fieldworkDays);
    const secondOfDay = Math.round((6.5 + 6 * (prng.next() + prng.next())) * 3600);
    const started = options.opensAt.getTime() + day * dayMs + secondOfDay * 1000;
    const ended = iso(started + durationMs);
    summary.generated++;
    if (complete) summary.complete++;
    else summary.partial++;
    if (speeder) summary.speeders++;
    if (straight) summary.straightLiners++;
    yield {
      waveId: options.waveId,
      status: complete ? 'complete' : 'partial',
      answers,
      packed,
      startedAt: iso(started),
      updatedAt: ended,
      completedAt: complete ? ended : null,
      durationMs: complete ? durationMs : null,
      pageDurationsJson: pageDurationsJson + '}',
      currentPage: complete ? pages.length - 1 : pagesAnswered,
      language: prng.chance(0.07) ? 'en' : 'fr',
      company: typeof answers.company_name === 'string' ? answers.company_name : null,
      source: 'demo',
      publicId: publicId(i),
    };
  }
}
