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

/** A fragment of trusted markup. Only `html` and `raw` make one. */
export class Html {
  readonly #value: string;
  /** @internal use `html` or `raw` */
  constructor(value: string, token: symbol) {
    if (token !== TOKEN) throw new TypeError('Html: use the html tag or raw()');
    this.#value = value;
  }
  toString(): string {
    return this.#value;
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
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`\u0000]/g, (c) => ESCAPES[c]!);
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
const UNQUOTED_ATTRIBUTE = /\s[^\s"'<>\/=]+\s*=\s*$/;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/** Returns the URL when it is relative or uses a safe scheme, `about:invalid` otherwise. */
export function safeUrl(url: string): string {
  // browsers ignore control characters and whitespace when they read a scheme
  const compact = url.replace(/[\u0000-\u0020\u007F-\u009F]/g, '');
  const scheme = /^([a-z][a-z0-9+.\-]*):/i.exec(compact);
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

/** The escaping template tag. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    const before = strings[i]!;
    const inTag = out.lastIndexOf('<') > out.lastIndexOf('>');
    const rendered = renderValue(values[i], inTag && URL_ATTRIBUTE.test(before));
    out += inTag && UNQUOTED_ATTRIBUTE.test(before) ? `"${rendered}"` : rendered;
    out += strings[i + 1]!;
  }
  return new Html(out, TOKEN);
}

const ATTRIBUTE_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

/**
 * Renders a list of attributes: `attrs({ name: 'q1', required: true, disabled: false })` gives
 * ` name="q1" required`. true renders the bare name; false, null and undefined omit it.
 */
export function attrs(attributes: Readonly<Record<string, unknown>>): Html {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new TypeError(`attrs: refused attribute name "${name}"`);
    if (value === null || value === undefined || value === false) continue;
    if (value === true) {
      out += ` ${name}`;
      continue;
    }
    const inUrl = URL_ATTRIBUTE.test(` ${name}=`);
    out += ` ${name}="${renderValue(value, inUrl)}"`;
  }
  return new Html(out, TOKEN);
}
