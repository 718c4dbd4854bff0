import { plainText } from './questionnaire-import.js';

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** SurveyJS's own words for the items it adds, in the languages it ships them (others take the default language's). */
export const SURVEYJS_DEFAULT_TEXTS = {
  other: { en: 'Other (describe)', fr: 'Autre (préciser)', de: 'Sonstiges (bitte angeben)', nl: 'Anders, namelijk', es: 'Otro (describa)' },
  none: { en: 'None', fr: 'Aucun', de: 'Nichts', nl: 'Geen', es: 'Ninguno' },
  refuse: { en: 'Refuse to answer', fr: 'Refuser de répondre', de: 'Antwort verweigern', nl: 'Weiger te antwoorden', es: 'Me niego a contestar' },
  dontKnow: { en: "Don't know", fr: 'Ne sait pas', de: 'Weiß nicht', nl: 'Weet niet', es: 'No sé' },
  yes: { en: 'Yes', fr: 'Oui', de: 'Ja', nl: 'Ja', es: 'Sí' },
  no: { en: 'No', fr: 'Non', de: 'Nein', nl: 'Nee', es: 'No' },
  answer: { en: 'Answer', fr: 'Réponse', de: 'Antwort', nl: 'Antwoord', es: 'Respuesta' },
} as const;

/**
 * The texts of a SurveyJS survey in every language it has. A localizable string is a plain string (the
 * survey's default language) or `{ "default": …, "fr": …, "de": … }`; `default` is the survey's `locale`
 * (English when it has none, as in SurveyJS), or English when the locale has its own text there. Labels are
 * collected as they are read; `complete()` then gives each a text in every language of the file, copied from
 * the default language where the file has none (as SurveyJS shows it), without a warning.
 */
export class SurveyJsTexts {
  /** every language of the file, the default first, then in order of appearance */
  readonly languages: string[];
  private readonly labels: Record<string, string>[] = [];

  constructor(readonly defaultLanguage: string) {
    this.languages = [defaultLanguage];
  }

  /** A label from a localizable string, or undefined when it has no text; `onText` sees each text read. */
  label(value: unknown, onText?: (text: string) => void): Record<string, string> | undefined {
    const label: Record<string, string> = {};
    const put = (language: string, raw: unknown) => {
      if (typeof raw !== 'string' && typeof raw !== 'number') return;
      const text = plainText(String(raw));
      if (!text) return;
      onText?.(text);
      label[language] = text;
      if (!this.languages.includes(language)) this.languages.push(language);
    };
    if (typeof value === 'string' || typeof value === 'number') put(this.defaultLanguage, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      for (const [key, raw] of entries) if (key !== 'default' && LANGUAGE_TAG.test(key)) put(key, raw);
      const fallback = (value as Record<string, unknown>).default;
      const language = label[this.defaultLanguage] === undefined ? this.defaultLanguage : label.en === undefined ? 'en' : undefined;
      if (fallback !== undefined && language) put(language, fallback);
    }
    if (Object.keys(label).length === 0) return undefined;
    this.labels.push(label);
    return label;
  }

  /** A label from words given per language (SurveyJS's defaults, a number), completed like the file's. */
  words(texts: Readonly<Record<string, string>>): Record<string, string> {
    const label = { ...texts };
    this.labels.push(label);
    return label;
  }

  /** Gives every label collected a text in each language of the file, and only in those. */
  complete(): void {
    for (const label of this.labels) {
      const fallback = label[this.defaultLanguage] ?? label.en ?? Object.values(label)[0];
      for (const key of Object.keys(label)) if (!this.languages.includes(key)) delete label[key];
      for (const language of this.languages) label[language] ??= fallback;
    }
  }
}
