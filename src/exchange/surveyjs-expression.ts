/**
 * SurveyJS expressions (`visibleIf`, `enableIf`, trigger expressions) as a syntax tree: a tokenizer and a
 * precedence-climbing parser of the language SurveyJS documents ("Conditional logic and dynamic texts"):
 * `{q} = 1`, `==`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, `contains` / `notcontains`, `anyof` / `allof` /
 * `noneof` with arrays `['a', 'b']`, postfix `empty` / `notempty`, `and` / `or` / `&&` / `||`, `not` / `!`,
 * parentheses, string, number and boolean literals, `{panel.q}` / `{q.row}` references, arithmetic and
 * function calls (parsed so that a caller can name them when it cannot keep them).
 *
 * Precedence, loosest first: `or`, `and`, `not`, comparison and set operators, `+ -`, `* / %`, unary minus,
 * postfix `empty` / `notempty`, primaries. Words are case-insensitive; a bare word that is not an operator is
 * a string (SurveyJS reads `{q} = yes` as `{q} = 'yes'`).
 */

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'notcontains' | 'anyof' | 'allof' | 'noneof';

export type ExpressionNode =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'array'; readonly items: readonly ExpressionNode[] }
  | { readonly kind: 'compare'; readonly operator: ComparisonOperator; readonly left: ExpressionNode; readonly right: ExpressionNode }
  | { readonly kind: 'emptiness'; readonly operator: 'empty' | 'notempty'; readonly operand: ExpressionNode }
  | { readonly kind: 'not'; readonly operand: ExpressionNode }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly ExpressionNode[] }
  | { readonly kind: 'arithmetic'; readonly operator: string; readonly operands: readonly ExpressionNode[] }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ExpressionNode[] };

/** A SurveyJS expression that does not parse, with the character offset where reading stopped. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

type Token =
  | { readonly type: 'variable'; readonly text: string; readonly at: number }
  | { readonly type: 'string'; readonly text: string; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'word'; readonly text: string; readonly at: number }
  | { readonly type: 'symbol'; readonly text: string; readonly at: number }
  | { readonly type: 'end'; readonly at: number };

const SYMBOLS = ['&&', '||', '<=', '>=', '<>', '!=', '==', '=', '<', '>', '!', '(', ')', '[', ']', ',', '+', '-', '*', '/', '%', '^'];

/** The tokens of an expression; throws ExpressionSyntaxError on an unterminated string or variable. */
export function tokenizeExpression(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '{') {
      const end = source.indexOf('}', i);
      if (end < 0) throw new ExpressionSyntaxError(`unterminated "{" at ${i}`, i);
      tokens.push({ type: 'variable', text: source.slice(i + 1, end).trim(), at: i });
      i = end + 1;
    } else if (c === "'" || c === '"') {
      let text = '';
      let j = i + 1;
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j++];
      }
      if (j >= source.length) throw new ExpressionSyntaxError(`unterminated string at ${i}`, i);
      tokens.push({ type: 'string', text, at: i });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(?:0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?)/i.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/[\p{L}_$]/u.test(c)) {
      const m = /^[\p{L}\p{N}_$.]+/u.exec(source.slice(i))!;
      tokens.push({ type: 'word', text: m[0], at: i });
      i += m[0].length;
    } else {
      const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
      if (!symbol) throw new ExpressionSyntaxError(`unexpected "${c}" at ${i}`, i);
      tokens.push({ type: 'symbol', text: symbol, at: i });
      i += symbol.length;
    }
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

const COMPARISONS: ReadonlyMap<string, ComparisonOperator> = new Map(
  Object.entries({
    '=': '=',
    '==': '=',
    equal: '=',
    '!=': '!=',
    '<>': '!=',
    notequal: '!=',
    '<': '<',
    less: '<',
    '<=': '<=',
    lessorequal: '<=',
    '>': '>',
    greater: '>',
    '>=': '>=',
    greaterorequal: '>=',
    contains: 'contains',
    contain: 'contains',
    notcontains: 'notcontains',
    notcontain: 'notcontains',
    anyof: 'anyof',
    allof: 'allof',
    noneof: 'noneof',
  } satisfies Record<string, ComparisonOperator>),
);

