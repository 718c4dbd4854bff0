/**
 * Text for a PDF page: whatever a user typed (a producer's name, an organisation, a lead's name) is printed as
 * plain characters and nothing else. Control characters (NUL, CR, LF, tab), bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069, which could reverse the reading of a line) and
 * lone surrogates are removed, runs of spaces collapsed, and the length bounded.
 * @example pdfText('Acme\u202Eevil') // 'Acmeevil'
 */
export function pdfText(value: string | null | undefined, maxLength = 300): string {
  if (value === null || value === undefined) return '';
  const cleaned = String(value)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return [...cleaned].slice(0, maxLength).join('');
}
