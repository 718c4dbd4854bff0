/** Why a response looks doubtful; an analyst decides whether to exclude it. */
export type CleaningFlag =
  /** `fraction`: the share of the median under which the rule flags (absent: a third) */
  | { readonly kind: 'speeder'; readonly durationMs: number; readonly medianMs: number; readonly fraction?: number }
  | { readonly kind: 'straight-liner'; readonly question: string; readonly items: number; readonly code: number }
  | { readonly kind: 'duplicate'; readonly rule: 'company-domain'; readonly with: readonly number[] }
  | {
      readonly kind: 'duplicate';
      readonly rule: 'identical-answers';
      readonly with: readonly number[];
      /** how many non-empty answers the responses share */
      readonly answers: number;
      /** the probability that another respondent gives these answers by chance (observed answer shares) */
      readonly probability: number;
    };

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

/** The flag of the "identical answers" duplicate rule. */
export type IdenticalAnswersFlag = Extract<CleaningFlag, { readonly rule: 'identical-answers' }>;
