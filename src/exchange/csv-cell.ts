/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const TRIGGER = /^[=+\-@\t\r]/;
/** A trigger right after a separator or a quote: a break-out in a reader that splits naively. */
const BREAKOUT = /[,;"]\s*[=+\-@\t\r]/;

/** Whether a text would start a formula in a spreadsheet, or break out into one. */
function dangerous(text: string): boolean {
  return TRIGGER.test(text) || BREAKOUT.test(text);
}

/**
 * Whether a text gets a leading single quote: a dangerous text, or one that already starts with a quote
 * before a dangerous text (so that `unneutraliseCell` gives every text back exactly).
 */
function needsQuotePrefix(text: string): boolean {
  if (dangerous(text)) return true;
  return text.startsWith("'") && text.length > 1 && needsQuotePrefix(text.slice(1));
}

/** A text cell safe for spreadsheets: a single quote before a formula. */
export function neutraliseCell(text: string): string {
  return needsQuotePrefix(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseCell`, for imports of our own exports. */
export function unneutraliseCell(text: string): string {
  return text.startsWith("'") && needsQuotePrefix(text.slice(1)) ? text.slice(1) : text;
}

/** RFC 4180 quoting: a cell with the separator, a quote, a line break or edge spaces is quoted, quotes doubled. */
export function quoteCell(text: string, separator: string): string {
  if (text === '') return text;
  const mustQuote = text.includes(separator) || /["\r\n]/.test(text) || text[0] === ' ' || text[text.length - 1] === ' ';
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Characters after which a text may need a quote prefix or quoting: triggers, quotes, separators, breaks. */
const SPECIAL = /[,;"'\r\n\t=+\-@]/;

/**
 * A text cell of an export: neutralised, then quoted. Most texts hold none of the characters that
 * neutralising or quoting look at (with a `,` or `;` separator) and come back as they are, after one test.
 */
export function csvTextCell(text: string, separator: string): string {
  if ((separator === ',' || separator === ';') && text !== '' && text[0] !== ' ' && text[text.length - 1] !== ' ' && !SPECIAL.test(text)) return text;
  return quoteCell(neutraliseCell(text), separator);
}

/**
 * One line of our CSV export's columns (comma-separated) from the cells of a row by column: texts
 * neutralised as our exports write them (the import reads them back so), codes and numbers only quoted, a
 * column without a cell left empty. What the converters of foreign response files write for `importResponsesCsv`.
 */
export function ourCsvLine(columns: readonly string[], cells: ReadonlyMap<string, string>, texts: ReadonlySet<string>): string {
  return columns
    .map((c) => {
      const value = cells.get(c);
      return value === undefined ? '' : texts.has(c) ? csvTextCell(value, ',') : quoteCell(value, ',');
    })
    .join(',');
}
