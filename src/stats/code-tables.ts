import { categoricalOf, type CodeArray } from './dataset.js';
import type { DesignFrame } from './design-frame.js';

// Code tables: for one categorical column, the sums over rows by (answer code, key), three per slot:
//
//   table: Float64Array((L + 1)·K·3)
//   slot  (code + 1)·K + key          code −1 (missing) is slot row 0, codes 0…L−1 rows 1…L
//   [slot·3 + 0] count of rows with w > 0     [slot·3 + 1] Σw     [slot·3 + 2] Σw²
//
//          key 0            key 1             …  key K−1
//   miss   n Σw Σw²         n Σw Σw²
//   code 0 n Σw Σw²         …
//   …
//
// A share indicator's moments follow from its table alone (table-moments.ts), so one pass over the rows
// serves every indicator of the column; codeTables fills four columns per pass.

const MAX_TABLE = 1 << 23;

/** Sums (count, Σw, Σw²) of a categorical column by key = (code + 1, banner levels, stratum, calibration cell). */
export interface CodeTable {
  readonly column: string;
  readonly levels: number;
  readonly table: Float64Array;
}

/**
 * Code tables of several columns, filled four columns per pass over the rows (the row's key and weight are
 * loaded once for four columns). Null for a column whose table would be too large (general path).
 * Complexity O(n·columns). @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL.
 * @example codeTables(frame, ['q1', 'q2'], 'x')[0]?.levels // 2
 */
export function codeTables(frame: DesignFrame, names: readonly string[], caller: string): (CodeTable | null)[] {
  const K = frame.keys;
  const out: (CodeTable | null)[] = names.map(() => null);
  const fill: { index: number; codes: CodeArray; table: Float64Array }[] = [];
  names.forEach((name, index) => {
    const column = categoricalOf(frame.design.dataset, name, caller);
    const L = column.levels.length;
    if (!frame.fast || (L + 1) * K > MAX_TABLE) return;
    const table = new Float64Array((L + 1) * K * 3);
    out[index] = { column: name, levels: L, table };
    fill.push({ index, codes: column.codes, table });
  });
  const base = frame.baseKey;
  const w = frame.design.weights;
  const n = frame.design.n;
  for (let g = 0; g < fill.length; g += 4) {
    const group = fill.slice(g, g + 4);
    if (group.length === 4) {
      const [c0, c1, c2, c3] = group.map((f) => f.codes);
      const [t0, t1, t2, t3] = group.map((f) => f.table);
      for (let i = 0; i < n; i++) {
        const b = base[i];
        const wi = w[i];
        const w2 = wi * wi; // computing w² is faster than loading it
        const one = wi > 0 ? 1 : 0; // a zero-weight row is in no base (R: nobs = Σ(w ≠ 0))
        let k = ((c0[i] + 1) * K + b) * 3;
        t0[k] += one;
        t0[k + 1] += wi;
        t0[k + 2] += w2;
        k = ((c1[i] + 1) * K + b) * 3;
        t1[k] += one;
        t1[k + 1] += wi;
        t1[k + 2] += w2;
        k = ((c2[i] + 1) * K + b) * 3;
        t2[k] += one;
        t2[k + 1] += wi;
        t2[k + 2] += w2;
        k = ((c3[i] + 1) * K + b) * 3;
        t3[k] += one;
        t3[k + 1] += wi;
        t3[k + 2] += w2;
      }
    } else {
      for (const { codes, table } of group) {
        for (let i = 0; i < n; i++) {
          const k = ((codes[i] + 1) * K + base[i]) * 3;
          const wi = w[i];
          table[k] += wi > 0 ? 1 : 0;
          table[k + 1] += wi;
          table[k + 2] += wi * wi;
        }
      }
    }
  }
  return out;
}
