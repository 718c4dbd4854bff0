// Kept for the store seam test (test/architecture-store-seam.test.ts), which reads `.db` and `.dialect`
// member accesses from tokens; the layering test reads imports with esbuild (read-modules.ts).
// What a TypeScript module references, read from its tokens (not with regular expressions over the text,
// which miss multi-line imports and match inside strings and comments). TypeScript 7's package is the
// native compiler and exposes no `createSourceFile`/`preProcessFile` in JavaScript, so this is a small
// scanner of its own: comments, strings, template literals (with nested `${…}`), regular expression
// literals and punctuation are told apart, then the module references are read from the token stream.

/** One module a file refers to. `specifier` is null for `import(expression)`, which cannot be checked. */
export interface ModuleReference {
  readonly kind: 'import' | 'export' | 'dynamic' | 'require' | 'url';
  readonly specifier: string | null;
  readonly typeOnly: boolean;
  readonly line: number;
}

export interface ModuleScan {
  readonly references: readonly ModuleReference[];
  /** lines that read the environment: `process.env`, `process['env']`, `{ env } = process`, `env` from node:process */
  readonly environmentReads: readonly number[];
}

interface Token {
  /** `template-head`: a template's text up to a `${`; `template`: its text after the last `}` */
  readonly type: 'name' | 'string' | 'template-head' | 'template' | 'number' | 'regex' | 'punct';
  /** the name, the punctuator, or a string's value (a template without substitutions too) */
  readonly value: string;
  readonly line: number;
}