/** Parses a SurveyJS expression; throws ExpressionSyntaxError naming the offset where it stops making sense. */
export function parseExpression(source: string): ExpressionNode {
  const tokens = tokenizeExpression(source);
  let k = 0;
  const peek = () => tokens[k];
  const word = (t: Token) => (t.type === 'word' ? t.text.toLowerCase() : t.type === 'symbol' ? t.text : undefined);
  const fail = (t: Token, what: string): never => {
    throw new ExpressionSyntaxError(`${what} at ${t.at}${t.type === 'end' ? ' (end of expression)' : ''}`, t.at);
  };
  const expect = (symbol: string) => {
    const t = tokens[k];
    if (t.type !== 'symbol' || t.text !== symbol) fail(t, `expected "${symbol}"`);
    k++;
  };

  const logical = (kind: 'and' | 'or', spellings: readonly string[], next: () => ExpressionNode) => (): ExpressionNode => {
    const operands = [next()];
    while (spellings.includes(word(peek()) ?? '')) {
      k++;
      operands.push(next());
    }
    return operands.length === 1 ? operands[0] : { kind, operands };
  };

  const negation = (): ExpressionNode => {
    const w = word(peek());
    if (w === 'not' || w === '!' || w === 'negate') {
      k++;
      return { kind: 'not', operand: negation() };
    }
    return comparison();
  };

  const comparison = (): ExpressionNode => {
    const left = additive();
    const operator = COMPARISONS.get(word(peek()) ?? '');
    if (!operator) return left;
    k++;
    return { kind: 'compare', operator, left, right: additive() };
  };

  const binary = (operators: readonly string[], next: () => ExpressionNode) => (): ExpressionNode => {
    let node = next();
    for (let t = peek(); t.type === 'symbol' && operators.includes(t.text); t = peek()) {
      k++;
      node = { kind: 'arithmetic', operator: t.text, operands: [node, next()] };
    }
    return node;
  };

  const unary = (): ExpressionNode => {
    const t = peek();
    if (t.type === 'symbol' && t.text === '-') {
      k++;
      const operand = unary();
      return operand.kind === 'literal' && typeof operand.value === 'number'
        ? { kind: 'literal', value: -operand.value }
        : { kind: 'arithmetic', operator: 'negate', operands: [operand] };
    }
    return postfix();
  };

  const postfix = (): ExpressionNode => {
    let node = primary();
    for (let w = word(peek()); w === 'empty' || w === 'notempty'; w = word(peek())) {
      k++;
      node = { kind: 'emptiness', operator: w, operand: node };
    }
    return node;
  };

  const list = (close: string): ExpressionNode[] => {
    const items: ExpressionNode[] = [];
    if (word(peek()) === close) return (k++, items);
    for (;;) {
      items.push(or());
      if (word(peek()) === close) return (k++, items);
      expect(',');
    }
  };

  const primary = (): ExpressionNode => {
    const t = tokens[k++];
    switch (t.type) {
      case 'variable':
        if (t.text === '') fail(t, 'empty variable name');
        return { kind: 'variable', name: t.text };
      case 'string':
        return { kind: 'literal', value: t.text };
      case 'number':
        return { kind: 'literal', value: t.value };
      case 'symbol':
        if (t.text === '(') {
          const inner = or();
          expect(')');
          return inner;
        }
        if (t.text === '[') return { kind: 'array', items: list(']') };
        return fail(t, `unexpected "${t.text}"`);
      case 'word': {
        const w = t.text.toLowerCase();
        if (peek().type === 'symbol' && word(peek()) === '(') {
          k++;
          return { kind: 'call', name: t.text, args: list(')') };
        }
        if (w === 'true' || w === 'false') return { kind: 'literal', value: w === 'true' };
        if (w === 'null' || w === 'undefined') return { kind: 'literal', value: null };
        if (COMPARISONS.has(w) || ['and', 'or', 'not', 'empty', 'notempty'].includes(w)) return fail(t, `unexpected "${t.text}"`);
        return { kind: 'literal', value: t.text };
      }
      default:
        return fail(t, 'unexpected end');
    }
  };

  const multiplicative = binary(['*', '/', '%', '^'], unary);
  const additive = binary(['+', '-'], multiplicative);
  const and = logical('and', ['and', '&&'], negation);
  const or = logical('or', ['or', '||'], and);

  if (source.trim() === '') throw new ExpressionSyntaxError('empty expression', 0);
  const tree = or();
  if (peek().type !== 'end') fail(peek(), 'unexpected text');
  return tree;
}

/** The expression written back as text (canonical spacing), for messages. */
export function expressionText(node: ExpressionNode): string {
  switch (node.kind) {
    case 'variable':
      return `{${node.name}}`;
    case 'literal':
      return typeof node.value === 'string' ? `'${node.value}'` : String(node.value);
    case 'array':
      return `[${node.items.map(expressionText).join(', ')}]`;
    case 'compare':
      return `${expressionText(node.left)} ${node.operator} ${expressionText(node.right)}`;
    case 'emptiness':
      return `${expressionText(node.operand)} ${node.operator}`;
    case 'not':
      return `not (${expressionText(node.operand)})`;
    case 'and':
    case 'or':
      return node.operands.map((o) => (o.kind === 'and' || o.kind === 'or' ? `(${expressionText(o)})` : expressionText(o))).join(` ${node.kind} `);
    case 'arithmetic':
      return node.operator === 'negate' ? `-(${expressionText(node.operands[0])})` : `(${node.operands.map(expressionText).join(` ${node.operator} `)})`;
    case 'call':
      return `${node.name}(${node.args.map(expressionText).join(', ')})`;
  }
}
