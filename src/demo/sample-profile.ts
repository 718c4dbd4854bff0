import type { Prng } from './prng.js';
import { POPULATION } from './population.js';

/**
 * Self-selection of an online barometer: how much more likely a company of each size band / sector is to
 * answer than its share of the population says. Large companies (marketing teams, the organisers' own
 * networks) answer thousands of times more often than micro companies; information and business services
 * more than the rest. The propensity is a product of a size and a sector factor, which raking on the two
 * margins undoes exactly.
 */
export const SIZE_PROPENSITY = [0, 1, 40, 700, 8000] as const;
export const SECTOR_PROPENSITY = [0, 0.8, 0.9, 2, 1.5, 0.7] as const;

/** Regions of the head office, in the population (illustrative shares) times the barometer's reach. */
const REGION_WEIGHTS = [0, 0.23 * 1.6, 0.2, 0.22, 0.14, 0.18, 0.03 * 0.6];

/** Respondent's role by size band: managers answer for small companies, marketing teams for large ones. */
const ROLE_WEIGHTS: readonly (readonly number[])[] = [
  [],
  [0, 0.62, 0.12, 0.1, 0.06, 0.03, 0.07],
  [0, 0.3, 0.25, 0.2, 0.1, 0.05, 0.1],
  [0, 0.08, 0.32, 0.28, 0.18, 0.07, 0.07],
  [0, 0.03, 0.3, 0.3, 0.24, 0.07, 0.06],
];

/** Cumulative sampling shares of the 20 size × sector cells (cell = (size − 1) · 5 + sector − 1). */
const CELL_WEIGHTS: Float64Array = (() => {
  const w = new Float64Array(20);
  for (let s = 1; s <= 4; s++) for (let k = 1; k <= 5; k++) w[(s - 1) * 5 + k - 1] = POPULATION[s - 1][k - 1] * SIZE_PROPENSITY[s] * SECTOR_PROPENSITY[k];
  return w;
})();

export interface Profile {
  readonly size: number;
  readonly sector: number;
  readonly region: number;
  readonly role: number;
}

/** Draws the profile of one self-selected respondent. */
export function sampleProfile(prng: Prng): Profile {
  const cell = prng.weighted(CELL_WEIGHTS);
  const size = Math.floor(cell / 5) + 1;
  const sector = (cell % 5) + 1;
  return { size, sector, region: prng.weighted(REGION_WEIGHTS), role: prng.weighted(ROLE_WEIGHTS[size]) };
}
