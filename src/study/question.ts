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

/**
 * Carry forward (LimeSurvey's array filter, Qualtrics' carry-forward): the options (or matrix items) shown are
 * those chosen (`keep: 'chosen'`) or not chosen (`'notChosen'`) in `question`, a multiple choice on an earlier
 * page. Options are matched by code; matrix items by export code (see `carry-forward.ts`). A question left
 * with nothing to show is hidden.
 */
export const ZCarryForward = z.strictObject({ question: ZVariableName, keep: z.enum(['chosen', 'notChosen']) });
export type CarryForward = z.infer<typeof ZCarryForward>;

/** "Other, please specify": an option whose selection asks for a text, stored as `<name>_other`. */
const ZOther = z.strictObject({ code: ZCode, label: ZLabel, exportCode: ZExportCode.optional(), maxLength: z.number().int().min(1).max(500).default(200) });

export const ZSingleQuestion = z.strictObject({
  ...base,
  kind: z.literal('single'),
  display: z.enum(['radio', 'dropdown']).default('radio'),
  options: z.array(ZOption).min(2, 'a single choice needs at least 2 options'),
  other: ZOther.optional(),
  filter: ZCarryForward.optional(),
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
  filter: ZCarryForward.optional(),
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
  filter: ZCarryForward.optional(),
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

/** A calendar day, written `YYYY-MM-DD`: the shape and a real day (no 30 February). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine(isIsoDate, 'not a real calendar day');

/** A day; `min` and `max` bound it (inclusive). Kept as the ISO text `YYYY-MM-DD`. */
export const ZDateQuestion = z.strictObject({
  ...base,
  kind: z.literal('date'),
  min: ZIsoDate.optional(),
  max: ZIsoDate.optional(),
});

/** The key of an item, row or column inside a variable name `<question>_<key>` (`2024`, `sq001`, `price`). */
export const ZItemKey = z.string().regex(/^[a-z0-9][a-z0-9_]{0,29}$/, 'an item key is 1 to 30 lower case letters, digits and _, starting with a letter or digit');

/** An item, row or column whose variable is `<question>_<name>`. */
export const ZKeyedItem = z.strictObject({ name: ZItemKey, label: ZLabel, exportCode: ZExportCode.optional() });
export type KeyedItem = z.infer<typeof ZKeyedItem>;

/**
 * Several labelled numbers (shares of a budget, hours per activity); each item is its own variable
 * `<name>_<item>`. `min`, `max` and `integer` apply to every item; with `total`, the items must add up to it.
 */
export const ZNumbersQuestion = z.strictObject({
  ...base,
  kind: z.literal('numbers'),
  items: z.array(ZKeyedItem).min(1, 'a multiple numeric question needs at least 1 item'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(true),
  total: z.number().optional(),
  unit: ZLabel.optional(),
});

/** A grid of short texts: rows × columns, one text per cell, each cell its own variable `<name>_<row>_<col>`. */
export const ZTextGridQuestion = z.strictObject({
  ...base,
  kind: z.literal('textgrid'),
  rows: z.array(ZKeyedItem).min(1, 'a grid of texts needs at least 1 row'),
  columns: z.array(ZKeyedItem).min(1, 'a grid of texts needs at least 1 column'),
  maxLength: z.number().int().min(1).max(1000).default(100),
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

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'matrix', 'number', 'text', 'consent', 'date', 'numbers', 'textgrid', 'ranking', 'info'] as const;

export const ZQuestion = z.discriminatedUnion('kind', [
  ZSingleQuestion,
  ZMultipleQuestion,
  ZScaleQuestion,
  ZMatrixQuestion,
  ZNumberQuestion,
  ZTextQuestion,
  ZConsentQuestion,
  ZDateQuestion,
  ZNumbersQuestion,
  ZTextGridQuestion,
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
export type DateQuestion = z.infer<typeof ZDateQuestion>;
export type NumbersQuestion = z.infer<typeof ZNumbersQuestion>;
export type TextGridQuestion = z.infer<typeof ZTextGridQuestion>;
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

/** The variable of one item of a multiple numeric question: `<question>_<item>`. */
export function numbersItemKey(question: Pick<NumbersQuestion, 'name'>, item: Pick<KeyedItem, 'name'>): string {
  return `${question.name}_${item.name}`;
}

/** The variable of one cell of a grid of texts: `<question>_<row>_<column>`. */
export function textGridCellKey(question: Pick<TextGridQuestion, 'name'>, row: Pick<KeyedItem, 'name'>, column: Pick<KeyedItem, 'name'>): string {
  return `${question.name}_${row.name}_${column.name}`;
}

/** The cells of a grid of texts, row by row: their variable, row and column. */
export function textGridCells(question: TextGridQuestion): { key: string; row: KeyedItem; column: KeyedItem }[] {
  return question.rows.flatMap((row) => question.columns.map((column) => ({ key: textGridCellKey(question, row, column), row, column })));
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