const REGEX_AFTER_KEYWORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends']);
const PUNCTUATORS = [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

function isNameStart(c: string): boolean {
  return /[\p{ID_Start}$_#@]/u.test(c) || c === '\\';
}
function isNamePart(c: string): boolean {
  return /[\p{ID_Continue}$\u200c\u200d]/u.test(c);
}

/** Splits TypeScript source into tokens (comments and white space dropped). Throws on an unterminated literal. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  // one entry per open `{`: true when it opened a template substitution `${`
  const braces: boolean[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  const fail = (what: string): never => {
    throw new Error(`scan-module: unterminated ${what} at line ${line}`);
  };
  // a `/` starts a regular expression where an expression may start, i.e. not after an operand
  const endsOperand = (k: number): boolean => {
    const token = tokens[k];
    if (!token) return false;
    if (token.type === 'name') return !REGEX_AFTER_KEYWORD.has(token.value);
    if (token.type === 'template-head') return false;
    // `x! / 2`: a `!` after an operand is TypeScript's non-null assertion, which ends the operand
    if (token.type === 'punct') return [')', ']', '}'].includes(token.value) || (token.value === '!' && endsOperand(k - 1));
    return true;
  };
  const regexAllowed = () => !endsOperand(tokens.length - 1);
  // reads a template from just after '`' or '}' up to and including '`' or '${'
  const templatePart = (): { text: string; closed: boolean } => {
    const startLine = line;
    let text = '';
    while (i < n) {
      const c = source[i];
      if (c === '`') {
        i++;
        return { text, closed: true };
      }
      if (c === '$' && source[i + 1] === '{') {
        i += 2;
        return { text, closed: false };
      }
      if (c === '\\') {
        const e = source[i + 1] ?? '';
        text += ESCAPES[e] ?? e;
        if (e === '\n') line++;
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      text += c;
      i++;
    }
    line = startLine;
    return fail('template literal');
  };
  while (i < n) {
    const c = source[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) fail('comment');
      for (let k = i; k < end; k++) if (source[k] === '\n') line++;
      i = end + 2;
      continue;
    }
    const at = line;
    if (c === "'" || c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= n || source[i] === '\n') fail('string');
        const d = source[i];
        if (d === c) break;
        if (d === '\\') {
          const e = source[i + 1] ?? '';
          if (e === '\n') line++;
          text += ESCAPES[e] ?? e;
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      i++;
      tokens.push({ type: 'string', value: text, line: at });
      continue;
    }
    if (c === '`') {
      i++;
      const part = templatePart();
      tokens.push({ type: part.closed ? 'string' : 'template-head', value: part.text, line: at });
      if (!part.closed) braces.push(true);
      continue;
    }
    if (c === '}' && braces.length > 0 && braces[braces.length - 1]) {
      braces.pop();
      i++;
      const part = templatePart();
      tokens.push({ type: part.closed ? 'template' : 'template-head', value: part.text, line: at });
      if (!part.closed) braces.push(true);
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      for (;;) {
        if (i >= n || source[i] === '\n') fail('regular expression');
        const d = source[i];
        if (d === '\\') i += 2;
        else {
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
          i++;
        }
      }
      i++;
      while (i < n && isNamePart(source[i])) i++;
      tokens.push({ type: 'regex', value: '', line: at });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const start = i;
      while (i < n && /[0-9A-Za-z_.]/.test(source[i])) i++;
      tokens.push({ type: 'number', value: source.slice(start, i), line: at });
      continue;
    }
    if (isNameStart(c)) {
      const start = i;
      i++;
      while (i < n && (isNamePart(source[i]) || source[i] === '\\')) i++;
      tokens.push({ type: 'name', value: source.slice(start, i), line: at });
      continue;
    }
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i)) ?? c;
    if (punct === '{') braces.push(false);
    else if (punct === '}') braces.pop();
    tokens.push({ type: 'punct', value: punct, line: at });
    i += punct.length;
  }
  if (braces.some((b) => b)) fail('template literal');
  return tokens;
}

const PROCESS_MODULES = new Set(['process', 'node:process']);

/** The modules a TypeScript file refers to, and where it reads the environment. */
export function scanModule(source: string): ModuleScan {
  const t = tokenize(source);
  const references: ModuleReference[] = [];
  const environmentReads: number[] = [];
  const processNames = new Set(['process']);
  const is = (k: number, type: Token['type'], value?: string) => t[k]?.type === type && (value === undefined || t[k].value === value);
  const punct = (k: number, value: string) => is(k, 'punct', value);
  const name = (k: number, value?: string) => is(k, 'name', value);
  const literal = (k: number) => t[k]?.type === 'string';
  const afterDot = (k: number) => punct(k - 1, '.') || punct(k - 1, '?.');

  for (let k = 0; k < t.length; k++) {
    const token = t[k];
    if (token.type !== 'name' || afterDot(k)) continue;

    if (token.value === 'import' && !punct(k + 1, ':')) {
      if (punct(k + 1, '.')) continue; // import.meta
      if (punct(k + 1, '(')) {
        const specifier = literal(k + 2) && (punct(k + 3, ')') || punct(k + 3, ',')) ? t[k + 2].value : null;
        references.push({ kind: 'dynamic', specifier, typeOnly: name(k - 1, 'typeof'), line: token.line });
        continue;
      }
      if (literal(k + 1)) {
        references.push({ kind: 'import', specifier: t[k + 1].value, typeOnly: false, line: token.line });
        continue;
      }
      // import [type] clause from 'x'; import x = require('x'): read up to `from` + string at depth 0
      const typeOnly = name(k + 1, 'type') && !name(k + 2, 'from') && !punct(k + 2, ',') && !punct(k + 2, '=');
      let depth = 0;
      const named: string[] = []; // the names inside { }
      for (let j = k + 1; j < t.length; j++) {
        if (punct(j, '{')) depth++;
        else if (punct(j, '}')) depth--;
        else if (depth > 0 && name(j)) named.push(t[j].value);
        else if (depth === 0 && name(j, 'from') && literal(j + 1)) {
          const specifier = t[j + 1].value;
          references.push({ kind: 'import', specifier, typeOnly, line: token.line });
          if (PROCESS_MODULES.has(specifier)) {
            // import { env } from 'node:process'; import proc from …; import * as proc from …
            if (named.includes('env')) environmentReads.push(token.line);
            const first = typeOnly ? k + 2 : k + 1;
            if (name(first) && !name(first, 'from')) processNames.add(t[first].value);
            for (let m = first; m < j; m++) if (punct(m, '*') && name(m + 1, 'as') && name(m + 2)) processNames.add(t[m + 2].value);
          }
          break;
        }
        // `import x = require('x')` (the require is counted below), or the end of the statement
        else if (depth === 0 && (name(j, 'require') || punct(j, ';') || (j > k + 1 && (name(j, 'import') || name(j, 'export'))))) break;
      }
      continue;
    }

    if (token.value === 'export') {
      let j = k + 1;
      const typeOnly = name(j, 'type') && (punct(j + 1, '{') || punct(j + 1, '*'));
      if (typeOnly) j++;
      if (punct(j, '*')) {
        j++;
        if (name(j, 'as')) j += 2;
      } else if (punct(j, '{')) {
        let depth = 0;
        for (; j < t.length; j++) {
          if (punct(j, '{')) depth++;
          else if (punct(j, '}') && --depth === 0) break;
        }
        j++;
      } else continue;
      if (name(j, 'from') && literal(j + 1)) references.push({ kind: 'export', specifier: t[j + 1].value, typeOnly, line: token.line });
      continue;
    }

    if (token.value === 'require' && punct(k + 1, '(') && literal(k + 2)) {
      references.push({ kind: 'require', specifier: t[k + 2].value, typeOnly: false, line: token.line });
      continue;
    }

    // new URL('./worker.ts', import.meta.url): a module loaded by path (workers)
    if (
      token.value === 'URL' &&
      name(k - 1, 'new') &&
      punct(k + 1, '(') &&
      literal(k + 2) &&
      punct(k + 3, ',') &&
      name(k + 4, 'import') &&
      punct(k + 5, '.') &&
      name(k + 6, 'meta')
    ) {
      const specifier = t[k + 2].value;
      if (/\.[cm]?[jt]s$/.test(specifier)) references.push({ kind: 'url', specifier, typeOnly: false, line: token.line });
    }
  }

  // the environment: process.env, process?.env, process['env'], const { env } = process
  for (let k = 0; k < t.length; k++) {
    if (!name(k) || !processNames.has(t[k].value)) continue;
    if (afterDot(k) && !name(k - 2, 'globalThis')) continue;
    if ((punct(k + 1, '.') || punct(k + 1, '?.')) && name(k + 2, 'env')) environmentReads.push(t[k].line);
    else if (punct(k + 1, '[') && literal(k + 2) && t[k + 2].value === 'env') environmentReads.push(t[k].line);
    else if (punct(k - 1, '=') && punct(k - 2, '}')) {
      let depth = 0;
      for (let j = k - 2; j >= 0; j--) {
        if (punct(j, '}')) depth++;
        else if (punct(j, '{') && --depth === 0) break;
        else if (depth === 1 && name(j, 'env') && !punct(j - 1, ':')) {
          environmentReads.push(t[k].line);
          break;
        }
      }
    }
  }
  return { references, environmentReads: [...new Set(environmentReads)].sort((a, b) => a - b) };
}
