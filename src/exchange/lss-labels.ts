import type { Label } from '../study/index.js';

// Labels in every language of the survey: a LimeSurvey text is stored once per language; the study's label
// takes each language's text, and a language where the survey left the text empty takes the base
// language's (LimeSurvey shows the base text there too, so this is not reported).

/** Answer texts LimeSurvey writes itself (yes/no, gender, "other", the fixed arrays), by language; English elsewhere. */
const BUILT_IN: Record<string, Record<string, string>> = {
  yes: { en: 'Yes', fr: 'Oui', de: 'Ja', nl: 'Ja', es: 'Sí', it: 'Sì' },
  no: { en: 'No', fr: 'Non', de: 'Nein', nl: 'Nee', es: 'No', it: 'No' },
  uncertain: { en: 'Uncertain', fr: 'Incertain', de: 'Unsicher', nl: 'Onzeker', es: 'Incierto', it: 'Incerto' },
  female: { en: 'Female', fr: 'Femme', de: 'Weiblich', nl: 'Vrouw', es: 'Mujer', it: 'Femmina' },
  male: { en: 'Male', fr: 'Homme', de: 'Männlich', nl: 'Man', es: 'Hombre', it: 'Maschio' },
  other: { en: 'Other', fr: 'Autre', de: 'Sonstiges', nl: 'Anders', es: 'Otro', it: 'Altro' },
  increase: { en: 'Increase', fr: 'Augmente', de: 'Zunahme', nl: 'Toename', es: 'Aumenta', it: 'Aumenta' },
  same: { en: 'Same', fr: 'Stable', de: 'Gleich', nl: 'Gelijk', es: 'Igual', it: 'Uguale' },
  decrease: { en: 'Decrease', fr: 'Diminue', de: 'Abnahme', nl: 'Afname', es: 'Disminuye', it: 'Diminuisce' },
};
export type BuiltInText = keyof typeof BUILT_IN;

/** Builds labels in the survey's languages (base language first). */
export class LssLabels {
  constructor(readonly languages: readonly string[]) {}

  /** A label from texts by language; an empty language takes the base language's text, then any text, then `fallback`. */
  label(texts: Readonly<Record<string, string>>, fallback: string): Label {
    const any =
      this.languages.map((l) => texts[l]?.trim()).find(Boolean) ||
      Object.values(texts)
        .find((t) => t?.trim())
        ?.trim() ||
      fallback;
    return Object.fromEntries(this.languages.map((l) => [l, texts[l]?.trim() || any]));
  }

  /** A label when some language has a text, else undefined. */
  optional(texts: Readonly<Record<string, string>>): Label | undefined {
    return this.languages.some((l) => texts[l]?.trim()) ? this.label(texts, '') : undefined;
  }

  /** A text LimeSurvey writes itself, in each language (English where we do not know the language). */
  builtIn(key: BuiltInText): Label {
    const texts = BUILT_IN[key];
    return Object.fromEntries(this.languages.map((l) => [l, texts[l] ?? texts[l.split('-')[0]] ?? texts.en]));
  }
}
