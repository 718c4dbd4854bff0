import { z } from 'zod';

/**
 * A display condition on earlier answers. `question` names a variable: a question's name, or a matrix
 * item's name. For a multiple choice, `equals` / `in` test whether the option is among those selected.
 */
export type Condition =
  | { op: 'equals'; question: string; value: number }
  | { op: 'in'; question: string; values: number[] }
  | { op: 'answered'; question: string }
  | { op: 'empty'; question: string }
  | { op: 'compare'; question: string; comparator: Comparator; value: number | string }
  | { op: 'not'; condition: Condition }
  | { op: 'and'; conditions: Condition[] }
  | { op: 'or'; conditions: Condition[] };

/**
 * Comparisons on a number, a date (ISO `YYYY-MM-DD`, compared as dates) or a code. An unanswered question
 * makes every comparison false except `!=`, which is true (as LimeSurvey's `.NAOK` and SurveyJS read it);
 * on a multiple choice, `!=` means the code is not among those selected.
 */
export const COMPARATORS = ['<', '<=', '>', '>=', '!='] as const;
export type Comparator = (typeof COMPARATORS)[number];

const ZVariableName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a variable name is lower case letters, digits and _');

export const ZCondition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('equals'), question: ZVariableName, value: z.number().int() }),
    z.strictObject({ op: z.literal('in'), question: ZVariableName, values: z.array(z.number().int()).min(1) }),
    z.strictObject({ op: z.literal('answered'), question: ZVariableName }),
    z.strictObject({ op: z.literal('empty'), question: ZVariableName }),
    z.strictObject({
      op: z.literal('compare'),
      question: ZVariableName,
      comparator: z.enum(COMPARATORS),
      value: z.union([z.number().finite(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')]),
    }),
    z.strictObject({ op: z.literal('not'), condition: ZCondition }),
    z.strictObject({ op: z.literal('and'), conditions: z.array(ZCondition).min(1) }),
    z.strictObject({ op: z.literal('or'), conditions: z.array(ZCondition).min(1) }),
  ]),
);

/** Every variable a condition reads, in order of appearance. */
export function conditionVariables(condition: Condition): string[] {
  switch (condition.op) {
    case 'not':
      return conditionVariables(condition.condition);
    case 'and':
    case 'or':
      return condition.conditions.flatMap(conditionVariables);
    default:
      return [condition.question];
  }
}
