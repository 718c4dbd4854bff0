import { isIsoDate, type Condition } from '../study/index.js';
import { ExpressionSyntaxError, expressionText, parseExpression, type ExpressionNode } from './surveyjs-expression.js';

/** What a SurveyJS question became, as conditions on it need to know. */
export interface SurveyJsVariable {
  /** our variable name */
  readonly variable: string;
  /**
   * choice: one code (radiogroup, dropdown, rating, a matrix row); multiple: a set of codes (checkbox, tagbox);
   * boolean: 1 / 0; number; text; matrix: a whole matrix (its rows are referenced as `{q.row}`);
   * date: a day (compared with days written YYYY-MM-DD); unmapped: a question kept in a kind whose answers a
   * condition cannot compare (a time kept as a text, a ranking); none: a question without an answer of its own
   * (an information text, several numbers, a grid of texts), which a condition cannot read at all
   */
  readonly type: 'choice' | 'multiple' | 'boolean' | 'number' | 'date' | 'text' | 'matrix' | 'unmapped' | 'none';
  /** SurveyJS value (as text) -> storage code */
  readonly codes: ReadonlyMap<string, number>;
  /** matrix: row value -> the item's variable */
  readonly rows?: ReadonlyMap<string, string>;
  /** the variables the answer is stored in when not under its own name (a ranking's ranks): empty when all are */
  readonly parts?: readonly string[];
}

/** A mapped condition, or why the expression cannot be kept. */
export type SurveyJsConditionMapping = { readonly ok: true; readonly condition: Condition } | { readonly ok: false; readonly reason: string };

class Unmappable extends Error {}

const MIRROR: Readonly<Record<string, string>> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * Maps a SurveyJS expression to a display condition. `resolve` gives what a referenced question became
 * (undefined when it is not an earlier imported question). Comparisons on choices with numeric values
 * (ratings, `{nps} <= 6`) become the set of codes that satisfy them; on numbers, comparisons; `contains` /
 * `anyof` / `allof` / `noneof` on choices become `equals`, `in` and their combinations; `empty` / `notempty`
 * become `empty` / `answered`. Arithmetic, functions, text comparisons and unknown values are not kept:
 * the reason names the part.
 */
export function surveyJsCondition(expression: string, resolve: (name: string) => SurveyJsVariable | undefined): SurveyJsConditionMapping {
  let tree: ExpressionNode;
  try {
    tree = parseExpression(expression);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return { ok: false, reason: `it does not parse (${error.message})` };
    throw error;
  }
  try {
    return { ok: true, condition: toCondition(tree, resolve) };
  } catch (error) {
    if (error instanceof Unmappable) return { ok: false, reason: error.message };
    throw error;
  }
}

function lookUp(name: string, resolve: (name: string) => SurveyJsVariable | undefined): SurveyJsVariable {
  const whole = resolve(name);
  if (whole?.type === 'none') throw new Unmappable(`{${name}} has no answer of its own that a condition could read`);
  if (whole) return whole;
  const dot = name.indexOf('.');
  if (dot > 0) {
    const matrix = resolve(name.slice(0, dot));
    const row = matrix?.rows?.get(name.slice(dot + 1));
    if (matrix && row) return { variable: row, type: 'choice', codes: matrix.codes };
    if (matrix) throw new Unmappable(`{${name}} is not a row of the matrix "${name.slice(0, dot)}"`);
    if (name.slice(0, dot) === 'panel' || name.slice(0, dot) === 'row') throw new Unmappable(`{${name}} refers to a dynamic panel or matrix, which is not imported`);
  }
  throw new Unmappable(`{${name}} is not an earlier imported question`);
}

function toCondition(node: ExpressionNode, resolve: (name: string) => SurveyJsVariable | undefined): Condition {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { op: node.kind, conditions: node.operands.map((o) => toCondition(o, resolve)) };
    case 'not': {
      const inner = toCondition(node.operand, resolve);
      if (inner.op === 'answered') return { op: 'empty', question: inner.question };
      if (inner.op === 'empty') return { op: 'answered', question: inner.question };
      return inner.op === 'not' ? inner.condition : { op: 'not', condition: inner };
    }
    case 'emptiness': {
      if (node.operand.kind !== 'variable') throw new Unmappable(`"${expressionText(node)}" tests something other than a question`);
      const v = lookUp(node.operand.name, resolve);
      const op = node.operator === 'empty' ? 'empty' : 'answered';
      if (v.type === 'matrix') {
        const items = [...(v.rows?.values() ?? [])].map((question) => ({ op, question }) as Condition);
        return { op: op === 'empty' ? 'and' : 'or', conditions: items };
      }
      if (v.parts) return { op: op === 'empty' ? 'and' : 'or', conditions: v.parts.map((question) => ({ op, question }) as Condition) };
      return { op, question: v.variable };
    }
    case 'compare':
      return comparison(node, resolve);
    case 'call':
      throw new Unmappable(`the function ${node.name}() is not kept`);
    case 'arithmetic':
      throw new Unmappable(`the arithmetic "${expressionText(node)}" is not kept`);
    default:
      throw new Unmappable(`"${expressionText(node)}" is not a test of an answer`);
  }
}

