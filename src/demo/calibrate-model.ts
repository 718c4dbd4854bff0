import { ITEM_INDEX, MODEL_ITEMS, SECTOR_EFFECT, SIZE_SCORE, itemTarget, type ModelItem } from './answer-model.js';
import { POPULATION, SECTOR_CODES, SIZE_CODES } from './population.js';

export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Grid over the latent maturity z ~ N(0, 1): points −5..5 by 0.2 with normalised density weights. */
const GRID_Z: number[] = [];
const GRID_W: number[] = [];
for (let z = -5; z <= 5 + 1e-9; z += 0.2) {
  GRID_Z.push(z);
  GRID_W.push(Math.exp((-z * z) / 2));
}
const wSum = GRID_W.reduce((a, b) => a + b, 0);
for (let q = 0; q < GRID_W.length; q++) GRID_W[q] /= wSum;

/** The item's profile part of the logit for a size × sector cell. */
export function profileLogit(model: ModelItem, size: number, sector: number): number {
  return model.size * SIZE_SCORE[size] + model.sector * SECTOR_EFFECT[sector];
}

/** Population share of yes for an intercept (see answer-model.ts), given the use intercept. */
function populationShare(model: ModelItem, intercept: number, useIntercept: number, useModel: ModelItem): number {
  let num = 0,
    den = 0;
  for (const size of SIZE_CODES) {
    for (const sector of SECTOR_CODES) {
      const count = POPULATION[size - 1][sector - 1];
      const x = intercept + profileLogit(model, size, sector);
      const xu = useIntercept + profileLogit(useModel, size, sector);
      for (let q = 0; q < GRID_Z.length; q++) {
        const z = GRID_Z[q],
          w = GRID_W[q] * count;
        const pu = model === useModel ? 1 : logistic(xu + useModel.z * z);
        const yesUser = logistic(x + model.z * z);
        if (model.base === 'users') {
          num += w * pu * yesUser;
          den += w * pu;
        } else {
          num += w * (model === useModel ? yesUser : pu * yesUser + (1 - pu) * logistic(x + model.z * z + model.nonUser));
          den += w;
        }
      }
    }
  }
  return num / den;
}

function solve(model: ModelItem, target: number, useIntercept: number, useModel: ModelItem): number {
  let lo = -20,
    hi = 20;
  for (let i = 0; i < 48; i++) {
    const mid = (lo + hi) / 2;
    if (populationShare(model, mid, useIntercept, useModel) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const cache = new Map<number, Float64Array>();

/**
 * The intercept of every model item for a wave year (MODEL_ITEMS order), solved by bisection so that the
 * item's population share equals its target. Deterministic and cached per year.
 */
export function calibrateModel(year: number): Float64Array {
  const hit = cache.get(year);
  if (hit) return hit;
  const useModel = MODEL_ITEMS[ITEM_INDEX.get('uses_social')!];
  const intercepts = new Float64Array(MODEL_ITEMS.length);
  const useIntercept = solve(useModel, itemTarget(useModel, year), 0, useModel);
  MODEL_ITEMS.forEach((model, i) => {
    intercepts[i] = model === useModel ? useIntercept : solve(model, itemTarget(model, year), useIntercept, useModel);
  });
  cache.set(year, intercepts);
  return intercepts;
}

/** Population share of an item's yes under calibrated intercepts (for tests and documentation). */
export function modelPopulationShare(key: string, year: number): number {
  const intercepts = calibrateModel(year);
  const i = ITEM_INDEX.get(key);
  if (i === undefined) throw new RangeError(`modelPopulationShare: no item "${key}"`);
  const useIndex = ITEM_INDEX.get('uses_social')!;
  return populationShare(MODEL_ITEMS[i], intercepts[i], intercepts[useIndex], MODEL_ITEMS[useIndex]);
}
