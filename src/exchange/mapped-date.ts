/** A date format of a mapping file (`DD/MM/YYYY HH:mm`) as a reader of one cell: its parts, or null when the cell does not fit. */
export type DateFormatReader = (text: string) => { year: number; month: number; day: number; hour: number; minute: number; second: number } | null;

const TOKENS: Record<string, string> = { YYYY: '(\\d{4})', MM: '(\\d{1,2})', DD: '(\\d{1,2})', HH: '(\\d{1,2})', mm: '(\\d{2})', ss: '(\\d{2}(?:[.,]\\d+)?)' };

/** Reads `format`: YYYY, MM, DD, HH, mm, ss stand for the parts; any other character stands for itself. */
export function dateFormatReader(format: string): DateFormatReader {
  const order: string[] = [];
  let pattern = '';
  for (let k = 0; k < format.length; ) {
    const token = Object.keys(TOKENS).find((t) => format.startsWith(t, k));
    if (token) {
      order.push(token);
      pattern += TOKENS[token];
      k += token.length;
    } else {
      pattern += format[k]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      k++;
    }
  }
  const regex = new RegExp(`^${pattern}$`);
  return (text) => {
    const m = regex.exec(text.trim());
    if (!m) return null;
    const part = (token: string) => {
      const k = order.indexOf(token);
      return k < 0 ? 0 : Number(m[k + 1]!.replace(',', '.'));
    };
    const parts = { year: part('YYYY'), month: part('MM'), day: part('DD'), hour: part('HH'), minute: part('mm'), second: part('ss') };
    // a real day and time: no 31 April, no 25:00
    const date = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
    if (date.getUTCFullYear() !== parts.year || date.getUTCMonth() !== parts.month - 1 || date.getUTCDate() !== parts.day) return null;
    if (parts.hour > 23 || parts.minute > 59 || parts.second >= 60) return null;
    return parts;
  };
}

/** The formats read when a mapping names none: ISO 8601 without a zone, with a space, or a day alone. */
export const DEFAULT_DATE_FORMATS = ['YYYY-MM-DDTHH:mm:ss', 'YYYY-MM-DDTHH:mm', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm', 'YYYY-MM-DD'];

/**
 * A cell as an ISO 8601 UTC time (`2024-03-01T08:30:00.000Z`) read with the first of `formats` it fits, its
 * time taken in the zone `utcOffset` (`+01:00`); an ISO time carrying its own zone is read as it says. Null when
 * no format fits.
 */
export function readDateTime(text: string, readers: readonly DateFormatReader[], utcOffset: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  }
  for (const read of readers) {
    const p = read(t);
    if (!p) continue;
    const sign = utcOffset.startsWith('-') ? -1 : 1;
    const offsetMinutes = sign * (Number(utcOffset.slice(1, 3)) * 60 + Number(utcOffset.slice(4, 6)));
    const ms = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, 0) + Math.round(p.second * 1000) - offsetMinutes * 60_000;
    return new Date(ms).toISOString();
  }
  return null;
}

/** A cell as a day `YYYY-MM-DD` read with the first of `formats` it fits (a time, if any, is dropped); null when none fits. */
export function readDay(text: string, readers: readonly DateFormatReader[]): string | null {
  for (const read of readers) {
    const p = read(text);
    if (p) return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }
  return null;
}
