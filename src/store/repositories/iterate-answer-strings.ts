/** What separates the answers JSON texts of a batch: JSON never holds a raw control character. */
export const ANSWERS_SEPARATOR = 0x1f;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** One string found under a key: its row, the key's index and its UTF-8 bytes [from, to) between the quotes. */
export interface AnswerString {
  readonly row: number;
  readonly key: number;
  readonly from: number;
  readonly to: number;
  /** the bytes hold a backslash escape: decode them with `answerString` */
  readonly escaped: boolean;
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * Walks the strings under `keys` in `n` answers JSON texts laid end to end in `bytes` (UTF-8, separated by
 * ANSWERS_SEPARATOR), without parsing the JSON: SQLite's JSON functions parse the whole ~600-byte object to
 * extract a member, which costs more than reading the rows themselves. Answers are flat objects (see
 * `Answers`) in valid JSON, where a quote preceded by a backslash is inside a string, so `"key"` followed by
 * a colon can only be the member `key`; its string ends at the first quote not escaped by an odd run of
 * backslashes. Values that are not strings are skipped. Complexity O(bytes · keys), native byte search.
 */
export function scanAnswerStrings(bytes: Buffer, n: number, keys: readonly string[], visit: (found: AnswerString) => void): void {
  const starts = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) {
    const at = bytes.indexOf(ANSWERS_SEPARATOR, starts[i - 1]);
    if (at < 0) throw new Error(`scanAnswerStrings: ${i} answers instead of ${n}`);
    starts[i] = at + 1;
  }
  starts[n] = bytes.length + 1;
  if (n > 0 && bytes.indexOf(ANSWERS_SEPARATOR, starts[n - 1]) >= 0) throw new Error(`scanAnswerStrings: more answers than ${n}`);
  keys.forEach((key, k) => {
    const pattern = Buffer.from(`"${key}"`, 'utf8');
    let row = 0;
    for (let at = bytes.indexOf(pattern); at >= 0; at = bytes.indexOf(pattern, at + 1)) {
      while (starts[row + 1] <= at) row++;
      if (at > 0 && bytes[at - 1] === BACKSLASH) continue; // an escaped quote: inside a string
      const end = starts[row + 1] - 1;
      let value = at + pattern.length;
      while (value < end && isSpace(bytes[value])) value++;
      if (bytes[value] !== 0x3a) continue; // not followed by a colon: a string value, not the member
      value++;
      while (value < end && isSpace(bytes[value])) value++;
      if (bytes[value] !== QUOTE) continue;
      let close = value + 1;
      for (;;) {
        close = bytes.indexOf(QUOTE, close);
        if (close < 0 || close >= end) throw new Error(`scanAnswerStrings: a string of row ${row} is not closed`);
        let backslashes = 0;
        while (bytes[close - 1 - backslashes] === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        close++;
      }
      let escaped = false;
      for (let i = value + 1; i < close && !escaped; i++) escaped = bytes[i] === BACKSLASH;
      visit({ row, key: k, from: value + 1, to: close, escaped });
      at = close;
    }
  });
}

/** The string an `AnswerString` stands for. */
export function answerString(bytes: Buffer, found: AnswerString): string {
  return found.escaped ? (JSON.parse(bytes.toString('utf8', found.from - 1, found.to + 1)) as string) : bytes.toString('utf8', found.from, found.to);
}
