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
  /** every construct of the source left out, once each, grouped by `construct` when reported */
  readonly losses: readonly ImportLoss[];
  readonly errors: readonly StudyIssue[];
}

/** A construct of the source questionnaire that the import cannot keep, and what respondents will see differently. */
export interface ImportLoss {
  /** the kind of construct, which groups the report: "relevance equation", "array filter", "validation equation", … */
  readonly construct: string;
  /** where, as the source names it: a question code, a group or page name */
  readonly where: string;
  /** what a respondent will see differently, in words ("the question is shown to everyone", "the option no longer excludes the others") */
  readonly effect: string;
  /** the loss changes who sees what (a condition or a hidden flag left out): an error unless the losses are accepted */
  readonly changesWhoSees: boolean;
}

/** Options every questionnaire importer takes. */
export interface QuestionnaireImportOptions {
  /** the study id to give (the title gives one otherwise) */
  readonly studyId?: string;
  /** store the study even when a loss changes who sees what (`--accept-losses`) */
  readonly acceptLosses?: boolean;
}

/** The losses grouped by construct, in order of first appearance: what the CLI and the workspace print. */
export function groupLosses(losses: readonly ImportLoss[]): Map<string, ImportLoss[]> {
  const groups = new Map<string, ImportLoss[]>();
  for (const loss of losses) {
    const group = groups.get(loss.construct);
    if (group) group.push(loss);
    else groups.set(loss.construct, [loss]);
  }
  return groups;
}

/** Plain text from an HTML fragment: tags removed, entities decoded, white space collapsed. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The variable name an importer gives a source name before making it unique: lower case, accents removed,
 * [a-z0-9_], a letter first (`fallback_` before a digit), at most 28 characters. Response imports read source
 * names through it to find the question they name.
 */
export function variableNameOf(raw: string, fallback: string): string {
  let base = raw
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(base)) base = `${fallback}${base ? '_' + base : ''}`;
  return base.slice(0, 28);
}

/** Unique variable names: lower case, [a-z0-9_], a letter first, at most 32 characters. */
export class NameRegistry {
  private readonly used = new Set<string>();
  name(raw: string, fallback: string): string {
    const base = variableNameOf(raw, fallback);
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

/**
 * Validates the built document and returns the import result. A loss that changes who sees what makes the
 * import fail (one error per loss, at `(import)`) unless `acceptLosses` is set.
 */
export function finishImport(
  document: Record<string, unknown>,
  warnings: string[],
  losses: readonly ImportLoss[] = [],
  options: QuestionnaireImportOptions = {},
): QuestionnaireImport {
  const result = validateStudy(document);
  const blocking = options.acceptLosses ? [] : losses.filter((l) => l.changesWhoSees);
  // the message speaks to the CLI (its flag); the key to the workspace (its checkbox), in the reader's language
  const lossErrors: StudyIssue[] = blocking.map((l) => ({
    path: '(import)',
    message: `${l.where}: ${l.construct} left out: ${l.effect} (accept with --accept-losses)`,
    key: 'study.import.lossBlocks',
    params: { where: l.where, construct: l.construct, effect: l.effect },
  }));
  const ok = result.ok && lossErrors.length === 0;
  return Object.freeze({
    kind: 'questionnaire-import',
    ok,
    study: ok && result.ok ? result.study : null,
    document,
    warnings: Object.freeze([...warnings]),
    losses: Object.freeze([...losses]),
    errors: [...(result.ok ? [] : result.errors), ...lossErrors],
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
