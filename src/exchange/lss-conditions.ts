import { isIsoDate, type Condition } from '../study/index.js';
import { parseExpression, type ComparatorToken, type Expression } from './lss-expression.js';
import type { LssConditionRow } from './lss-tables.js';
import type { Mapped } from './lss-questions.js';

// Map conditions: a LimeSurvey relevance equation (ExpressionScript, parsed by lss-expression.ts) becomes a
// display condition, read against the questions already mapped, named as ExpressionScript names them:
//
//   Q1 / Q1.NAOK / 123X4X56 (SGQA: survey X group X question)     the question
//   Q4_SQ002 / 123X4X58SQ002                                       a multiple choice's option, or a matrix item
//
//   Q1 == "A2"   ─▶ equals(Q1, code of A2)          Q1 != "A2" ─▶ compare(Q1 != code)
//   Q1 > 2       ─▶ in(codes whose source code > 2) on a choice; compare(>) on a number
//   D1 < "2008-01-01" ─▶ compare(<) on a date, against a plain YYYY-MM-DD day
//   Q4_SQ002 == "Y" ─▶ equals(Q4, option)           Q == "" / is_empty(Q) ─▶ empty(Q); != "" / !is_empty ─▶ answered
//   and / or / ! ─▶ and / or / not
//
// Anything else (functions, arithmetic, questions left out or later in the survey) gives null: the caller
// reports the equation as a loss.

/** The questions mapped so far, by LimeSurvey title and by qid (for SGQA names). */
export interface LssVariables {
  readonly byTitle: ReadonlyMap<string, Mapped>;
  readonly byQid: ReadonlyMap<string, Mapped>;
}

/** A relevance equation read: `true` when it always holds (empty, `1`), `false` when it never does (`0`), else a condition or null. */
export type Relevance = boolean | Condition | null;

type Target = { mapped: Mapped; sub?: string };

function resolve(name: string, suffix: string, variables: LssVariables): Target | null {
  if (!['', 'NAOK', 'value', 'code'].includes(suffix)) return null;
  const direct = variables.byTitle.get(name);
  if (direct) return { mapped: direct };
  const sgqa = /^\d+X\d+X(\d+)(\w*)$/.exec(name);
  if (sgqa) {
    const digits = sgqa[1];
    for (let k = digits.length; k > 0; k--) {
      const mapped = variables.byQid.get(digits.slice(0, k));
      const sub = digits.slice(k) + sgqa[2];
      if (mapped && (sub === '' || mapped.sub.has(sub))) return sub ? { mapped, sub } : { mapped };
    }
    return null;
  }
  const sep = name.lastIndexOf('_');
  if (sep > 0) {
    const parent = variables.byTitle.get(name.slice(0, sep));
    const sub = name.slice(sep + 1);
    if (parent?.sub.has(sub)) return { mapped: parent, sub };
  }
  return null;
}

const FLIP: Record<ComparatorToken, ComparatorToken> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const holds = (a: number, comparator: ComparatorToken, b: number) =>
  comparator === '<' ? a < b : comparator === '<=' ? a <= b : comparator === '>' ? a > b : comparator === '>=' ? a >= b : comparator === '==' ? a === b : a !== b;

function comparison(target: Target, comparator: ComparatorToken, literal: string | number): Condition | null {
  const { mapped, sub } = target;
  const value = String(literal);
  // a multiple choice's option: "Y" when selected, "" otherwise
  if (sub !== undefined && mapped.kind === 'multiple') {
    const option = mapped.sub.get(sub) as number;
    const selected = (comparator === '==' && value === 'Y') || (comparator === '!=' && value === '');
    const notSelected = (comparator === '!=' && value === 'Y') || (comparator === '==' && value === '');
    if (selected) return { op: 'equals', question: mapped.name, value: option };
    if (notSelected) return { op: 'not', condition: { op: 'equals', question: mapped.name, value: option } };
    return null;
  }
  if (sub !== undefined && mapped.kind !== 'matrix') return null;
  const variable = sub !== undefined ? (mapped.sub.get(sub) as string) : mapped.name;
  if (value === '' && (comparator === '==' || comparator === '!=')) return { op: comparator === '==' ? 'empty' : 'answered', question: variable };
  if (mapped.kind === 'number' && sub === undefined) {
    if (typeof literal !== 'number' && !/^-?\d+(\.\d+)?$/.test(value)) return null;
    const n = Number(value);
    if (comparator === '==')
      return {
        op: 'and',
        conditions: [
          { op: 'compare', question: variable, comparator: '>=', value: n },
          { op: 'compare', question: variable, comparator: '<=', value: n },
        ],
      };
    return { op: 'compare', question: variable, comparator, value: n };
  }
  // a date against a "YYYY-MM-DD" day: ISO days compare as the days do
  if (mapped.kind === 'date' && sub === undefined) {
    if (!isIsoDate(value)) return null;
    if (comparator === '==')
      return {
        op: 'and',
        conditions: [
          { op: 'compare', question: variable, comparator: '>=', value },
          { op: 'compare', question: variable, comparator: '<=', value },
        ],
      };
    return { op: 'compare', question: variable, comparator, value };
  }
  const choice = mapped.kind === 'single' || mapped.kind === 'scale' || (mapped.kind === 'matrix' && sub !== undefined);
  if (!choice) return null;
  if (comparator === '==' || comparator === '!=') {
    const code = mapped.codes.get(value);
    if (code === undefined) return null;
    return comparator === '==' ? { op: 'equals', question: variable, value: code } : { op: 'compare', question: variable, comparator: '!=', value: code };
  }
  if (!/^-?\d+(\.\d+)?$/.test(value)) return null;
  const values = [...mapped.codes].filter(([source]) => /^-?\d+(\.\d+)?$/.test(source) && holds(Number(source), comparator, Number(value))).map(([, code]) => code);
  if (values.length === 0) return null;
  return { op: 'in', question: variable, values };
}

