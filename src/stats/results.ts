/** Result objects of the estimators: plain frozen objects with a `kind`, full precision. */

export interface MeanEstimate {
  readonly kind: 'mean' | 'total';
  readonly variable: string;
  /** level of the `by` column, or null for the whole sample */
  readonly domain: string | null;
  readonly estimate: number;
  readonly se: number;
  /** unweighted number of respondents with a value, in the domain */
  readonly n: number;
  /** Kish effective sample size (Σw)²/Σw² of those respondents */
  readonly nEffective: number;
  /** design effect (variance over that of a simple random sample of the same size), when asked */
  readonly deff: number | null;
}

export interface ProportionEstimate {
  readonly kind: 'proportion';
  readonly variable: string;
  readonly level: string;
  readonly domain: string | null;
  readonly estimate: number;
  readonly se: number;
  /** unweighted base: respondents of the domain with a non-missing value */
  readonly n: number;
  readonly nEffective: number;
  readonly deff: number | null;
}

/** A domain without any respondent: reported, never NaN. */
export interface Unavailable {
  readonly kind: 'unavailable';
  readonly variable: string;
  readonly domain: string | null;
  readonly reason: string;
}
