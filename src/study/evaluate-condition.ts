// Pure and dependency-free on purpose: the server runs it, and the same source is served to the browser
// (type annotations stripped) so that display logic reacts at once and agrees with the server.

/** What evaluateCondition reads: the answers so far, by variable name (matrix items by item name). */
export type ConditionAnswers = Readonly<Record<string, unknown>>;

type AnyCondition = {
  op: string;
  question?: string;
  value?: number | string;
  comparator?: string;
  values?: number[];
  condition?: AnyCondition;
  conditions?: AnyCondition[];
};

function selectedCodes(answers: ConditionAnswers, variable: string): number[] {
  const value = answers[variable];
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return [];
}

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

/** A comparison of an answer with a number or an ISO date; see `Comparator` in condition.ts. */
function compare(answer: unknown, comparator: string, value: number | string | undefined): boolean {
  if (!isAnswered(answer)) return comparator === '!=';
  if (Array.isArray(answer)) return comparator === '!=' ? !answer.includes(value) : false;
  const a = typeof value === 'number' ? (typeof answer === 'number' ? answer : Number.NaN) : typeof answer === 'string' ? answer : '';
  if (typeof a === 'number' && Number.isNaN(a)) return comparator === '!=';
  if (typeof value === 'string' && a === '') return comparator === '!=';
  const b = value as number | string;
  switch (comparator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '!=':
      return a !== b;
    default:
      return false;
  }
}

/**
 * Evaluates a display condition on the answers given so far. No condition means visible.
 * equals: the single answer is the value, or the value is among a multiple choice's selections;
 * in: one of the values is; answered: anything was given; empty: nothing was; compare: see `compare`; not / and / or as in logic.
 */
export function evaluateCondition(condition: AnyCondition | undefined, answers: ConditionAnswers): boolean {
  if (!condition) return true;
  switch (condition.op) {
    case 'equals':
      return selectedCodes(answers, condition.question ?? '').includes(condition.value as number);
    case 'in': {
      const codes = selectedCodes(answers, condition.question ?? '');
      return (condition.values ?? []).some((v) => codes.includes(v));
    }
    case 'answered':
      return isAnswered(answers[condition.question ?? '']);
    case 'empty':
      return !isAnswered(answers[condition.question ?? '']);
    case 'compare':
      return compare(answers[condition.question ?? ''], condition.comparator ?? '', condition.value);
    case 'not':
      return !evaluateCondition(condition.condition, answers);
    case 'and':
      return (condition.conditions ?? []).every((c) => evaluateCondition(c, answers));
    case 'or':
      return (condition.conditions ?? []).some((c) => evaluateCondition(c, answers));
    default:
      return false;
  }
}
