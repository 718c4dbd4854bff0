import type { PopulationTargets } from '../analysis/population-targets.js';
import type { Quotas } from '../analysis/fieldwork/quotas.js';
import {
  columnLayout,
  defaultLanguage,
  findQuestion,
  isVisible,
  shownQuestion,
  marginQuestions,
  packAnswers,
  validateResponse,
  type Answers,
  type SingleQuestion,
  type Study,
} from '../study/index.js';
import { createAnswerPacker } from './answer-packer.js';
import { createDemoPublicId } from './demo-public-id.js';
import type { DemoSeed } from './demo-seed.js';
import { createGenericAnswerModel, quarterIndex, type GenericAnswerModel } from './generic-answer-model.js';
import { createAnswerer } from './generic-answerer.js';
import { createIsoTimestamp } from './iso-timestamp.js';
import { createPrng, hashText } from './prng.js';
import type { DemoRow } from './row-batch.js';

export interface GenericWaveOptions {
  readonly study: Study;
  readonly waveId: number;
  readonly code: string;
  readonly n: number;
  readonly seed: number;
  /** the installation's secret, which keys the public ids (see createDemoPublicId) */
  readonly secretKey: string;
  /** first day of fieldwork and its length */
  readonly opensAt: Date;
  readonly fieldworkDays: number;
  /** the wave's weighting targets: margin variables are drawn near them */
  readonly targets?: PopulationTargets;
  /** the wave's quotas: no segment gets more complete responses than its target */
  readonly quotas?: Quotas;
  /** languages, sample texts (see DemoSeed) */
  readonly demoSeed?: DemoSeed;
  /** every response up to this rank is checked with validateResponse (default: all when n ≤ 100,000, else 10,000)… */
  readonly validateAll?: number;
  /** …then one in `validateEvery` (default 100) */
  readonly validateEvery?: number;
}

/** Counts filled while the rows are consumed. */
export interface GenericWaveSummary {
  generated: number;
  complete: number;
  partial: number;
  /** stopped because every quota segment open to them was full */
  screenedOut: number;
  speeders: number;
  validated: number;
}

const DROP_OUT_RATE = 0.12;
const SPEEDER_RATE = 0.03;
/** how strongly an online sample leans away from the population on a margin (log-odds spread) */
const SELECTION_BIAS = 0.1;

/** A profile variable: a margin or quota question, drawn before the questionnaire so that quotas can apply. */
interface ProfileVariable {
  readonly question: SingleQuestion;
  readonly page: number;
  readonly codes: readonly number[];
  readonly shares: readonly number[];
  /** code -> remaining complete responses; absent codes have no quota */
  readonly remaining: Map<number, number> | undefined;
}

function profileVariables(study: Study, model: GenericAnswerModel, targets: PopulationTargets | undefined, quotas: Quotas | undefined): ProfileVariable[] {
  const names = new Set([...marginQuestions(study).map((q) => q.name), ...(quotas?.segments ?? []).map((s) => s.variable)]);
  const pageOf = new Map(study.pages.flatMap((page, p) => page.questions.map((q) => [q.name, p] as const)));
  const out: ProfileVariable[] = [];
  for (const name of names) {
    const question = findQuestion(study, name);
    if (question?.kind !== 'single') continue;
    const codes = question.options.map((o) => o.code);
    const margin = targets?.margins.find((m) => m.variable === name);
    let shares: number[];
    if (margin) {
      const bias = model.prng(`selection:${name}`);
      shares = codes.map((code) => (margin.targets.find((t) => t.code === code)?.population ?? 0) * Math.exp(SELECTION_BIAS * Math.max(-1.5, Math.min(1.5, bias.normal()))));
    } else {
      shares = [...model.variable(`profile:${name}`, codes.length, false).shares];
    }
    const segments = (quotas?.segments ?? []).filter((s) => s.variable === name);
    const remaining = segments.length > 0 ? new Map(segments.map((s) => [s.code, s.target])) : undefined;
    out.push({ question, page: pageOf.get(name) ?? 0, codes, shares, remaining });
  }
  return out;
}

/** Languages and their shares: the seed's, the default language taking the rest (80 % without a seed). */
function languageShares(study: Study, seed: DemoSeed | undefined): { tags: string[]; weights: number[] } {
  const main = defaultLanguage(study);
  const others = study.languages.filter((l) => l !== main);
  const given = seed?.languageShares;
  const weights = others.map((l) => (given ? (given[l] ?? 0) : 0.2 / others.length));
  return { tags: [main, ...others], weights: [Math.max(0, 1 - weights.reduce((a, b) => a + b, 0)), ...weights] };
}

/**
 * The responses of one synthetic wave of any study, from its definition alone, as a lazy sequence of store
 * rows: margin variables drawn near the wave's population targets (with a mild self-selection, so that
 * weighting has work to do) or from uneven shares, respondents of a full quota segment screened out, then every visible
 * question answered from a latent factor per respondent (answers correlate, cuts differ, and indicators
 * drift smoothly from quarter to quarter), about 12 % drop-outs, 3 % speeders, languages spread over the
 * study's. Each row is checked with the study's `validateResponse` and packed like `packAnswers`.
 * @throws Error when a generated response does not validate (a bug of the generator, never stored).
 */
