/** A seeded pseudo-random generator: the demo's only source of randomness (never Math.random). */
export interface Prng {
  /** uniform in [0, 1), 32 bits of resolution */
  next(): number;
  /** integer in [0, n) */
  int(n: number): number;
  /** standard normal (Box–Muller) */
  normal(): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** index drawn with probability proportional to `weights` */
  weighted(weights: ArrayLike<number>): number;
  /** one element of a non-empty array */
  pick<T>(items: readonly T[]): T;
}

/** splitmix32: spreads a seed (and a stream name) over the four words of xoshiro's state. */
function splitmix32(state: number): () => number {
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a text: names a stream (e.g. a wave's year) inside one seed. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * xoshiro128** (Blackman & Vigna, 2018) seeded through splitmix32 from `seed` and an optional stream
 * name, so that each wave of a demo has its own reproducible stream.
 */
export function createPrng(seed: number, stream = ''): Prng {
  const init = splitmix32((seed >>> 0) ^ hashText(stream));
  let a = init(),
    b = init(),
    c = init(),
    d = init();
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  let spare = Number.NaN;
  const next = () => nextU32() / 4294967296;
  const prng: Prng = {
    next,
    int: (n) => Math.floor(next() * n),
    normal() {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = Number.NaN;
        return s;
      }
      const u = 1 - next(),
        v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    weighted(weights) {
      let total = 0;
      for (let i = 0; i < weights.length; i++) total += weights[i];
      let x = next() * total;
      for (let i = 0; i < weights.length; i++) {
        x -= weights[i];
        if (x < 0) return i;
      }
      return weights.length - 1;
    },
    pick: (items) => items[Math.floor(next() * items.length)],
  };
  return prng;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
