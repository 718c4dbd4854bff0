import { validateStudy, type Label, type Study, type StudyIssue } from '../study/index.js';
import { decodeEntities } from './parse-xml.js';

/** The outcome of a questionnaire import: the study when it validates, every construct left out as a warning. */
export interface QuestionnaireImport {
  readonly kind: 'questionnaire-import';
  readonly ok: boolean;
  /** the validated study (null when validateStudy found errors) */
  readonly study: Study | null;
  /** the document built, valid or not (to fix by hand and check with `barometre study validate`) */
  readonly document: Record<string, unknown>;
  /** constructs left out or changed, with where they are */
  readonly warnings: readonly string[];
  readonly errors: readonly StudyIssue[];
}

/** Plain text from an HTML fragment: tags removed, entities decoded, white space collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Unique variable names: lower case, [a-z0-9_], a letter first, at most 32 characters. */
export class NameRegistry {
  private readonly used = new Set<string>();
  name(raw: string, fallback: string): string {
    let base = raw
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '');
    if (!/^[a-z]/.test(base)) base = `${fallback}${base ? '_' + base : ''}`;
    base = base.slice(0, 28);
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }
  reserve(name: string): void {
    this.used.add(name);
  }
}

/**
 * Integer codes for a list of source codes: the codes themselves when they are all distinct integers from
 * 0 to 32767, otherwise 1..n in order (then `renumbered` is true).
 */
export function integerCodes(raw: readonly string[]): { codes: number[]; renumbered: boolean } {
  const numbers = raw.map((c) => (/^\d+$/.test(c.trim()) ? Number(c) : NaN));
  if (numbers.every((x) => Number.isInteger(x) && x <= 32767) && new Set(numbers).size === numbers.length) return { codes: numbers, renumbered: false };
  return { codes: raw.map((_, k) => k + 1), renumbered: true };
}

/** A label in fr and en from texts by language: a missing language takes the other one (with a warning). */
export function bilingual(texts: Readonly<Record<string, string>>, where: string, warn: (m: string) => void, fallback = ''): Label {
  const fr = texts.fr?.trim() || '';
  const en = texts.en?.trim() || '';
  const any =
    fr ||
    en ||
    Object.values(texts)
      .find((t) => t && t.trim())
      ?.trim() ||
    fallback;
  if ((!fr || !en) && any) warn(`${where}: no ${!fr && !en ? 'French nor English' : !fr ? 'French' : 'English'} text; "${any.slice(0, 60)}" is used`);
  return { fr: fr || any, en: en || any };
}

/** Validates the built document and returns the import result. */
export function finishImport(document: Record<string, unknown>, warnings: string[]): QuestionnaireImport {
  const result = validateStudy(document);
  return Object.freeze({
    kind: 'questionnaire-import',
    ok: result.ok,
    study: result.ok ? result.study : null,
    document,
    warnings: Object.freeze([...warnings]),
    errors: result.ok ? [] : result.errors,
  });
}

/** A study id from a title: lower case letters, digits and -. */
export function studyIdFrom(title: string): string {
  const id = title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return /^[a-z0-9][a-z0-9-]{1,62}$/.test(id) ? id : `imported-${id || 'study'}`.slice(0, 60);
}

export const PRIVACY_PLACEHOLDER: Label = {
  fr: 'Notice de confidentialité à compléter avant l’ouverture du terrain.',
  en: 'Privacy notice to be written before fieldwork opens.',
};
