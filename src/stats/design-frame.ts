import { categoricalOf, type CodeArray } from './dataset.js';
import type { SurveyDesign } from './design.js';
import type { Calibration } from './calibration.js';

// The design frame: everything about a design and its banners that does not depend on the indicator, as
// parallel typed arrays over four index spaces (n rows, K keys, C = H·Q design cells, H strata):
//
//   row i      baseKey[i] ──────────────▶ key k ∈ [0, K)       (dense: only combinations that occur)
//   key k      comboOfKey[k]  = Σ_b (level_b + 1)·stride_b      (banner levels; 0 = missing in banner b)
//              cellOfKey[k]   = c ─────────────────────────────▶ design cell c ∈ [0, C)
//   cell c     stratumOfCell[c] = ⌊c / Q⌋ = h,  calibrationOfCell[c] = c mod Q = q   (Q calibration cells, 1 if none)
//              weightOfCell[c] = Σw,  squaredWeightOfCell[c] = Σw²   (over the cell's rows)
//   stratum h  rowsPerStratum[h] = n_h,  stratumFactor[h] = (1 − f_h)·n_h/(n_h − 1)   (0 when n_h < 2)
//   cal. q     gOfCalibrationCell[q] = w/w0 (one g-weight per calibration cell)
//   banner b   keysOf[b][level] = the keys whose combination has that level of banner b
//
// A full key is combo·C + c (domainCombos·designCells values, at most 2²² on the fast path); `remap` turns
// the occurring ones into dense keys 0…K−1 in row order, so tables indexed by key stay small. The fast path
// needs no clusters, at most one calibration and at most 2¹⁶ calibration cells; otherwise `fast` is false,
// the key arrays are empty and the engine falls back to influence vectors (table-engine.ts).

/** Everything about a design and its banners that does not depend on the indicator. */
export interface DesignFrame {
  readonly design: SurveyDesign;
  readonly banners: readonly { readonly codes: CodeArray; readonly size: number; readonly stride: number }[];
  readonly fast: boolean;
  /**
   * fast path: dense key of each row without the answer (an occupied combination of banner levels, stratum and
   * calibration cell), the number of such keys, and the combination and design cell of each key
   */
  readonly baseKey: Int32Array;
  readonly keys: number;
  readonly comboOfKey: Int32Array;
  readonly cellOfKey: Int32Array;
  readonly designCells: number;
  readonly domainCombos: number;
  readonly calibration: Calibration | null;
  readonly calibrationCells: number;
  readonly stratumOfCell: Int32Array;
  readonly calibrationOfCell: Int32Array;
  readonly weightOfCell: Float64Array;
  readonly squaredWeightOfCell: Float64Array;
  readonly stratumFactor: Float64Array;
  /** g-weight (w/w0) of each calibration cell: Σw0 over a key is Σw / g */
  readonly gOfCalibrationCell: Float64Array;
  readonly rowsPerStratum: Float64Array;
  /** per banner and level: the dense keys of its rows */
  readonly keysOf: readonly (readonly Int32Array[])[];
}

/**
 * Prepares a design for many indicators over the same banners: dense keys, design-cell totals. O(n·banners).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL for a banner.
 * @example prepareDesignFrame(design, ['size'], 'computeTableSet').fast // true without clusters
 */
export function prepareDesignFrame(design: SurveyDesign, bannerNames: readonly string[], caller: string): DesignFrame {
  const n = design.n;
  let stride = 1;
  const banners = bannerNames.map((name) => {
    const column = categoricalOf(design.dataset, name, caller);
    const size = column.levels.length + 1;
    const banner = { codes: column.codes, size, stride };
    stride *= size;
    return banner;
  });
  const domainCombos = stride;
  const calibration = design.calibrations.length === 1 ? design.calibrations[0] : null;
  const calibrationCells = calibration ? calibration.nCells : 1;
  const designCells = design.nStrata * calibrationCells;
  const fullKeys = domainCombos * designCells;
  const fast = !design.hasClusters && design.calibrations.length <= 1 && calibrationCells <= 1 << 16 && fullKeys <= 1 << 22;
  const baseKey = new Int32Array(fast ? n : 0);
  const gOfCalibrationCell = new Float64Array(calibrationCells).fill(1);
  const weightOfCell = new Float64Array(designCells);
  const squaredWeightOfCell = new Float64Array(designCells);
  const stratumOfCell = new Int32Array(designCells);
  const calibrationOfCell = new Int32Array(designCells);
  for (let c = 0; c < designCells; c++) {
    stratumOfCell[c] = Math.floor(c / calibrationCells);
    calibrationOfCell[c] = c % calibrationCells;
  }
  if (fast) {
    const w = design.weights;
    const cell = calibration ? calibration.cell : null;
    // column by column: tight loops over typed arrays
    for (const b of banners) {
      const codes = b.codes;
      const stride = b.stride;
      for (let i = 0; i < n; i++) baseKey[i] += (codes[i] + 1) * stride;
    }
    const stratum = design.stratum;
    for (let i = 0; i < n; i++) {
      const dc = stratum[i] * calibrationCells + (cell ? cell[i] : 0);
      baseKey[i] = baseKey[i] * designCells + dc;
      const wi = w[i];
      weightOfCell[dc] += wi;
      squaredWeightOfCell[dc] += wi * wi;
    }
    if (calibration && cell) {
      const w0 = calibration.preWeights;
      for (let i = 0; i < n; i++) if (w0[i] > 0) gOfCalibrationCell[cell[i]] = w[i] / w0[i];
    }
  }
  // dense keys: only the combinations that occur (banners often coincide with margins), so tables stay small
  let keys = 0;
  let comboOfKey = new Int32Array(0);
  let cellOfKey = new Int32Array(0);
  if (fast) {
    const remap = new Int32Array(fullKeys).fill(-1);
    for (let i = 0; i < n; i++) {
      const full = baseKey[i];
      let dense = remap[full];
      if (dense < 0) dense = remap[full] = keys++;
      baseKey[i] = dense;
    }
    comboOfKey = new Int32Array(keys);
    cellOfKey = new Int32Array(keys);
    for (let full = 0; full < fullKeys; full++) {
      const dense = remap[full];
      if (dense >= 0) {
        comboOfKey[dense] = Math.floor(full / designCells);
        cellOfKey[dense] = full % designCells;
      }
    }
  }
  const rowsPerStratum = design.psuPerStratum;
  const stratumFactor = rowsPerStratum.map((nh, h) => (nh < 2 ? 0 : ((1 - design.samplingFraction[h]) * nh) / (nh - 1)));
  const keysOf = banners.map((b) =>
    Array.from({ length: b.size - 1 }, (_, level) => {
      const list: number[] = [];
      for (let key = 0; key < keys; key++) if (Math.floor(comboOfKey[key] / b.stride) % b.size === level + 1) list.push(key);
      return Int32Array.from(list);
    }),
  );
  return {
    design,
    banners,
    fast,
    baseKey,
    keys,
    comboOfKey,
    cellOfKey,
    designCells,
    domainCombos,
    calibration,
    calibrationCells,
    stratumOfCell,
    calibrationOfCell,
    weightOfCell,
    squaredWeightOfCell,
    stratumFactor,
    rowsPerStratum,
    keysOf,
    gOfCalibrationCell,
  };
}
