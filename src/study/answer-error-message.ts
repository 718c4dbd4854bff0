import type { Language } from './label.js';
import type { AnswerError, AnswerErrorCode } from './validate-answers.js';

const NBSP = '\u00a0';

const MESSAGES: Record<Language, Record<AnswerErrorCode, (p: Readonly<Record<string, string | number>>) => string>> = {
  fr: {
    required: () => 'Merci de répondre à cette question.',
    unknown_code: (p) => `Le choix « ${p.value} » n’existe pas pour cette question.`,
    wrong_type: () => 'Cette réponse n’a pas le format attendu.',
    too_many: (p) => `Choisissez au plus ${p.max}${NBSP}réponses.`,
    exclusive: () => 'La réponse « aucun » ne peut pas être cochée avec une autre.',
    below_min: (p) => `Indiquez un nombre supérieur ou égal à ${String(p.min).replace('.', ',')}.`,
    above_max: (p) => `Indiquez un nombre inférieur ou égal à ${String(p.max).replace('.', ',')}.`,
    not_integer: () => 'Indiquez un nombre entier.',
    too_long: (p) => `Votre réponse dépasse ${p.max}${NBSP}caractères.`,
    other_required: () => 'Précisez votre réponse « autre ».',
    consent_required: () => 'Votre accord est nécessaire pour participer.',
    hidden: () => 'Cette question ne s’applique pas à vos réponses précédentes.',
    unknown_field: () => 'Ce champ ne fait pas partie du questionnaire.',
  },
  en: {
    required: () => 'Please answer this question.',
    unknown_code: (p) => `"${p.value}" is not a choice of this question.`,
    wrong_type: () => 'This answer is not in the expected format.',
    too_many: (p) => `Choose at most ${p.max} answers.`,
    exclusive: () => 'The "none" answer cannot be ticked with another one.',
    below_min: (p) => `Enter a number of at least ${p.min}.`,
    above_max: (p) => `Enter a number of at most ${p.max}.`,
    not_integer: () => 'Enter a whole number.',
    too_long: (p) => `Your answer is longer than ${p.max} characters.`,
    other_required: () => 'Please specify your "other" answer.',
    consent_required: () => 'Your agreement is needed to take part.',
    hidden: () => 'This question does not apply given your earlier answers.',
    unknown_field: () => 'This field is not part of the questionnaire.',
  },
};

/** The respondent-facing wording of an answer error. */
export function answerErrorMessage(error: AnswerError, lang: Language): string {
  return MESSAGES[lang][error.code](error.params);
}
