/**
 * A display condition in words, for the editor's condition builder: `region is «North» (1) and not (age
 * is less than 18)`. Pure; the words come from the messages passed in (`admin.editor.cond.*`), the
 * questions' texts and option labels from `variables`.
 */

/** What the builder knows of a variable a condition may read. */
export interface ConditionVariable {
  readonly name: string;
  /** the question's text (or the matrix item's label) in the editor's language */
  readonly text: string;
  readonly kind: string;
  readonly codes: readonly { readonly code: number; readonly label: string }[];
}

export type Words = (key: string, params?: Record<string, string | number>) => string;

type Node = Record<string, unknown>;

const COMPARATOR_KEYS: Readonly<Record<string, string>> = { '<': 'cond.lt', '<=': 'cond.le', '>': 'cond.gt', '>=': 'cond.ge', '!=': 'cond.ne' };

export function describeCondition(condition: unknown, variables: readonly ConditionVariable[], words: Words, nested = false): string {
  const c = (condition ?? {}) as Node;
  const variable = variables.find((v) => v.name === c.question);
  const question = variable ? words('cond.quote', { text: variable.text || variable.name }) : String(c.question || '?');
  const value = (code: unknown) => {
    const found = variable?.codes.find((o) => o.code === code);
    return found ? `${words('cond.quote', { text: found.label || String(found.code) })} (${found.code})` : String(code ?? '?');
  };
  switch (c.op) {
    case 'equals':
      return words(variable?.kind === 'multiple' ? 'cond.includes' : 'cond.equals', { question, value: value(c.value) });
    case 'in':
      return words(variable?.kind === 'multiple' ? 'cond.includesAny' : 'cond.in', { question, values: (Array.isArray(c.values) ? c.values : []).map(value).join(', ') });
    case 'answered':
      return words('cond.answered', { question });
    case 'empty':
      return words('cond.empty', { question });
    case 'compare':
      return words(COMPARATOR_KEYS[String(c.comparator)] ?? 'cond.ne', {
        question,
        value: typeof c.value === 'number' && variable?.kind !== 'number' ? value(c.value) : String(c.value ?? '?'),
      });
    case 'not':
      return words('cond.not', { condition: describeCondition(c.condition, variables, words, true) });
    case 'and':
    case 'or': {
      const parts = (Array.isArray(c.conditions) ? c.conditions : []).map((x) => describeCondition(x, variables, words, true));
      const text = parts.join(words(c.op === 'and' ? 'cond.andJoin' : 'cond.orJoin'));
      return nested && parts.length > 1 ? `(${text})` : text;
    }
    default:
      return '?';
  }
}
