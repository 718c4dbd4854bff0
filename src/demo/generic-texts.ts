import { labelIn, type Label } from '../study/index.js';
import type { DemoSeed } from './demo-seed.js';
import type { Prng } from './prng.js';

/** Neutral answers to an open question the demo has no samples for, by primary language subtag. */
const NEUTRAL: Readonly<Record<string, readonly string[]>> = {
  fr: ['Rien à ajouter.', 'Pas d’autre remarque.'],
  en: ['Nothing to add.', 'No further comment.'],
  de: ['Nichts hinzuzufügen.', 'Keine weiteren Anmerkungen.'],
  es: ['Nada que añadir.'],
  it: ['Niente da aggiungere.'],
  pt: ['Nada a acrescentar.'],
  nl: ['Niets toe te voegen.'],
};

/** The seed's sample texts of an answer key in a language (its own, else those for every language), if any. */
export function sampleTexts(seed: DemoSeed | undefined, key: string, lang: string): readonly string[] | undefined {
  const texts = seed?.texts?.[key];
  const list = texts?.[lang] ?? texts?.[lang.split('-')[0]] ?? texts?.['*'];
  return list && list.length > 0 ? list : undefined;
}

/** A neutral text in a language (English for a language without one). */
export function neutralText(lang: string, prng: Prng): string {
  return prng.pick(NEUTRAL[lang.split('-')[0]] ?? NEUTRAL.en);
}

/** The text of an "other, please specify": a seed sample, else the option's own label. */
export function otherText(seed: DemoSeed | undefined, key: string, label: Label, lang: string, prng: Prng): string {
  const samples = sampleTexts(seed, key, lang);
  return samples ? prng.pick(samples) : labelIn(label, lang);
}
