/**
 * A response's answers, flat by variable name:
 * - single choice and scale: the option's code; multiple choice: the selected codes;
 * - matrix: one entry per item name with the point's code;
 * - number: the number; text: the string; consent: true or false; date: the day as `YYYY-MM-DD`;
 * - multiple numeric: one number per item under `<question>_<item>`; grid of texts: one string per cell
 *   under `<question>_<row>_<column>`;
 * - "other, please specify": the text under `<question>_other`.
 */
export type AnswerValue = number | number[] | string | boolean;
export type Answers = Record<string, AnswerValue>;

/** The key under which an "other, please specify" text is kept. */
export function otherKey(question: string): string {
  return `${question}_other`;
}
