import type { Answers } from '../study/index.js';
import { ITEM_INDEX, MODEL_ITEMS, SIZE_SCORE } from './answer-model.js';
import type { BalancedDraws } from './balanced-draws.js';
import { logistic, profileLogit } from './calibrate-model.js';
import type { Prng } from './prng.js';

/** The wave-level state shared by every respondent of a wave. */
export interface WaveModel {
  readonly year: number;
  readonly prng: Prng;
  readonly draws: BalancedDraws;
  /** intercept + profile logit per cell (size × sector) and item: logits[cell * items + item] */
  readonly logits: Float64Array;
}

/** One synthetic respondent while their answers are drawn. */
export interface Respondent {
  readonly wave: WaveModel;
  readonly size: number;
  readonly sector: number;
  readonly region: number;
  readonly role: number;
  /** size × sector cell, 0..19 */
  readonly cell: number;
  /** latent digital maturity, N(0, 1) */
  readonly z: number;
  /** complete responses draw balanced outcomes; partial ones plain Bernoulli */
  readonly complete: boolean;
  /** answers every matrix item with this code (0: not a straight-liner) */
  readonly straightLine: number;
  /** known once uses_social is answered */
  uses: boolean | undefined;
  readonly answers: Answers;
}

export const CELLS = 20;
export const cellOf = (size: number, sector: number): number => (size - 1) * 5 + (sector - 1);

/** The cell × item logits of a year's calibrated intercepts. */
export function cellLogits(intercepts: Float64Array): Float64Array {
  const items = MODEL_ITEMS.length;
  const logits = new Float64Array(CELLS * items);
  for (let size = 1; size <= 4; size++) {
    for (let sector = 1; sector <= 5; sector++) {
      const cell = cellOf(size, sector);
      MODEL_ITEMS.forEach((m, i) => {
        logits[cell * items + i] = intercepts[i] + profileLogit(m, size, sector);
      });
    }
  }
  return logits;
}

/** The item's index in MODEL_ITEMS (throws on a typo at module load). */
export function itemIndex(key: string): number {
  const i = ITEM_INDEX.get(key);
  if (i === undefined) throw new RangeError(`itemIndex: no model item "${key}"`);
  return i;
}

/** Probability of yes for an item, given the respondent's profile, maturity and use of social media. */
export function itemProbability(r: Respondent, item: number): number {
  const m = MODEL_ITEMS[item];
  let x = r.wave.logits[r.cell * MODEL_ITEMS.length + item] + m.z * r.z;
  if (m.base === 'all' && r.uses === false) x += m.nonUser;
  return logistic(x);
}

/** Draws an item's yes/no: balanced within the respondent's cell when the response will be complete. */
export function drawItem(r: Respondent, item: number): boolean {
  const p = itemProbability(r, item);
  return r.complete ? r.wave.draws.draw(r.cell, item, p) : r.wave.prng.chance(p);
}

/** Records a yes/no decided outside the model (a straight-liner's, or a forced choice). */
export function forceItem(r: Respondent, item: number, yes: boolean): void {
  if (r.complete) r.wave.draws.force(r.cell, item, itemProbability(r, item), yes);
}

/** The respondent's size on the model's logit scale. */
export const sizeScore = (r: Respondent): number => SIZE_SCORE[r.size];
