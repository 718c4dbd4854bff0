import type { Study } from '../study/index.js';
import { createPrng, hashText, type Prng } from './prng.js';

/** How one variable (a question, a matrix item or an option) answers the respondent's latent factor. */
export interface VariableModel {
  /** effect of the latent factor on the answer (log-odds per standard deviation) */
  readonly loading: number;
  /** shares of the options or points at a neutral respondent (sum 1) */
  readonly shares: readonly number[];
  /** drift over time: amplitude × sin(2π t / period + phase), t in quarters */
  readonly amplitude: number;
  readonly period: number;
  readonly phase: number;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** Log-odds drift of a variable in quarter `t` (a smooth, bounded wave-to-wave movement). */
export function drift(model: VariableModel, t: number): number {
  return model.amplitude * Math.sin((2 * Math.PI * t) / model.period + model.phase);
}

/** The quarter index of a date (2025-07-01 → 8102): the time axis of the drifts. */
export function quarterIndex(date: Date): number {
  return date.getUTCFullYear() * 4 + date.getUTCMonth() / 3 + date.getUTCDate() / 91;
}

/**
 * The latent answer model of a study with no calibrated generator of its own, drawn once from the study's
 * id (the same study gets the same model whatever the demo seed, so that seeds only change the sample):
 * per variable a loading on the respondent's latent factor (mostly positive, so that answers correlate),
 * plausible uneven shares, and a slow drift; per profile code a shift of the latent factor, so that cuts
 * differ. Models are made on first use and kept.
 */
export interface GenericAnswerModel {
  variable(key: string, count: number, ordered: boolean): VariableModel;
  /** the shift of the latent factor for a respondent whose profile variable `variable` is `code` */
  profileShift(variable: string, code: number): number;
  /** a study-wide mood in quarter t, common to every variable (in units of the latent factor) */
  mood(t: number): number;
  /** a per-variable prng, for choices made once per study (e.g. a selection bias) */
  prng(key: string): Prng;
}

export function createGenericAnswerModel(study: Study): GenericAnswerModel {
  const studySeed = hashText(study.id);
  const cache = new Map<string, VariableModel>();
  const shifts = new Map<string, number>();
  const prngOf = (key: string) => createPrng(studySeed, `model:${key}`);
  const moodPhase = prngOf('mood').next() * 2 * Math.PI;
  return {
    variable(key, count, ordered) {
      const cacheKey = `${key}/${count}/${ordered ? 'o' : 'u'}`;
      const cached = cache.get(cacheKey);
      if (cached) return cached;
      const prng = prngOf(key);
      const sign = prng.chance(0.8) ? 1 : -1;
      const loading = sign * (0.35 + 0.6 * prng.next());
      let weights: number[];
      if (ordered) {
        // a single-peaked shape around a centre somewhere in the middle of the scale, with some spread
        const centre = 0.25 + 0.5 * prng.next();
        const width = 0.08 + 0.12 * prng.next();
        weights = Array.from({ length: count }, (_, i) => 0.04 + Math.exp(-(((count === 1 ? 0 : i / (count - 1)) - centre) ** 2) / width));
      } else {
        weights = Array.from({ length: count }, () => Math.exp(0.8 * prng.normal()));
      }
      const total = weights.reduce((a, b) => a + b, 0);
      const model = Object.freeze({
        loading,
        shares: Object.freeze(weights.map((w) => w / total)),
        amplitude: 0.05 + 0.3 * prng.next(),
        period: 6 + 10 * prng.next(),
        phase: prng.next() * 2 * Math.PI,
      });
      cache.set(cacheKey, model);
      return model;
    },
    profileShift(variable, code) {
      const key = `${variable}=${code}`;
      let shift = shifts.get(key);
      if (shift === undefined) shifts.set(key, (shift = 0.3 * prngOf(`profile:${key}`).normal()));
      return shift;
    },
    mood: (t) => 0.15 * Math.sin((2 * Math.PI * t) / 11 + moodPhase),
    prng: prngOf,
  };
}

/** Where a variable's answers sit for a respondent at latent position `eta` in quarter `t` (log-odds). */
export function location(model: VariableModel, eta: number, t: number): number {
  return model.loading * eta + drift(model, t);
}

/**
 * An ordered answer (index 0 … shares.length − 1) at `loc`: an ordered logit whose cut points give the
 * model's shares at loc = 0.
 */
export function orderedIndex(shares: readonly number[], loc: number, prng: Prng): number {
  const latent = loc + logit(Math.min(1 - 1e-9, Math.max(1e-9, prng.next())));
  let cumulative = 0;
  for (let i = 0; i < shares.length - 1; i++) {
    cumulative += shares[i];
    if (latent < logit(Math.min(1 - 1e-9, cumulative))) return i;
  }
  return shares.length - 1;
}

/** Whether an option of a multiple choice is selected: base share `p` moved by `loc`. */
export function selected(p: number, loc: number, prng: Prng): boolean {
  return prng.chance(logistic(logit(p) + loc));
}

/** A number between the question's bounds (0 to 100 without), skewed towards the low end, moving with `loc`. */
export function numberAnswer(q: { readonly min?: number; readonly max?: number; readonly integer: boolean }, centre: number, loc: number, prng: Prng): number {
  const lo = q.min ?? 0;
  const hi = q.max ?? lo + 100;
  const u = logistic(logit(centre) + 0.3 * loc + 0.5 * prng.normal());
  const value = lo + u * (hi - lo);
  const rounded = q.integer ? Math.round(value) : Math.round(value * 10) / 10;
  return Math.min(hi, Math.max(lo, rounded));
}

const DAY_MS = 86_400_000;
const TEN_YEARS_MS = 3652 * DAY_MS;

/**
 * A uniform random day within a date question's bounds, both included; a missing bound is ten years from the
 * other (2000-01-01 to 2025-12-31 without either).
 */
export function dayBetween(min: string | undefined, max: string | undefined, prng: Prng): string {
  const parse = (day: string) => Date.parse(`${day}T00:00:00Z`);
  const from = min !== undefined ? parse(min) : max !== undefined ? parse(max) - TEN_YEARS_MS : parse('2000-01-01');
  const to = max !== undefined ? parse(max) : min !== undefined ? parse(min) + TEN_YEARS_MS : parse('2025-12-31');
  const days = Math.max(0, Math.round((to - from) / DAY_MS));
  return new Date(from + prng.int(days + 1) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Random shares of `total` over `count` items (a budget split): each item within [min, max], whole numbers
 * when `integer` (a tenth otherwise), adding up to the total exactly. Null when the bounds make it impossible.
 */
export function splitTotal(count: number, total: number, bounds: { readonly min?: number; readonly max?: number; readonly integer: boolean }, prng: Prng): number[] | null {
  const step = bounds.integer ? 1 : 0.1;
  const units = Math.round(total / step);
  // + 0: Math.ceil(-1e-9) is -0, which JSON writes as 0 but a packed Float64 keeps as -0
  const lo = Math.ceil((bounds.min ?? 0) / step - 1e-9) + 0;
  const hi = bounds.max === undefined ? units : Math.floor(bounds.max / step + 1e-9);
  if (count * lo > units || count * hi < units || Math.abs(units * step - total) > 1e-9 * Math.max(1, Math.abs(total))) return null;
  // everyone at the minimum, then the rest unit by unit to items drawn with random weights and room left
  const shares = new Array<number>(count).fill(lo);
  const weights = Array.from({ length: count }, () => -Math.log(1 - prng.next()));
  let left = units - count * lo;
  while (left > 0) {
    const open = weights.map((w, k) => (shares[k] < hi ? w : 0));
    const k = prng.weighted(open);
    const room = Math.min(hi - shares[k], left, Math.max(1, Math.ceil(left * prng.next())));
    shares[k] += room;
    left -= room;
  }
  const out = shares.map((u) => (bounds.integer ? u : Math.round(u) / 10));
  if (!bounds.integer) {
    // tenths: make the float sum land on the total
    const sum = out.reduce((a, b) => a + b, 0);
    out[count - 1] = Math.round((out[count - 1] + total - sum) * 10) / 10;
  }
  return out;
}
