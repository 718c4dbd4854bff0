// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is how XLSForm expressions refer to questions
import type { Condition } from '../study/index.js';

/**
 * XLSForm (ODK XPath) expressions of `relevant` and `constraint` columns, parsed into a small tree, then
 * mapped to display conditions. The parser reads the whole XPath operator set that forms use (so a form
 * with arithmetic is recognised as such and reported, not misread); the mapping keeps what a display
 * condition can say and returns a reason otherwise.
 */
export type XPathNode =
  | { readonly type: 'ref'; readonly name: string }
  | { readonly type: 'self' }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly XPathNode[] }
  | { readonly type: 'binary'; readonly op: string; readonly left: XPathNode; readonly right: XPathNode }
  | { readonly type: 'neg'; readonly operand: XPathNode };

type Token = { kind: 'ref' | 'string' | 'number' | 'name' | 'op' | '(' | ')' | ',' | '.'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '$' && source[i + 1] === '{') {
      const end = source.indexOf('}', i);
      if (end < 0) throw new SyntaxError('a ${…} reference is not closed');
      tokens.push({ kind: 'ref', text: source.slice(i + 2, end).trim() });
      i = end + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) throw new SyntaxError('a quoted text is not closed');
      tokens.push({ kind: 'string', text: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(source.slice(i)) ?? (c === '.' ? /^\.\d+/.exec(source.slice(i)) : null);
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    if ('=<>+-*|'.includes(c)) {
      tokens.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c });
      i++;
      continue;
    }
    if (c === '.' && source[i + 1] === '.') throw new SyntaxError('parent steps (..) are not supported');
    if (c === '.') {
      tokens.push({ kind: '.', text: '.' });
      i++;
      continue;
    }
    const name = /^[A-Za-z_][\w:.-]*/.exec(source.slice(i));
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    throw new SyntaxError(`unexpected "${c}"`);
  }
  return tokens;
}

