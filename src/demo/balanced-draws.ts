import type { Prng } from './prng.js';

/**
 * Yes/no draws balanced within strata (systematic sampling with a random start, as in PPS systematic
 * selection): in each stratum × item, the running sum t = r + Σp − Σyes stays in [0, 1), so every draw
 * has its own probability p on average while the stratum's number of yes never strays more than one
 * from Σp. The demo draws its complete responses this way, per size × sector cell, so that a small wave's
 * weighted estimates sit close to the model's population values instead of wandering by several points.
 * Forced outcomes (a straight-liner's answers) are accounted for: later draws make up the difference.
 */
export interface BalancedDraws {
  /** draws yes with probability p in stratum `stratum` for item `item` */
  draw(stratum: number, item: number, p: number): boolean;
  /** records an outcome decided elsewhere, whose model probability was p */
  force(stratum: number, item: number, p: number, yes: boolean): void;
}

export function createBalancedDraws(prng: Prng, strata: number, items: number): BalancedDraws {
  const state = new Float64Array(strata * items).fill(Number.NaN);
  const slot = (stratum: number, item: number): number => {
    const k = stratum * items + item;
    if (Number.isNaN(state[k])) state[k] = prng.next();
    return k;
  };
  return {
    draw(stratum, item, p) {
      const k = slot(stratum, item);
      const t = state[k] + p;
      if (t >= 1) {
        state[k] = t - 1;
        return true;
      }
      state[k] = t;
      return false;
    },
    force(stratum, item, p, yes) {
      const k = slot(stratum, item);
      state[k] += p - (yes ? 1 : 0);
    },
  };
}
