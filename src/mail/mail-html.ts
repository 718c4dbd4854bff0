/**
 * Markup for e-mails: every interpolated value is escaped (mail cannot import the server's `html` tag, so
 * this is its twin for e-mail bodies). `MailHtml` values (from `mailHtml`) are inserted as they are.
 */
export class MailHtml {
  constructor(
    readonly value: string,
    token: symbol,
  ) {
    if (token !== TOKEN) throw new TypeError('MailHtml: use the mailHtml tag');
  }
  toString(): string {
    return this.value;
  }
}
const TOKEN = Symbol('MailHtml');

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeMailHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!).replace(/\u0000/g, '\uFFFD');
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof MailHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeMailHtml(String(value));
}

export function mailHtml(strings: TemplateStringsArray, ...values: unknown[]): MailHtml {
  let out = strings[0]!;
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!));
  return new MailHtml(out, TOKEN);
}

/** Only http(s) links go into an e-mail's href. */
export function mailLink(url: string): string {
  return /^https?:\/\//i.test(url) ? url : 'about:invalid';
}

/**
 * Text for a plain-text body or a header: control characters (CR and LF included, so no header
 * injection), bidirectional overrides and NUL removed, length bounded.
 */
export function plainText(value: string, maxLength = 500): string {
  return value
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .trim()
    .slice(0, maxLength);
}
