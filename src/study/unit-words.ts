import { t, type Lang } from '../messages/index.js';
import type { StudyLanguages } from './study.js';

/** The `{unit}`, `{units}`, `{Unit}`, `{Units}` parameters of a sentence that names respondents. */
export type UnitWords = {
  readonly unit: string;
  readonly units: string;
  readonly Unit: string;
  readonly Units: string;
};

const capitalised = (text: string, lang: string) => text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);

/**
 * How a sentence in the interface language `lang` names the study's respondents: the study's unit in that
 * language ("household / households"), else the catalogue's generic "respondent / respondents" (a study
 * written in Italian read with the English interface says "respondents", not an Italian word in an English
 * sentence).
 * @example unitWords({ languages: ['en'], unit: { en: { one: 'household', other: 'households' } } }, 'en').units // 'households'
 */
export function unitWords(study: StudyLanguages, lang: Lang): UnitWords {
  const forms = study.unit?.[lang] ?? { one: t(lang, 'unit.one'), other: t(lang, 'unit.other') };
  return { unit: forms.one, units: forms.other, Unit: capitalised(forms.one, lang), Units: capitalised(forms.other, lang) };
}
