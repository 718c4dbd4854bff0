/**
 * Column widths of a PDF table from its content. A cell may wrap only at an ordinary space or after a hyphen:
 * every other run of characters (a word, a number with its no-break spaces such as `1 012` or `n = 1 012`, a
 * `−3,0 / +1,2 pts` margin) is one unbreakable piece, and a column is never narrower than its widest piece, so
 * a table never breaks inside a word or a number. A table whose pieces cannot all fit side by side is split
 * into groups of columns, each repeating the row labels.
 */

/** How wide a column must be (its widest unbreakable piece) and would like to be (its longest body line), in points. */
export interface ColumnExtent {
  readonly min: number;
  readonly max: number;
}

/** The pieces a cell may not be broken inside: split at line breaks, ordinary spaces, and after hyphens. */
export const unbreakablePieces = (text: string): string[] => text.split(/\n| +|(?<=[-‐])/).filter((piece) => piece.length > 0);

/**
 * Glues the groups of a number written with ordinary spaces (`4 999`, `1 200 000` in a study's label) with a
 * narrow no-break space, so no line ends inside it.
 * @example keepNumbersTogether('250 à 4 999 salariés') // '250 à 4\u202F999 salariés'
 */
export const keepNumbersTogether = (text: string): string => text.replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u202F');

/**
 * The extent of each column: `measure(text, header)` gives the width of a text in the font of a header or a
 * body cell; `pad` is added on each side. The widest piece is measured with a space after it, as PDFKit's
 * line wrapper measures a word with the space that follows.
 */
export function columnExtents(header: readonly string[], rows: readonly (readonly string[])[], measure: (text: string, header: boolean) => number, pad: number): ColumnExtent[] {
  return header.map((_, j) => {
    let min = 0,
      max = 0;
    const take = (cell: string | undefined, isHeader: boolean) => {
      // a header wraps between its words to the width its column's figures need: only body lines set `max`
      if (!isHeader) for (const line of (cell ?? '').split('\n')) max = Math.max(max, measure(line, isHeader));
      for (const piece of unbreakablePieces(cell ?? '')) min = Math.max(min, measure(`${piece} `, isHeader));
    };
    take(header[j], true);
    for (const row of rows) take(row[j], false);
    return { min: min + 2 * pad + 0.5, max: Math.max(min, max) + 2 * pad + 0.5 };
  });
}

/**
 * Widths filling `available`: each column at least its `min`; the room left goes first to the columns that
 * would wrap (in proportion to what they lack), then to all in proportion to their `max`. Null when the
 * minimums alone do not fit.
 */
export function fitColumns(extents: readonly ColumnExtent[], available: number): number[] | null {
  const least = extents.reduce((sum, e) => sum + e.min, 0);
  if (least > available + 1e-6) return null;
  const lacking = extents.map((e) => e.max - e.min);
  const totalLacking = lacking.reduce((a, b) => a + b, 0);
  const room = available - least;
  if (totalLacking >= room) return extents.map((e, j) => e.min + (totalLacking === 0 ? 0 : (lacking[j] * room) / totalLacking));
  const spare = room - totalLacking;
  const totalMax = extents.reduce((sum, e) => sum + e.max, 0);
  return extents.map((e) => e.max + (spare * e.max) / totalMax);
}

/**
 * Groups of column indices that fit `available` side by side, each beginning with the first `keep` columns
 * (the row labels) followed by as many of the next columns as fit, in order. One group when the table fits.
 * A column too wide to share a page with the labels gets a group of its own (and will wrap inside itself).
 */
export function columnGroups(extents: readonly ColumnExtent[], available: number, keep: number): number[][] {
  const labels = extents.slice(0, keep).map((_, j) => j);
  const labelWidth = extents.slice(0, keep).reduce((sum, e) => sum + e.min, 0);
  const groups: number[][] = [];
  let current: number[] = [],
    width = labelWidth;
  for (let j = keep; j < extents.length; j++) {
    if (current.length > 0 && width + extents[j].min > available) {
      groups.push([...labels, ...current]);
      current = [];
      width = labelWidth;
    }
    current.push(j);
    width += extents[j].min;
  }
  if (current.length > 0 || groups.length === 0) groups.push([...labels, ...current]);
  return groups;
}
