/**
 * The one way to write markup: a template tag that escapes every interpolated value.
 *
 *   html`<p title="${userText}">${userText}</p>`
 *
 * - strings, numbers and other values are escaped (& < > " ' and the backtick);
 * - an `Html` (from another `html` call or from `raw`) is inserted as is;
 * - arrays are rendered item by item and joined; null, undefined and false render nothing;
 * - an unquoted attribute value (`<input value=${v}>`) is quoted for you;
 * - in URL attributes (href, src, action, formaction, poster, xlink:href) a string whose scheme is not
 *   http, https, mailto or tel (e.g. `javascript:`) becomes `about:invalid`.
 * Never build markup by concatenating strings.
 */

/** The last bracket of some markup: `<` (Open: it ends inside a tag), `>` (Close), or None. */
type Bracket = -1 | 0 | 1;
const Bracket = { None: -1, Close: 0, Open: 1 } as const;

function lastBracket(text: string): Bracket {
  const open = text.lastIndexOf('<');
  const close = text.lastIndexOf('>');
  return open === close ? Bracket.None : open > close ? Bracket.Open : Bracket.Close; // equal only when both are -1
}

/** A fragment of trusted markup. Only `html` and `raw` make one. */
export class Html {
  readonly #value: string;
  /** the fragment's last bracket, so a template need not scan it again (private: it steers escaping) */
  readonly #bracket: Bracket;
  /** @internal use `html` or `raw` */
  constructor(value: string, token: symbol, bracket?: Bracket) {
    if (token !== TOKEN) throw new TypeError('Html: use the html tag or raw()');
    this.#value = value;
    this.#bracket = bracket ?? lastBracket(value);
  }
  toString(): string {
    return this.#value;
  }
  /** @internal the last bracket of a fragment */
  static bracketOf(fragment: Html): Bracket {
    return fragment.#bracket;
  }
}

const TOKEN = Symbol('Html');

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '\u0000': '\uFFFD',
};

/** Escapes a text for an HTML text node or a quoted attribute value. */
const NEEDS_ESCAPE = /[&<>"'`\u0000]/;
const NEEDS_ESCAPE_ALL = /[&<>"'`\u0000]/g;

export function escapeHtml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(NEEDS_ESCAPE_ALL, (c) => ESCAPES[c]!) : text;
}

/** Marks a trusted constant (never user input) as markup. */
export function raw(trusted: string): Html {
  return new Html(String(trusted), TOKEN);
}

export function isHtml(value: unknown): value is Html {
  return value instanceof Html;
}

export function renderToString(fragment: Html): string {
  return fragment.toString();
}

const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|poster|xlink:href)\s*=\s*["']?$/i;
const UNQUOTED_ATTRIBUTE = /\s[^\s"'<>/=]+\s*=\s*$/;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** Returns the URL when it is relative or uses a safe scheme, `about:invalid` otherwise. */
export function safeUrl(url: string): string {
  // browsers ignore control characters and whitespace when they read a scheme
  const compact = url.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (scheme && !SAFE_SCHEMES.has(scheme[1]!.toLowerCase())) return 'about:invalid';
  return url;
}

function renderValue(value: unknown, inUrl: boolean): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map((item) => renderValue(item, inUrl)).join('');
  const text = String(value);
  return escapeHtml(inUrl ? safeUrl(text) : text);
}

/** The last bracket of a rendered value: fragments carry theirs, escaped text has none. */
function bracketOf(value: unknown, before: Bracket): Bracket {
  if (value instanceof Html) {
    const bracket = Html.bracketOf(value);
    return bracket === Bracket.None ? before : bracket;
  }
  if (Array.isArray(value)) {
    let bracket = before;
    for (const item of value) bracket = bracketOf(item, bracket);
    return bracket;
  }
  return before;
}

/** What a template's static parts say about the value after each of them; computed once per call site. */
interface TemplateFacts {
  /** the part ends in a URL attribute (href=", src=…) */
  readonly url: readonly boolean[];
  /** the part ends in an unquoted attribute (value=) */
  readonly unquoted: readonly boolean[];
  /** each part's last bracket */
  readonly bracket: readonly Bracket[];
}

const TEMPLATE_FACTS = new WeakMap<TemplateStringsArray, TemplateFacts>();

function templateFacts(strings: TemplateStringsArray): TemplateFacts {
  let facts = TEMPLATE_FACTS.get(strings);
  if (facts === undefined) {
    facts = {
      url: strings.map((part) => URL_ATTRIBUTE.test(part)),
      unquoted: strings.map((part) => UNQUOTED_ATTRIBUTE.test(part)),
      bracket: strings.map(lastBracket),
    };
    TEMPLATE_FACTS.set(strings, facts);
  }
  return facts;
}

/**
 * The escaping template tag. Whether a value sits inside a tag is decided by the last bracket of all
 * the markup before it, without scanning that markup at each call: the static parts are examined once
 * per call site (a template's strings array is the same object at every call), each fragment carries
 * its own last bracket, and escaped text holds none.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const facts = templateFacts(strings);
  let out = strings[0]!;
  let bracket = facts.bracket[0]!;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const inTag = bracket === Bracket.Open;
    const rendered = renderValue(value, inTag && facts.url[i]!);
    out += inTag && facts.unquoted[i] ? `"${rendered}"` : rendered;
    if (typeof value === 'object' && value !== null) bracket = bracketOf(value, bracket);
    out += strings[i + 1]!;
    const after = facts.bracket[i + 1]!;
    if (after !== Bracket.None) bracket = after;
  }
  return new Html(out, TOKEN, bracket);
}

const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

/**
 * Renders a list of attributes: `attrs({ name: 'q1', required: true, disabled: false })` gives
 * ` name="q1" required`. true renders the bare name; false, null and undefined omit it.
 */
/** Accepted attribute names -> whether each takes a URL (names come from code: a few dozen). */
const ATTRIBUTE_NAMES = new Map<string, boolean>();

function isUrlAttribute(name: string): boolean {
  let url = ATTRIBUTE_NAMES.get(name);
  if (url === undefined) {
    if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new TypeError(`attrs: refused attribute name "${name}"`);
    url = URL_ATTRIBUTE.test(` ${name}=`);
    if (ATTRIBUTE_NAMES.size < 1000) ATTRIBUTE_NAMES.set(name, url);
  }
  return url;
}

export function attrs(attributes: Readonly<Record<string, unknown>>): Html {
  let out = '';
  for (const name in attributes) {
    if (!Object.hasOwn(attributes, name)) continue;
    const inUrl = isUrlAttribute(name);
    const value = attributes[name];
    if (value === null || value === undefined || value === false) continue;
    if (value === true) {
      out += ` ${name}`;
      continue;
    }
    out += ` ${name}="${renderValue(value, inUrl)}"`;
  }
  return new Html(out, TOKEN, Bracket.None); // names are checked and values escaped: no bracket
}
