const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** URLs and e-mail addresses are left untouched. */
const PROTECTED = /(?:https?:\/\/|ftp:\/\/|mailto:|www\.)[^\s<>"«»]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;
const PLACEHOLDER = /\uE000([\uE100-\uF8FF])\uE001/g;
/** Spaces that may stand before punctuation: ordinary, no-break and narrow no-break. */
const SPACES = '[ \\u00A0\\u202F]*';

/**
 * French typography for a plain text (not markup): a no-break space (U+00A0) before `%` and `:` and on
 * the inner sides of « », a narrow no-break space (U+202F) before `;`, `!` and `?`. Ordinary spaces in
 * those places are replaced; already correct text is left as is (idempotent). A colon or a mark that is
 * not followed by a space or the end (10:30, a?b) is not touched, nor are URLs and e-mail addresses.
 * @example frenchTypography('Taux : 65% ; vraiment ?') // 'Taux\u00A0: 65\u00A0%\u202F; vraiment\u202F?'
 */
export function frenchTypography(text: string): string {
  const kept: string[] = [];
  let out = text.replace(PROTECTED, (url) => {
    kept.push(url);
    return `\uE000${String.fromCharCode(0xe100 + kept.length - 1)}\uE001`;
  });
  const after = '(?=$|[\\s»"\'’)\\].,;:!?…])';
  out = out
    .replace(new RegExp(`(\\d)${SPACES}%`, 'g'), `$1${NBSP}%`)
    .replace(new RegExp(`(^|[^\\s:])${SPACES}:${after}`, 'gm'), (_, prev: string) => (prev === '' ? ':' : `${prev}${NBSP}:`))
    .replace(new RegExp(`(^|[^\\s;!?])${SPACES}([;!?]+)${after}`, 'gm'), (_, prev: string, marks: string) => (prev === '' ? marks : `${prev}${NNBSP}${marks}`))
    .replace(new RegExp(`«${SPACES}`, 'g'), `«${NBSP}`)
    .replace(new RegExp(`${SPACES}»`, 'g'), `${NBSP}»`);
  return kept.length === 0 ? out : out.replace(PLACEHOLDER, (_, code: string) => kept[code.charCodeAt(0) - 0xe100]!);
}