function condition(e: Expression, variables: LssVariables): Condition | null {
  switch (e.type) {
    case 'and':
    case 'or': {
      const terms = e.terms.map((t) => condition(t, variables));
      return terms.every((t): t is Condition => t !== null) ? { op: e.type, conditions: terms } : null;
    }
    case 'not': {
      const inner = condition(e.term, variables);
      if (!inner) return null;
      if (inner.op === 'empty') return { op: 'answered', question: inner.question };
      if (inner.op === 'answered') return { op: 'empty', question: inner.question };
      if (inner.op === 'not') return inner.condition;
      return { op: 'not', condition: inner };
    }
    case 'call': {
      if (e.name !== 'is_empty' || e.args.length !== 1 || e.args[0].type !== 'name') return null;
      const target = resolve(e.args[0].name, e.args[0].suffix, variables);
      return target ? comparison(target, '==', '') : null;
    }
    case 'compare': {
      const [name, literal, comparator] =
        e.left.type === 'name' ? [e.left, e.right, e.comparator] : e.right.type === 'name' ? [e.right, e.left, FLIP[e.comparator]] : [null, null, e.comparator];
      if (!name || name.type !== 'name' || !literal || (literal.type !== 'string' && literal.type !== 'number')) return null;
      const target = resolve(name.name, name.suffix, variables);
      return target ? comparison(target, comparator, literal.value) : null;
    }
    default:
      return null;
  }
}

/** Reads a relevance equation against the questions mapped so far; see the map above. */
export function relevanceCondition(expression: string, variables: LssVariables): Relevance {
  const text = expression.trim();
  if (text === '' || text === '1' || /^\(*\s*1\s*\)*$/.test(text) || text.toLowerCase() === 'true') return true;
  if (text === '0' || text.toLowerCase() === 'false') return false;
  const tree = parseExpression(text);
  return tree ? condition(tree, variables) : null;
}

/**
 * The relevance equation LimeSurvey derives from the condition designer's rows: rows of one scenario on the
 * same field are joined by or, fields by and, scenarios by or. Null when a row compares with another answer
 * (`@…`) or uses a method other than a comparison.
 */
export function conditionsEquation(rows: readonly LssConditionRow[]): string | null {
  const scenarios = new Map<string, Map<string, string[]>>();
  for (const r of rows) {
    const method = r.method.trim() || '==';
    if (!['==', '!=', '<', '<=', '>', '>='].includes(method) || r.value.startsWith('@')) return null;
    // a multiple choice's option is written `+SIDXGIDXQID` with the subquestion code as the value
    const option = r.cfieldname.startsWith('+');
    const field = option ? r.cfieldname.slice(1) : r.cfieldname;
    const term = option ? `${field}${r.value}.NAOK ${method} "Y"` : `${field}.NAOK ${method} "${r.value.replace(/["\\]/g, '\\$&')}"`;
    const fields = scenarios.get(r.scenario) ?? new Map<string, string[]>();
    fields.set(field, [...(fields.get(field) ?? []), term]);
    scenarios.set(r.scenario, fields);
  }
  const scenario = (fields: Map<string, string[]>) => [...fields.values()].map((terms) => `(${terms.join(' or ')})`).join(' and ');
  return [...scenarios.values()].map((fields) => `(${scenario(fields)})`).join(' or ');
}
