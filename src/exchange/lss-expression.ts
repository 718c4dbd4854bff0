// Parse ExpressionScript: the relevance equations of a LimeSurvey survey (questions' `relevance`, groups'
// `grelevance`), read into a small tree that lss-conditions.ts turns into display conditions.
//
//   ((123X4X56.NAOK == "Y")) and !is_empty(Q3) or Q4_SQ002.NAOK eq 'Y'
//   tokens: ( ( name == string ) ) and ! call( name ) or name eq string
//   tree:   or[ and[ compare(123X4X56 == "Y"), not(call is_empty(Q3)) ], compare(Q4_SQ002 == "Y") ]
//
// Precedence, low to high: or (||), and (&&), ! / not, comparisons (== != < <= > >= eq ne lt le gt ge),
// then names, strings, numbers, calls and parentheses. Arithmetic and assignments are outside what we read.

export type Expression =
  | { readonly type: 'or' | 'and'; readonly terms: readonly Expression[] }
  | { readonly type: 'not'; readonly term: Expression }
  | { readonly type: 'compare'; readonly comparator: ComparatorToken; readonly left: Expression; readonly right: Expression }
  | { readonly type: 'name'; readonly name: string; readonly suffix: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Expression[] };

export type ComparatorToken = '==' | '!=' | '<' | '<=' | '>' | '>=';

type Token = { kind: 'op' | 'name' | 'string' | 'number'; text: string };

const WORD_OPERATORS: Record<string, string> = { and: '&&', or: '||', not: '!', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

function tokenize(source: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|&&|\|\||[<>!(),])/.exec(rest);
    if (op) {
      tokens.push({ kind: 'op', text: op[0] });
      i += op[0].length;
      continue;
    }
    if (rest[0] === '"' || rest[0] === "'") {
      const quote = rest[0];
      let value = '';
      let k = 1;
      for (; k < rest.length && rest[k] !== quote; k++) value += rest[k] === '\\' && k + 1 < rest.length ? rest[++k] : rest[k];
      if (k >= rest.length) return null;
      tokens.push({ kind: 'string', text: value });
      i += k + 1;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?(?![\w.])/.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z0-9_]+(\.[A-Za-z_]+)?/.exec(rest);
    if (name) {
      const word = WORD_OPERATORS[name[0].toLowerCase()];
      tokens.push(word ? { kind: 'op', text: word } : { kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    return null;
  }
  return tokens;
}

/**
 * Parses a relevance equation into its tree; null when it uses what this reader does not know (arithmetic,
 * assignments, unbalanced parentheses, a stray token).
 */
export function parseExpression(source: string): Expression | null {
  const tokens = tokenize(source);
  if (!tokens || tokens.length === 0) return null;
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (text: string) => peek()?.kind === 'op' && peek()!.text === text;
  const fail = (): never => {
    throw new SyntaxError('expression');
  };
  const list = (type: 'or' | 'and', op: string, next: () => Expression): Expression => {
    const terms = [next()];
    while (isOp(op)) {
      at++;
      terms.push(next());
    }
    return terms.length === 1 ? terms[0] : { type, terms };
  };
  const or = (): Expression => list('or', '||', and);
  const and = (): Expression => list('and', '&&', not);
  const not = (): Expression => {
    if (isOp('!')) {
      at++;
      return { type: 'not', term: not() };
    }
    return comparison();
  };
  const comparison = (): Expression => {
    const left = primary();
    const token = peek();
    if (token?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(token.text)) {
      at++;
      return { type: 'compare', comparator: token.text as ComparatorToken, left, right: primary() };
    }
    return left;
  };
  const primary = (): Expression => {
    const token = tokens[at++] ?? fail();
    if (token.kind === 'op' && token.text === '(') {
      const inner = or();
      if (!isOp(')')) fail();
      at++;
      return inner;
    }
    if (token.kind === 'string') return { type: 'string', value: token.text };
    if (token.kind === 'number') return { type: 'number', value: Number(token.text) };
    if (token.kind !== 'name') return fail();
    if (isOp('(')) {
      at++;
      const args: Expression[] = [];
      if (!isOp(')')) {
        args.push(or());
        while (isOp(',')) {
          at++;
          args.push(or());
        }
      }
      if (!isOp(')')) fail();
      at++;
      return { type: 'call', name: token.text.toLowerCase(), args };
    }
    const dot = token.text.indexOf('.');
    return dot < 0 ? { type: 'name', name: token.text, suffix: '' } : { type: 'name', name: token.text.slice(0, dot), suffix: token.text.slice(dot + 1) };
  };
  try {
    const tree = or();
    return at === tokens.length ? tree : null;
  } catch {
    return null;
  }
}
