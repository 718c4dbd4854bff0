import type { RankingResult } from './ranking-estimates.js';
import type { NumbersResult } from './numbers-estimates.js';
import type { Label, StudyLanguages } from '../study/index.js';

/** What pages need of a study beside its results: its words, languages and respondent unit. */
export type StudySummary = StudyLanguages & { readonly id: string; readonly title: Label; readonly producers: readonly string[] };

/** Version of the results object's shape: a cached payload of another version is recomputed. */
export const WAVE_RESULTS_VERSION = 5;

/** A cut column with fewer respondents is marked "low base" (default 30). */
export const LOW_BASE = 30;
/** A cut column with fewer respondents is suppressed: no estimate is published (default 10). */
export const SUPPRESS_BASE = 10;

/** A change against the previous published wave (independent samples, two-sided test). */
export interface ResultTrend {
  readonly previousWave: string;
  readonly previous: number;
  readonly difference: number;
  readonly se: number;
  readonly p: number;
  readonly significant: boolean;
}

/** One column of a cut (a level of a profile variable). Suppressed columns carry no estimate. */
export interface CutCell {
  readonly code: number;
  readonly letter: string;
  readonly label: Label;
  /** unweighted base */
  readonly n: number;
  readonly nEffective: number | null;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  /** letters of the columns this one significantly exceeds at the test level */
  readonly letters: string;
  readonly lowBase: boolean;
  readonly suppressed: boolean;
}

/** An earlier published wave's figure for the trend chart. */
export interface HistoryPoint {
  readonly wave: string;
  readonly title: string;
  readonly estimate: number;
  readonly ci: readonly [number, number];
  readonly n: number;
  /** whether the change from the wave before it was significant */
  readonly significant: boolean;
}

export interface IndicatorResult {
  readonly id: string;
  readonly theme: string;
  readonly group: string | null;
  readonly label: Label;
  readonly variable: string;
  /** weighted proportion, 0..1; null when no respondent is in the base */
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  readonly n: number;
  readonly nEffective: number | null;
  readonly deff: number | null;
  /** the question was shown only to some respondents (a display condition): the base `n` is theirs */
  readonly filtered?: boolean;
  readonly trend: ResultTrend | null;
  /** by banner id (the cut's variable) */
  readonly cuts: Readonly<Record<string, readonly CutCell[]>>;
  /** earlier published waves, oldest first */
  readonly history: readonly HistoryPoint[];
}

/** A cut variable: a single-choice question the study lists in `cuts`. */
export interface BannerInfo {
  readonly id: string;
  readonly variable: string;
  /** the cut's label (a noun phrase for sentences) when `named`, else the question's text */
  readonly label: Label;
  readonly named: boolean;
  readonly levels: readonly { readonly code: number; readonly letter: string; readonly label: Label }[];
}

export interface WeightingResult {
  readonly status: 'weighted' | 'unweighted';
  readonly reason: string | null;
  readonly source: string | null;
  readonly margins: readonly {
    readonly variable: string;
    readonly label: Label;
    readonly levels: readonly {
      readonly code: number;
      readonly label: Label;
      readonly population: number;
      readonly targetShare: number;
      readonly n: number;
      readonly sampleShare: number;
      readonly achievedShare: number;
    }[];
  }[];
  readonly converged: boolean | null;
  readonly iterations: number | null;
  readonly trimming: { readonly lower: number; readonly upper: number; readonly trimmed: number } | null;
  /** respondents without an answer to a margin question, weighted as their own class to their share of the sample */
  /** respondents without an answer to a margin: the policy applied (absent in results computed before policies: impute) and the rows it touched */
  readonly missing?: readonly {
    readonly variable: string;
    readonly label: Label;
    readonly policy?: 'impute' | 'notStated' | 'unweighted';
    readonly n: number;
    readonly share: number;
    readonly targetShare?: number;
  }[];
  readonly efficiency: number;
  readonly kishDeff: number;
  readonly effectiveSampleSize: number;
  readonly minWeight: number;
  readonly maxWeight: number;
}

/** Everything published about a wave: plain JSON, full precision, rounding happens when formatting. */
export interface WaveResults {
  readonly kind: 'waveResults';
  readonly version: typeof WAVE_RESULTS_VERSION;
  readonly study: StudySummary & { readonly version: number };
  readonly wave: {
    readonly id: number;
    readonly code: string;
    readonly title: string;
    readonly opensAt: string | null;
    readonly closesAt: string | null;
    readonly dataVersion: number;
  };
  readonly previousWave: { readonly code: string; readonly title: string } | null;
  /** waves of the history, oldest first (earlier published ones) */
  readonly earlierWaves: readonly { readonly code: string; readonly title: string }[];
  /** complete, kept responses */
  readonly n: number;
  readonly settings: { readonly conf: number; readonly alpha: number; readonly lowBase: number; readonly suppressBase: number };
  readonly weighting: WeightingResult;
  readonly themes: readonly { readonly id: string; readonly label: Label }[];
  readonly banners: readonly BannerInfo[];
  readonly indicators: readonly IndicatorResult[];
  /** per ranking question (identifying ones left out): each option's mean rank and share ranked first; absent in results of an older shape */
  readonly rankings?: readonly RankingResult[];
  /** per multiple numeric question (identifying ones left out): each item's weighted mean, overall and by cut; absent in results of an older shape */
  readonly numbers?: readonly NumbersResult[];
}
