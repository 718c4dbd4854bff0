/** Why a response looks doubtful; an analyst decides whether to exclude it. */
export type CleaningFlag =
  | { readonly kind: 'speeder'; readonly durationMs: number; readonly medianMs: number }
  | { readonly kind: 'straight-liner'; readonly question: string; readonly items: number; readonly code: number }
  | { readonly kind: 'duplicate'; readonly rule: 'company-domain' | 'identical-answers'; readonly with: readonly number[] };

/** The part of a response the cleaning rules read. */
export interface CleaningInput {
  readonly id: number;
  readonly status: 'partial' | 'complete';
  readonly durationMs: number | null;
  readonly answers: Readonly<Record<string, unknown>>;
  /** the respondent's company and e-mail (the response's own, else the invited contact's) */
  readonly company: string | null;
  readonly email: string | null;
}