const LEVELS: readonly (readonly string[])[] = [['or'], ['and'], ['=', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', 'div', 'mod']];

/** Parses an XLSForm expression; throws SyntaxError with the reason when it is not one. */
export function parseXPath(source: string): XPathNode {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (t: Token | undefined, ops: readonly string[]) => t !== undefined && (t.kind === 'op' || t.kind === 'name') && ops.includes(t.text);
  const level = (n: number): XPathNode => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    while (isOp(peek(), LEVELS[n]!)) {
      const op = tokens[at++]!.text;
      left = { type: 'binary', op, left, right: level(n + 1) };
    }
    return left;
  };
  const unary = (): XPathNode => {
    const t = peek();
    if (t?.kind === 'op' && t.text === '-') {
      at++;
      return { type: 'neg', operand: unary() };
    }
    return primary();
  };
  const primary = (): XPathNode => {
    const t = tokens[at++];
    if (!t) throw new SyntaxError('the expression ends too early');
    if (t.kind === 'ref') return { type: 'ref', name: t.text };
    if (t.kind === '.') return { type: 'self' };
    if (t.kind === 'string') return { type: 'string', value: t.text };
    if (t.kind === 'number') return { type: 'number', value: Number(t.text) };
    if (t.kind === '(') {
      const inner = level(0);
      if (tokens[at++]?.kind !== ')') throw new SyntaxError('a parenthesis is not closed');
      return inner;
    }
    if (t.kind === 'name' && peek()?.kind === '(') {
      at++;
      const args: XPathNode[] = [];
      if (peek()?.kind !== ')') {
        args.push(level(0));
        while (peek()?.kind === ',') {
          at++;
          args.push(level(0));
        }
      }
      if (tokens[at++]?.kind !== ')') throw new SyntaxError(`${t.text}( is not closed`);
      return { type: 'call', name: t.text, args };
    }
    throw new SyntaxError(`unexpected "${t.text}"`);
  };
  const tree = level(0);
  if (at < tokens.length) throw new SyntaxError(`unexpected "${tokens[at]!.text}"`);
  return tree;
}

/** What the mapping knows of an earlier question: its variable, its kind, its choice names to storage codes. */
export interface XlsFormTarget {
  readonly name: string;
  readonly kind: 'single' | 'multiple' | 'number' | 'text' | 'date' | 'other';
  readonly codes: ReadonlyMap<string, number>;
}

export type Mapped = { readonly ok: true; readonly condition: Condition } | { readonly ok: false; readonly reason: string };

const INVERSE: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/**
 * Maps a `relevant` expression to a display condition: `${q} = 'a'` and `!=` on choices, `selected(${q}, 'a')`,
 * comparisons of numbers and dates (`date('2024-01-31')` or a quoted ISO date), `${q} != ''` /
 * `string-length(${q}) > 0` (answered) and `= ''` (empty), `not()`, `and`, `or`. `lookup` gives the earlier
 * question a `${name}` stands for.
 */
export function relevantCondition(source: string, lookup: (name: string) => XlsFormTarget | undefined): Mapped {
  let tree: XPathNode;
  try {
    tree = parseXPath(source);
  } catch (error) {
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
  try {
    return { ok: true, condition: toCondition(tree, lookup) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function target(node: XPathNode, lookup: (name: string) => XlsFormTarget | undefined): XlsFormTarget {
  if (node.type !== 'ref') throw new Error('only ${question} references can be compared');
  const found = lookup(node.name);
  if (!found) throw new Error(`\${${node.name}} is not an earlier question`);
  if (found.kind === 'other') throw new Error(`\${${node.name}} is a question left out of the import`);
  return found;
}

function literal(node: XPathNode): string | number | undefined {
  if (node.type === 'string') return node.value;
  if (node.type === 'number') return node.value;
  if (node.type === 'neg' && node.operand.type === 'number') return -node.operand.value;
  if (node.type === 'call' && node.name === 'date' && node.args.length === 1 && node.args[0]!.type === 'string') return node.args[0]!.value;
  return undefined;
}

function codeOf(q: XlsFormTarget, value: string | number): number {
  const code = q.codes.get(String(value));
  if (code === undefined) throw new Error(`\${${q.name}} has no choice "${value}"`);
  return code;
}

function toCondition(node: XPathNode, lookup: (name: string) => XlsFormTarget | undefined): Condition {
  if (node.type === 'binary' && (node.op === 'and' || node.op === 'or')) {
    const parts: Condition[] = [];
    const flatten = (n: XPathNode) => {
      if (n.type === 'binary' && n.op === node.op) {
        flatten(n.left);
        flatten(n.right);
      } else parts.push(toCondition(n, lookup));
    };
    flatten(node);
    if (node.op === 'and') return { op: 'and', conditions: parts };
    // `${q} = 'a' or ${q} = 'b'` is one `in`
    const merged: Condition[] = [];
    for (const part of parts) {
      const last = merged[merged.length - 1];
      if (part.op === 'equals' && last && (last.op === 'equals' || last.op === 'in') && last.question === part.question) {
        merged[merged.length - 1] = { op: 'in', question: part.question, values: [...(last.op === 'equals' ? [last.value] : last.values), part.value] };
      } else merged.push(part);
    }
    return merged.length === 1 ? merged[0]! : { op: 'or', conditions: merged };
  }
  if (node.type === 'call') {
    if (node.name === 'not' && node.args.length === 1) return { op: 'not', condition: toCondition(node.args[0]!, lookup) };
    if (node.name === 'selected' && node.args.length === 2) {
      const q = target(node.args[0]!, lookup);
      const value = literal(node.args[1]!);
      if (value === undefined || (q.kind !== 'single' && q.kind !== 'multiple')) throw new Error('selected() needs a choice question and a choice name');
      return { op: 'equals', question: q.name, value: codeOf(q, value) };
    }
    if (node.name === 'true' && node.args.length === 0) throw new Error('true() is not a condition on an answer');
    throw new Error(`the function ${node.name}() is not supported`);
  }
  if (node.type === 'binary' && INVERSE[node.op]) {
    let { left, right } = node;
    let op = node.op;
    if (literal(left) !== undefined && literal(right) === undefined) {
      [left, right] = [right, left];
      op = INVERSE[op]!;
    }
    // string-length(${q}) > 0 and friends: answered
    if (left.type === 'call' && left.name === 'string-length' && left.args.length === 1 && literal(right) === 0) {
      const q = target(left.args[0]!, lookup);
      if (op === '>' || op === '!=') return { op: 'answered', question: q.name };
      if (op === '=' || op === '<=') return { op: 'empty', question: q.name };
    }
    if (left.type === 'call') throw new Error(`the function ${left.name}() is not supported`);
    const q = target(left, lookup);
    const value = literal(right);
    if (value === undefined) throw new Error('a comparison needs a literal value on one side');
    if (value === '') {
      if (op === '!=') return { op: 'answered', question: q.name };
      if (op === '=') return { op: 'empty', question: q.name };
      throw new Error('only = and != compare with an empty text');
    }
    if (q.kind === 'single') {
      if (op === '=') return { op: 'equals', question: q.name, value: codeOf(q, value) };
      if (op === '!=') return { op: 'compare', question: q.name, comparator: '!=', value: codeOf(q, value) };
      throw new Error(`\${${q.name}} is a choice; only = and != apply`);
    }
    if (q.kind === 'multiple') throw new Error(`\${${q.name}} is a multiple choice: compare with selected(), not ${op}`);
    if (q.kind === 'number' || q.kind === 'date') {
      const v = q.kind === 'number' ? (typeof value === 'number' ? value : Number.NaN) : String(value);
      if (typeof v === 'number' && Number.isNaN(v)) throw new Error(`\${${q.name}} is a number; "${value}" is not`);
      if (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`\${${q.name}} is a date; "${value}" is not YYYY-MM-DD`);
      // = is "not different" (false when unanswered), as != is true when unanswered
      if (op === '=') return { op: 'not', condition: { op: 'compare', question: q.name, comparator: '!=', value: v } };
      return { op: 'compare', question: q.name, comparator: op as '<' | '<=' | '>' | '>=' | '!=', value: v };
    }
    throw new Error(`\${${q.name}} is a text; only = '' and != '' apply`);
  }
  if (node.type === 'ref') throw new Error('a reference alone is not a condition');
  throw new Error(node.type === 'binary' ? `the operator ${node.op} is not supported` : 'not a condition');
}

/**
 * Bounds from a `constraint` of the form `. >= a and . <= b` (either part alone too): numbers, or with
 * `dates` ISO days (`date('2024-01-31')` or a quoted `'2024-01-31'`); null otherwise.
 */
export function constraintBounds(source: string, dates = false): { min?: number | string; max?: number | string } | null {
  let tree: XPathNode;
  try {
    tree = parseXPath(source);
  } catch {
    return null;
  }
  const bounds: { min?: number | string; max?: number | string } = {};
  const visit = (node: XPathNode): boolean => {
    if (node.type === 'binary' && node.op === 'and') return visit(node.left) && visit(node.right);
    if (node.type !== 'binary') return false;
    let { op } = node;
    let value = literal(node.right);
    if (node.left.type !== 'self') {
      if (node.right.type !== 'self') return false;
      value = literal(node.left);
      op = INVERSE[op] ?? op;
    }
    if (dates ? typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) : typeof value !== 'number') return false;
    if (op === '>=' && bounds.min === undefined) bounds.min = value;
    else if (op === '<=' && bounds.max === undefined) bounds.max = value;
    else return false;
    return true;
  };
  return visit(tree) ? bounds : null;
}

/**
 * The exclusive choices of a multiple choice from a constraint such as
 * `not(selected(., 'none') and count-selected(.) > 1)`, several joined by `and`; null otherwise.
 */
export function exclusiveChoices(source: string): string[] | null {
  let tree: XPathNode;
  try {
    tree = parseXPath(source);
  } catch {
    return null;
  }
  const found: string[] = [];
  const visit = (node: XPathNode): boolean => {
    if (node.type === 'binary' && node.op === 'and') return visit(node.left) && visit(node.right);
    if (node.type !== 'call' || node.name !== 'not' || node.args.length !== 1) return false;
    const inner = node.args[0]!;
    if (inner.type !== 'binary' || inner.op !== 'and') return false;
    const [sel, count] = [inner.left, inner.right];
    if (sel.type !== 'call' || sel.name !== 'selected' || sel.args.length !== 2 || sel.args[0]!.type !== 'self' || sel.args[1]!.type !== 'string') return false;
    if (count.type !== 'binary' || count.op !== '>' || count.left.type !== 'call' || count.left.name !== 'count-selected' || literal(count.right) !== 1) return false;
    found.push(sel.args[1]!.value);
    return true;
  };
  return visit(tree) ? found : null;
}
