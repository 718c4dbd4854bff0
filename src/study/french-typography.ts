const NBSP = '\u00a0';
const NNBSP = '\u202f';

/**
 * French typography for a sentence: a no-break space before `%` and `:`, a narrow one before `;`, `!` and
 * `?`, no-break spaces inside « guillemets ». Idempotent; leaves URLs, times (10:30) and ratios alone.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/(\S)[ \u00a0\u202f]*([;!?])(?=\s|$|[»)])/g, (m, before: string, mark: string) => (before === '«' ? m : `${before}${NNBSP}${mark}`))
    .replace(/(\d|\S)[ \u00a0\u202f]*%/g, (_m, before: string) => `${before}${NBSP}%`)
    .replace(/([^\s\d:/])[ \u00a0\u202f]*:(?=\s|$)/g, (_m, before: string) => `${before}${NBSP}:`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`);
}
