import { z } from 'zod';
import { ZCondition } from './condition.js';
import { ZLabel } from './label.js';

/** Stable variable names: exports, trends and conditions depend on them, so they never change across waves. */
export const ZVariableName = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a variable name is 1 to 32 lower case letters, digits and _, starting with a letter');

/** Stable numeric codes of options: kept across waves. */
export const ZCode = z.number().int('a code is an integer').min(0, 'a code is 0 or more').max(32767, 'a code is at most 32767');

/**
 * A code as the source questionnaire wrote it (`A1`, `Y`, `male`), kept by imports so that exports and later
 * response imports speak the source's codes; the numeric `code` stays the storage code.
 */
export const ZExportCode = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an export code is 1 to 64 letters, digits, _ . or -');

export const ZOption = z.strictObject({ code: ZCode, label: ZLabel, exportCode: ZExportCode.optional() });
export type Option = z.infer<typeof ZOption>;

const base = {
  name: ZVariableName,
  text: ZLabel,
  help: ZLabel.optional(),
  required: z.boolean().default(true),
  condition: ZCondition.optional(),
  /** the answer identifies the respondent (a name, an e-mail typed in a text): erased, purged, kept out of exports */
  identifying: z.boolean().default(false),
};

/** "Other, please specify": an option whose selection asks for a text, stored as `<name>_other`. */
const ZOther = z.strictObject({ code: ZCode, label: ZLabel, maxLength: z.number().int().min(1).max(500).default(200) });

export const ZSingleQuestion = z.strictObject({
  ...base,
  kind: z.literal('single'),
  display: z.enum(['radio', 'dropdown']).default('radio'),
  options: z.array(ZOption).min(2, 'a single choice needs at least 2 options'),
  other: ZOther.optional(),
  /** options in a random order per respondent ("other" stays at the end), recorded in `<name>_order` */
  randomize: z.boolean().optional(),
});

export const ZMultipleQuestion = z.strictObject({
  ...base,
  kind: z.literal('multiple'),
  options: z.array(ZOption).min(2, 'a multiple choice needs at least 2 options'),
  maxSelections: z.number().int().min(1).optional(),
  /** codes of options that exclude every other ("none of these") */
  exclusive: z.array(ZCode).default([]),
  other: ZOther.optional(),
  /** options in a random order per respondent (exclusive and "other" options stay at the end), recorded in `<name>_order` */
  randomize: z.boolean().optional(),
});

/** Labelled points, low to high; `dontKnow` is recorded but kept out of bases. */
export const ZScaleQuestion = z.strictObject({
  ...base,
  kind: z.literal('scale'),
  points: z.array(ZOption).min(2, 'a scale needs at least 2 points'),
  dontKnow: ZOption.optional(),
});

export const ZMatrixItem = z.strictObject({ name: ZVariableName, label: ZLabel, exportCode: ZExportCode.optional() });

/** Several items on one scale; each item is its own variable. */
export const ZMatrixQuestion = z.strictObject({
  ...base,
  kind: z.literal('matrix'),
  items: z.array(ZMatrixItem).min(2, 'a matrix needs at least 2 items'),
  points: z.array(ZOption).min(2, 'a matrix needs at least 2 points'),
  dontKnow: ZOption.optional(),
  /** items in a random order per respondent, recorded in `<name>_order` */
  randomize: z.boolean().optional(),
});

export const ZNumberQuestion = z.strictObject({
  ...base,
  kind: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(true),
  unit: ZLabel.optional(),
});

export const ZTextQuestion = z.strictObject({
  ...base,
  kind: z.literal('text'),
  multiline: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(10000).default(500),
});

/** A box to tick; when required, the answer must be yes. */
export const ZConsentQuestion = z.strictObject({
  ...base,
  kind: z.literal('consent'),
});

/**
 * Options put in order: rank 1 is the first. Between `minRanked` and `maxRanked` options are ranked (by
 * default all of them); each option is its own rank variable `<name>_<code>`, empty when not ranked.
 */
export const ZRankingQuestion = z.strictObject({
  ...base,
  kind: z.literal('ranking'),
  options: z.array(ZOption).min(2, 'a ranking needs at least 2 options'),
  minRanked: z.number().int().min(1, 'minRanked is at least 1').optional(),
  maxRanked: z.number().int().min(1, 'maxRanked is at least 1').optional(),
  /** options in a random order per respondent, recorded in `<name>_order` */
  randomize: z.boolean().optional(),
});

/** A text between questions: no answer, no variable; it may carry a condition. */
export const ZInfoQuestion = z.strictObject({
  name: ZVariableName,
  kind: z.literal('info'),
  text: ZLabel,
  help: ZLabel.optional(),
  condition: ZCondition.optional(),
});

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'matrix', 'number', 'text', 'consent', 'ranking', 'info'] as const;

export const ZQuestion = z.discriminatedUnion('kind', [
  ZSingleQuestion,
  ZMultipleQuestion,
  ZScaleQuestion,
  ZMatrixQuestion,
  ZNumberQuestion,
  ZTextQuestion,
  ZConsentQuestion,
  ZRankingQuestion,
  ZInfoQuestion,
]);

export type Question = z.infer<typeof ZQuestion>;
export type SingleQuestion = z.infer<typeof ZSingleQuestion>;
export type MultipleQuestion = z.infer<typeof ZMultipleQuestion>;
export type ScaleQuestion = z.infer<typeof ZScaleQuestion>;
export type MatrixQuestion = z.infer<typeof ZMatrixQuestion>;
export type NumberQuestion = z.infer<typeof ZNumberQuestion>;
export type TextQuestion = z.infer<typeof ZTextQuestion>;
export type ConsentQuestion = z.infer<typeof ZConsentQuestion>;
export type RankingQuestion = z.infer<typeof ZRankingQuestion>;
export type InfoQuestion = z.infer<typeof ZInfoQuestion>;
/** The questions that record an answer (every kind but information texts). */
export type AnsweredQuestion = Exclude<Question, InfoQuestion>;
export type QuestionKind = Question['kind'];

/** The codes a question may record (options, "other" and "don't know"). */
export function questionCodes(question: Question): number[] {
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return [...question.options.map((o) => o.code), ...(question.other ? [question.other.code] : [])];
    case 'ranking':
      return question.options.map((o) => o.code);
    case 'scale':
    case 'matrix':
      return [...question.points.map((o) => o.code), ...(question.dontKnow ? [question.dontKnow.code] : [])];
    default:
      return [];
  }
}

/** The bounds on how many options a ranking ranks: all of them unless `minRanked`/`maxRanked` say otherwise. */
export function rankingBounds(question: RankingQuestion): { min: number; max: number } {
  const max = Math.min(question.maxRanked ?? question.options.length, question.options.length);
  return { min: Math.min(question.minRanked ?? max, max), max };
}

/** The variable of a ranking option's rank: `<name>_<code>`. */
export function rankKey(question: string, code: number): string {
  return `${question}_${code}`;
}

/** The text variable recording the order a randomised question was shown in: `<name>_order`. */
export function orderKey(question: string): string {
  return `${question}_order`;
}

/** Whether a question's options or items are shown in a random order per respondent. */
export function isRandomized(question: Question): boolean {
  return (question.kind === 'single' || question.kind === 'multiple' || question.kind === 'ranking' || question.kind === 'matrix') && question.randomize === true;
}
