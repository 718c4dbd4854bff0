import { z } from 'zod';

/** The languages a study is written in; French is the default. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const ZLanguage = z.enum(LANGUAGES);

/** A text in every language: validation fails when one is missing or empty. */
export const ZLabel = z.strictObject({
  fr: z.string({ error: 'missing French label' }).trim().min(1, 'missing French label'),
  en: z.string({ error: 'missing English label' }).trim().min(1, 'missing English label'),
});
export type Label = z.infer<typeof ZLabel>;

/** The label in a language. */
export function labelIn(label: Label, lang: Language): string {
  return label[lang];
}
