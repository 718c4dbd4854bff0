import { frenchTypography } from './french-typography.js';
import type { Lang } from './lang.js';

/** A plain text set in the typography of an interface language (French only changes spacing). */
export function typography(lang: Lang, text: string): string {
  return lang === 'fr' ? frenchTypography(text) : text;
}

const QUOTES: Readonly<Record<Lang, readonly [string, string]>> = {
  fr: ['«\u00A0', '\u00A0»'],
  en: ['“', '”'],
};

/** A text between the quotation marks of a language: fr « x », en “x”. */
export function quote(lang: Lang, text: string): string {
  const [open, close] = QUOTES[lang];
  return `${open}${text}${close}`;
}
