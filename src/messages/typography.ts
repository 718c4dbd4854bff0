import { frenchTypography } from './french-typography.js';
import type { Lang } from './lang.js';

/** Quotation marks per language: fr « x » (with no-break spaces), en “x”, de „x“ (Duden), es «x» (RAE). */
const QUOTES: Readonly<Record<Lang, readonly [string, string]>> = {
  fr: ['«\u00A0', '\u00A0»'],
  en: ['“', '”'],
  de: ['„', '“'],
  es: ['«', '»'],
};

/** English curly quotes “…” in a text become the language's marks (texts copied from English stay right). */
function requote(lang: 'de' | 'es', text: string): string {
  const [open, close] = QUOTES[lang];
  return text.replace(/“([^“”]*)”/g, `${open}$1${close}`);
}

/**
 * A plain text set in the typography of an interface language: French spacing (no-break spaces before
 * : ; ! ? % and inside « »); German and Spanish quotation marks; English unchanged. Idempotent.
 */
export function typography(lang: Lang, text: string): string {
  switch (lang) {
    case 'fr':
      return frenchTypography(text);
    case 'de':
    case 'es':
      return requote(lang, text);
    default:
      return text;
  }
}

/** A text between the quotation marks of a language: fr « x », en “x”, de „x“, es «x». */
export function quote(lang: Lang, text: string): string {
  const [open, close] = QUOTES[lang];
  return `${open}${text}${close}`;
}
