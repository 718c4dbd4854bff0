/** Every code a statistics function can throw. */
export type StatsErrorCode =
  | 'EMPTY_SAMPLE'
  | 'NEGATIVE_WEIGHT'
  | 'ZERO_WEIGHT'
  | 'NOT_CONVERGED'
  | 'EMPTY_MARGIN_LEVEL'
  | 'ZERO_POPULATION'
  | 'INCONSISTENT_MARGINS'
  | 'MISSING_VALUE'
  | 'LONELY_PSU'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_LEVEL'
  | 'NOT_NUMERIC'
  | 'NOT_CATEGORICAL'
  | 'LENGTH_MISMATCH'
  | 'INVALID_ARGUMENT'
  | 'SINGULAR_MATRIX';

/**
 * The one error of `src/stats`: a `code` to branch on and a message naming the function and the value,
 * e.g. `rake: margin "size" has no respondent in level "GE"`; `row` locates a faulty row.
 */
export class StatsError extends Error {
  override readonly name = 'StatsError';
  readonly code: StatsErrorCode;
  /** 0-based index of the dataset row at fault, when there is one (messages number rows from 1) */
  readonly row: number | undefined;
  constructor(code: StatsErrorCode, message: string, row?: number) {
    super(message);
    this.code = code;
    this.row = row;
  }
}
