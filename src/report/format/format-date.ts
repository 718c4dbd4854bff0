import type { Lang } from './lang.js';

const MONTHS: Readonly<Record<Lang, readonly string[]>> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};

/**
 * Formats an ISO date or timestamp as a long date: fr `1er mars 2025`, `14 mars 2025`; en `14 March 2025`;
 * de `14. März 2025`; es `14 de marzo de 2025`.
 * A plain date (`2025-03-14`) is taken as is; a timestamp is read in UTC so the result does not depend on
 * the machine's time zone.
 * @throws RangeError when the text is not an ISO date.
 */
export function formatDate(iso: string, lang: Lang): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  let year: number, month: number, day: number;
  if (plain) {
    [year, month, day] = [Number(plain[1]), Number(plain[2]), Number(plain[3])];
  } else {
    const date = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? new Date(iso) : new Date(NaN);
    if (Number.isNaN(date.getTime())) throw new RangeError(`formatDate: not an ISO date: "${iso}"`);
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`formatDate: not an ISO date: "${iso}"`);
  const monthName = MONTHS[lang][month - 1]!;
  switch (lang) {
    case 'fr':
      return `${day === 1 ? '1er' : day}\u00A0${monthName} ${year}`;
    case 'de':
      return `${day}.\u00A0${monthName} ${year}`;
    case 'es':
      return `${day} de ${monthName} de ${year}`;
    default:
      return `${day}\u00A0${monthName} ${year}`;
  }
}
