import { z } from 'zod';

/**
 * A language tag (BCP 47, as HTML's `lang` takes it): a primary language of 2 or 3 letters, then optional
 * subtags (`fr`, `de`, `es`, `pt-BR`, `zh-Hant`). A study declares its languages; every label of the study
 * has a text in each of them, and only in them (checked by `validateStudy`).
 */
export const ZLanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language is a BCP 47 tag such as fr, en, de or pt-BR');
export type LanguageTag = string;
/** @deprecated the name of `LanguageTag` before studies could be written in any language */
export type Language = LanguageTag;
/** @deprecated use ZLanguageTag */
export const ZLanguage = ZLanguageTag;

/** A text in each of the study's languages, keyed by language tag; empty texts are refused. */
export const ZLabel = z.record(ZLanguageTag, z.string().trim().min(1, 'empty text')).refine((label) => Object.keys(label).length > 0, 'a text needs at least one language');
export type Label = Readonly<Record<LanguageTag, string>>;

/**
 * The label in a language: its text in `lang`, else in `lang`'s primary language (`fr` for `fr-CA`), else
 * its first text (a study writes its labels in its own order, the default language first). A page that
 * knows its study asks for `contentLanguage(study, requested)` (`studyText` does) and never falls back.
 */
export function labelIn(label: Label, lang: LanguageTag): string {
  return label[lang] ?? label[lang.split('-')[0]!] ?? Object.values(label)[0] ?? '';
}
