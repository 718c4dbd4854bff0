import { estimateMean, normalQuantile, type SurveyDesign } from '../stats/index.js';
import type { Label } from '../study/index.js';

/** A weighted mean (a mean rank, a share, an item's mean) with its standard error, normal interval and bases. */
export interface MeanFigure {
  readonly estimate: number;
  readonly se: number;
  readonly ci: readonly [number, number];
  /** respondents in the base (unweighted) */
  readonly n: number;
  /** Kish effective base */
  readonly nEffective: number;
}

/** One column of a cut for a mean: suppressed columns (base under the suppression threshold) carry no estimate. */
export interface CutMean {
  readonly code: number;
  readonly letter: string;
  readonly label: Label;
  /** unweighted base in the column */
  readonly n: number;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  readonly lowBase: boolean;
  readonly suppressed: boolean;
}

/** A cut as the means read it: the dataset column of its levels (a categorical column of the design) and the levels' words. */
export interface MeanCut {
  readonly id: string;
  readonly column: string;
  readonly levels: readonly { readonly code: number; readonly letter: string; readonly label: Label }[];
}

/** The cuts to split by and the base thresholds their columns are flagged and suppressed at. */
export interface MeanCuts {
  readonly cuts: readonly MeanCut[];
  readonly lowBase: number;
  readonly suppressBase: number;
}

/**
 * The weighted mean of the numeric column `variable` of the design over the whole sample, with its
 * Taylor-linearised standard error and normal interval at `conf` (R: `svymean(~y, design, na.rm = TRUE)`);
 * null when no respondent has a value. Complexity O(n).
 */
export function meanFigure(design: SurveyDesign, variable: string, conf: number): MeanFigure | null {
  const [result] = estimateMean(design, variable);
  if (!result || result.kind !== 'mean') return null;
  const z = normalQuantile(1 - (1 - conf) / 2);
  return { estimate: result.estimate, se: result.se, ci: [result.estimate - z * result.se, result.estimate + z * result.se], n: result.n, nEffective: result.nEffective };
}

/**
 * The weighted mean of the numeric column `variable` in each column of each cut: domain estimates, the
 * influence values zero outside the column, so the standard error keeps the whole sample's design (R:
 * `svyby(~y, ~cut, design, svymean, na.rm = TRUE)`), with a normal interval at `conf`. A column whose base is
 * under `suppressBase` carries no estimate, one under `lowBase` is flagged. Keyed by the cut's id.
 * Complexity O(n · levels) per cut.
 */
export function meansByCut(design: SurveyDesign, variable: string, conf: number, split: MeanCuts): Record<string, CutMean[]> {
  const z = normalQuantile(1 - (1 - conf) / 2);
  const out: Record<string, CutMean[]> = {};
  for (const cut of split.cuts) {
    const results = estimateMean(design, variable, { by: cut.column });
    out[cut.id] = cut.levels.map((level, j): CutMean => {
      const result = results[j];
      const n = result?.kind === 'mean' ? result.n : 0;
      const suppressed = n < split.suppressBase;
      const shown = result?.kind === 'mean' && !suppressed ? result : null;
      return {
        code: level.code,
        letter: level.letter,
        label: level.label,
        n,
        estimate: shown?.estimate ?? null,
        se: shown?.se ?? null,
        ci: shown ? [shown.estimate - z * shown.se, shown.estimate + z * shown.se] : null,
        lowBase: n < split.lowBase,
        suppressed,
      };
    });
  }
  return out;
}