function comparison(node: Extract<ExpressionNode, { kind: 'compare' }>, resolve: (name: string) => SurveyJsVariable | undefined): Condition {
  let { left, right, operator } = node;
  if (left.kind !== 'variable' && right.kind === 'variable' && operator in MIRROR) {
    [left, right] = [right, left];
    operator = MIRROR[operator] as typeof operator;
  }
  const text = expressionText(node);
  for (const side of [left, right]) if (side.kind === 'call' || side.kind === 'arithmetic') toCondition(side, resolve);
  if (left.kind !== 'variable') throw new Unmappable(`"${text}" compares something other than a question`);
  if (right.kind !== 'literal' && right.kind !== 'array') throw new Unmappable(`"${text}" compares a question with something other than a value`);
  const v = lookUp(left.name, resolve);
  const values = (right.kind === 'array' ? right.items : [right]).map((item) => {
    if (item.kind !== 'literal') throw new Unmappable(`"${text}" lists something other than values`);
    return item.value;
  });
  const question = v.variable;
  if (v.type === 'text' || v.type === 'unmapped' || v.type === 'matrix')
    throw new Unmappable(`"${text}" compares ${v.type === 'matrix' ? 'a whole matrix' : 'an answer that is not a choice nor a number'}`);

  if (v.type === 'date') {
    const day = values.length === 1 && typeof values[0] === 'string' && isIsoDate(values[0]) ? values[0] : undefined;
    if (day === undefined) throw new Unmappable(`"${text}" compares a date with something other than one day written YYYY-MM-DD`);
    const compare = (comparator: '!=' | '<' | '<=' | '>' | '>='): Condition => ({ op: 'compare', question, comparator, value: day });
    if (operator === '=') return { op: 'and', conditions: [compare('>='), compare('<=')] };
    if (operator === '!=' || operator === '<' || operator === '<=' || operator === '>' || operator === '>=') return compare(operator);
    throw new Unmappable(`"${text}" applies ${operator} to a date`);
  }
  if (v.type === 'number') {
    const n =
      values.length === 1 && typeof values[0] === 'number' ? values[0] : typeof values[0] === 'string' && values.length === 1 && values[0].trim() !== '' ? Number(values[0]) : NaN;
    if (!Number.isFinite(n)) throw new Unmappable(`"${text}" compares a number with something other than one number`);
    const compare = (comparator: '!=' | '<' | '<=' | '>' | '>='): Condition => ({ op: 'compare', question, comparator, value: n });
    switch (operator) {
      case '=':
        return { op: 'and', conditions: [compare('>='), compare('<=')] };
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compare(operator);
      default:
        throw new Unmappable(`"${text}" applies ${operator} to a number`);
    }
  }

  const codeOf = (value: string | number | boolean | null): number => {
    const key = v.type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value) ? value.toLowerCase() : String(value);
    const code = v.codes.get(key);
    if (code === undefined) throw new Unmappable(`"${text}": ${JSON.stringify(value)} is not a value of {${left.kind === 'variable' ? left.name : ''}}`);
    return code;
  };
  const one = (): number => {
    if (values.length !== 1) throw new Unmappable(`"${text}" compares a choice with a list`);
    return codeOf(values[0]);
  };
  const codes = () => values.map(codeOf);
  const multiple = v.type === 'multiple';
  switch (operator) {
    case '=':
      if (right.kind === 'array' && multiple) {
        const selected = codes();
        const others = [...new Set(v.codes.values())].filter((c) => !selected.includes(c));
        return {
          op: 'and',
          conditions: [
            ...selected.map((value) => ({ op: 'equals', question, value }) as Condition),
            ...(others.length ? [{ op: 'not', condition: { op: 'in', question, values: others } } as Condition] : []),
          ],
        };
      }
      return { op: 'equals', question, value: one() };
    case '!=':
      return { op: 'compare', question, comparator: '!=', value: one() };
    case 'contains':
    case 'allof':
      if (!multiple && !(values.length === 1 && operator === 'allof')) throw new Unmappable(`"${text}" applies ${operator} to a single choice`);
      return values.length === 1 ? { op: 'equals', question, value: one() } : { op: 'and', conditions: codes().map((value) => ({ op: 'equals', question, value })) };
    case 'notcontains':
      if (!multiple) throw new Unmappable(`"${text}" applies notcontains to a single choice`);
      return { op: 'not', condition: values.length === 1 ? { op: 'equals', question, value: one() } : { op: 'in', question, values: codes() } };
    case 'anyof':
      return { op: 'in', question, values: codes() };
    case 'noneof':
      return { op: 'not', condition: { op: 'in', question, values: codes() } };
    default: {
      // an order on choices whose values are numbers (a rating, a scale): the codes whose value satisfies it
      if (multiple || values.length !== 1 || !Number.isFinite(Number(values[0])) || values[0] === null || values[0] === '')
        throw new Unmappable(`"${text}" orders values that are not numbers`);
      const bound = Number(values[0]);
      const satisfies = (x: number) => (operator === '<' ? x < bound : operator === '<=' ? x <= bound : operator === '>' ? x > bound : x >= bound);
      const matching: number[] = [];
      for (const [value, code] of v.codes) {
        if (value === 'other' || value === 'none') continue;
        if (value.trim() === '' || !Number.isFinite(Number(value))) throw new Unmappable(`"${text}" orders choices whose values are not all numbers`);
        if (satisfies(Number(value)) && !matching.includes(code)) matching.push(code);
      }
      if (matching.length === 0) throw new Unmappable(`"${text}" holds for no choice`);
      return { op: 'in', question, values: matching };
    }
  }
}
