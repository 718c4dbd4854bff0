import { categoricalOf, numericValues } from './dataset.js';
import { codeTables } from './code-tables.js';
import type { DesignFrame } from './design-frame.js';
import { StatsError } from './stats-error.js';
import { fromMoments, meanMoments, statsFromCodeTable, type DomainStat, type IndicatorStats } from './table-moments.js';
import { linearizedCovariance } from './variance.js';

export { codeTables, type CodeTable } from './code-tables.js';
export { prepareDesignFrame, type DesignFrame } from './design-frame.js';
export { statsFromCodeTable, type DomainStat, type IndicatorStats } from './table-moments.js';

// Internal engine of computeTableSet. An indicator's influence values are w·h(key) where the key of a row is
// (its answer code, its banner levels, its stratum, its calibration cell), so when each row is its own PSU the
// linearised variances and covariances of every domain follow exactly from sums over keys (Σ1, Σw, Σw², Σw0 and
// their products with y): one pass over the rows per column, then O(keys) per estimate. Clustered designs (or
// tables too large) fall back to influence vectors and `linearizedCovariance`:
//
//   design + banners ──prepareDesignFrame (design-frame.ts)──▶ DesignFrame: rows → dense keys → design cells
//   categorical column ──codeTables (code-tables.ts)──▶ (count, Σw, Σw²) by (code, key)
//        share ──statsFromCodeTable (table-moments.ts)──▶ 9 packed moments by key ──fromMoments──▶ IndicatorStats
//   numeric column ──meanMoments (table-moments.ts)──▶ 9 packed moments by key ──fromMoments──▶ IndicatorStats
//   clustered design, several calibrations, tables too large ──fromInfluences (below)──▶ IndicatorStats

export type IndicatorInput = { readonly kind: 'proportion'; readonly column: string; readonly yes: readonly number[] } | { readonly kind: 'mean'; readonly column: string };

/**
 * Stats of an indicator overall and in every banner column (fast path, else influence vectors). O(n + keys·levels).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL, NOT_NUMERIC, UNKNOWN_LEVEL.
 * @example indicatorStats(frame, { kind: 'proportion', column: 'q', yes: [1] }, 'x').overall?.estimate // 0.42
 */
export function indicatorStats(frame: DesignFrame, indicator: IndicatorInput, caller: string): IndicatorStats {
  if (frame.fast) {
    if (indicator.kind === 'mean') return fromMoments(frame, meanMoments(frame, indicator.column, caller));
    const [table] = codeTables(frame, [indicator.column], caller);
    if (table) return statsFromCodeTable(frame, table, indicator.yes, caller);
  }
  return fromInfluences(frame, indicator, caller);
}

/** General path: influence vectors, any design. O(n·columns²) per banner. */
function fromInfluences(frame: DesignFrame, indicator: IndicatorInput, caller: string): IndicatorStats {
  const { design } = frame;
  const n = design.n;
  const y = new Float64Array(n);
  if (indicator.kind === 'proportion') {
    const column = categoricalOf(design.dataset, indicator.column, caller);
    const isYes = new Uint8Array(column.levels.length);
    for (const code of indicator.yes) {
      if (!(code >= 0 && code < column.levels.length)) throw new StatsError('UNKNOWN_LEVEL', `${caller}: column "${indicator.column}" has no code ${code}`);
      isYes[code] = 1;
    }
    for (let i = 0; i < n; i++) y[i] = column.codes[i] < 0 ? NaN : isYes[column.codes[i]];
  } else {
    y.set(numericValues(design.dataset, indicator.column, caller));
  }
  const w = design.weights;
  const domainInfluence = (member: (i: number) => boolean): { stat: DomainStat; x: Float64Array } | null => {
    let count = 0,
      W = 0,
      W2 = 0,
      Wy = 0,
      Wyy = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(y[i]) || !member(i)) continue;
      if (w[i] > 0) count++;
      W += w[i];
      W2 += w[i] * w[i];
      Wy += w[i] * y[i];
      Wyy += w[i] * y[i] * y[i];
    }
    if (count === 0) return null;
    const p = Wy / W;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) if (!Number.isNaN(y[i]) && member(i)) x[i] = (w[i] * (y[i] - p)) / W;
    const unitVariance = count > 1 ? ((Wyy / W - p * p) * count) / (count - 1) : 0;
    return { stat: { estimate: p, variance: 0, n: count, sumWeights: W, sumSquaredWeights: W2, unitVariance }, x };
  };
  const whole = domainInfluence(() => true);
  const overall = whole ? { ...whole.stat, variance: linearizedCovariance(design, [whole.x])[0] } : null;
  const banners = frame.banners.map((b) => {
    const parts = Array.from({ length: b.size - 1 }, (_, level) => domainInfluence((i) => b.codes[i] === level));
    const present = parts.flatMap((part, j) => (part ? [j] : []));
    const v = linearizedCovariance(
      design,
      present.map((j) => parts[j]!.x),
    );
    const k = parts.length;
    const cov = new Float64Array(k * k);
    present.forEach((a, i) =>
      present.forEach((c, j) => {
        cov[a * k + c] = v[i * present.length + j];
      }),
    );
    return { stats: parts.map((part, j) => (part ? { ...part.stat, variance: cov[j * k + j] } : null)), covariance: cov };
  });
  return { overall, banners };
}