export function generateGenericWave(options: GenericWaveOptions): { rows: Iterable<DemoRow>; summary: GenericWaveSummary } {
  const summary: GenericWaveSummary = { generated: 0, complete: 0, partial: 0, screenedOut: 0, speeders: 0, validated: 0 };
  return { rows: rowsOf(options, summary), summary };
}

function* rowsOf(options: GenericWaveOptions, summary: GenericWaveSummary): Generator<DemoRow> {
  const { study, n, code } = options;
  const layout = columnLayout(study);
  const pack = createAnswerPacker(layout);
  const model = createGenericAnswerModel(study);
  const prng = createPrng(options.seed, `generic:${study.id}:${code}`);
  const tag = 10_000 + (hashText(`${study.id}:${code}`) % 55_536);
  const publicId = createDemoPublicId(options.secretKey, (options.seed ^ hashText(`${study.id}:${code}:ids`)) >>> 0, tag);
  const profile = profileVariables(study, model, options.targets, options.quotas);
  const languages = languageShares(study, options.demoSeed);
  const t = quarterIndex(options.opensAt);
  const mood = model.mood(t);
  const validateAll = options.validateAll ?? (n <= 100_000 ? n : 10_000);
  const validateEvery = options.validateEvery ?? 100;
  const pages = study.pages;
  const iso = createIsoTimestamp();
  const dayMs = 86_400_000;
  const answerer = createAnswerer(model, t, options.demoSeed);
  for (let i = 0; i < n; i++) {
    const lang = languages.tags[prng.weighted(languages.weights)];
    let complete = !prng.chance(DROP_OUT_RATE);
    let pagesAnswered = complete ? pages.length : prng.weighted(pages.map((_, p) => (p === pages.length - 1 ? 0 : pages.length - p)));
    let eta = prng.normal() + mood;
    const drawn = new Map<string, number>();
    for (const v of profile) {
      const c = v.codes[prng.weighted(v.shares)];
      if (complete && v.remaining && (v.remaining.get(c) ?? 1) <= 0) {
        // the respondent's segment is full: the questionnaire stops them at this question
        complete = false;
        pagesAnswered = Math.min(pagesAnswered, v.page);
        summary.screenedOut++;
        break;
      }
      drawn.set(v.question.name, c);
      eta += model.profileShift(v.question.name, c);
    }
    const speeder = complete && prng.chance(SPEEDER_RATE);
    const speed = speeder ? 0.15 + 0.1 * prng.next() : Math.exp(0.35 * prng.normal());
    const answers: Answers = {};
    let pageDurationsJson = '{';
    let durationMs = 0;
    for (let p = 0; p < Math.min(pagesAnswered + 1, pages.length); p++) {
      const page = pages[p];
      let shown = 0,
        chars = 0;
      if (p < pagesAnswered) {
        for (const q of page.questions) {
          if (!isVisible(q, answers, study)) continue;
          shown += q.kind === 'matrix' || q.kind === 'numbers' ? q.items.length : q.kind === 'textgrid' ? q.rows.length * q.columns.length : q.kind === 'info' ? 0 : 1;
          const value = drawn.get(q.name) ?? answerer(shownQuestion(study, q, answers) ?? q, eta, lang, prng, i, answers);
          if (value === undefined) continue;
          answers[q.name] = value;
          if (typeof value === 'string') chars += value.length;
        }
      } else shown = page.questions.length / 2;
      const seconds = (6 + 7 * shown) * speed * Math.exp(0.3 * prng.normal()) + chars * 0.25;
      const ms = Math.max(800, Math.round(seconds * 1000));
      pageDurationsJson += `${p === 0 ? '' : ','}"${p}":${ms}`;
      durationMs += ms;
    }
    if (complete) {
      for (const v of profile) {
        const c = answers[v.question.name];
        if (v.remaining && typeof c === 'number' && v.remaining.has(c)) v.remaining.set(c, v.remaining.get(c)! - 1);
      }
    }
    const packed = pack(answers);
    if (i < validateAll || i % validateEvery === 0) {
      const { errors } = validateResponse(study, answers, { complete });
      if (errors.length > 0) {
        const e = errors[0];
        throw new Error(`generateGenericWave: response ${i} of ${study.id} ${code} is invalid: ${e.field} ${e.code} ${JSON.stringify(e.params)}`);
      }
      if (!Buffer.from(packed).equals(packAnswers(layout, answers))) throw new Error(`generateGenericWave: response ${i} of ${code} packs differently from packAnswers`);
      summary.validated++;
    }
    const day = Math.floor(((i + prng.next()) / n) * options.fieldworkDays);
    const secondOfDay = Math.round((8 + 6 * (prng.next() + prng.next())) * 3600);
    const started = options.opensAt.getTime() + day * dayMs + secondOfDay * 1000;
    const ended = iso(started + durationMs);
    summary.generated++;
    if (complete) summary.complete++;
    else summary.partial++;
    if (speeder) summary.speeders++;
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
      currentPage: complete ? pages.length - 1 : Math.min(pagesAnswered, pages.length - 1),
      language: lang,
      company: null,
      source: 'demo',
      publicId: publicId(i),
    };
  }
}
