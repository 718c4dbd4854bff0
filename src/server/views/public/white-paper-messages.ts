import type { Lang } from '../../../report/format/lang.js';
import { frenchTypography } from '../../../study/french-typography.js';

/**
 * The wording of the white paper's pages (lead form, download) and of the researchers' lead pages. Kept
 * beside the views, like the results pages' wording, so this feature's keys stay in one reviewed place.
 * `CONSENT_VERSION` names the consent wording below: change it whenever 'form.consent' changes.
 */
export const CONSENT_VERSION = 'lead-contact-2026-01';

const fr = {
  'page.title': 'Livre blanc {wave}',
  'page.lead': 'L’analyse complète de l’édition {wave} en PDF : chiffres clés, un chapitre par thème avec ses graphiques, la hiérarchie des enjeux, la méthodologie et les tableaux détaillés.',
  'page.none': 'Aucune édition n’est encore publiée : le livre blanc sera disponible à la publication des résultats.',
  'form.title': 'Recevoir le livre blanc',
  'form.name': 'Nom et prénom',
  'form.consent': 'J’accepte d’être contacté par les producteurs de l’étude au sujet de leurs études et formations (facultatif : le téléchargement n’en dépend pas).',
  'form.sendEmail': 'M’envoyer aussi le lien par e-mail',
  'form.privacy': 'Vos données servent à vous donner accès au livre blanc et, seulement si vous l’acceptez, à vous contacter. Elles sont conservées au plus 24 mois. Vous pouvez demander leur consultation ou leur effacement à tout moment auprès des producteurs de l’étude.',
  'form.submit': 'Obtenir le livre blanc',
  'form.required': '(obligatoire)',
  'error.name': 'Indiquez votre nom.',
  'error.email': 'Indiquez une adresse e-mail valide.',
  'error.summary': 'Le formulaire contient des erreurs :',
  'error.spam': 'Votre envoi n’a pas pu être accepté.',
  'ready.title': 'Votre livre blanc est prêt',
  'ready.text': 'Téléchargez-le avec le lien ci-dessous. Il reste valable {days} jours.',
  'ready.link': 'Télécharger le livre blanc (PDF)',
  'ready.emailed': 'Le lien vous a aussi été envoyé par e-mail.',
  'ready.notEmailed': 'L’envoi par e-mail n’est pas disponible pour le moment : gardez ce lien.',
  'expired.title': 'Lien expiré ou introuvable',
  'expired.text': 'Ce lien de téléchargement n’existe pas ou a expiré. Remplissez à nouveau le formulaire pour en obtenir un.',
  'email.subject': 'Votre livre blanc : {study}',
  'email.text': 'Bonjour,\n\nVoici le lien pour télécharger le livre blanc « {study} » ({wave}). Il reste valable {days} jours :\n\n{url}\n',
  'leads.title': 'Contacts du livre blanc',
  'leads.count': '{count} contacts',
  'leads.csv': 'Exporter en CSV',
  'leads.none': 'Aucun contact pour le moment.',
  'leads.date': 'Date',
  'leads.name': 'Nom',
  'leads.email': 'E-mail',
  'leads.company': 'Entreprise',
  'leads.jobTitle': 'Fonction',
  'leads.size': 'Taille',
  'leads.consent': 'Accepte d’être contacté',
  'leads.wave': 'Édition',
  'leads.erase': 'Effacer',
  'leads.eraseLabel': 'Effacer le contact {id}',
  'leads.erased': 'Le contact a été effacé.',
  'leads.yes': 'oui',
  'leads.no': 'non',
  'leads.study': 'Étude',
} as const;

type Key = keyof typeof fr;

const en: Record<Key, string> = {
  'page.title': '{wave} white paper',
  'page.lead': 'The full analysis of the {wave} edition as a PDF: key figures, a chapter per theme with its charts, the hierarchy of challenges, the methodology and the detailed tables.',
  'page.none': 'No edition is published yet: the white paper will be available when the results are.',
  'form.title': 'Get the white paper',
  'form.name': 'Full name',
  'form.consent': 'I agree to be contacted by the study’s producers about their studies and training (optional: the download does not depend on it).',
  'form.sendEmail': 'Also send me the link by e-mail',
  'form.privacy': 'Your data give you access to the white paper and, only if you agree, let us contact you. They are kept 24 months at most. You may ask the study’s producers to see or erase them at any time.',
  'form.submit': 'Get the white paper',
  'form.required': '(required)',
  'error.name': 'Enter your name.',
  'error.email': 'Enter a valid e-mail address.',
  'error.summary': 'The form has errors:',
  'error.spam': 'Your submission could not be accepted.',
  'ready.title': 'Your white paper is ready',
  'ready.text': 'Download it with the link below. It stays valid for {days} days.',
  'ready.link': 'Download the white paper (PDF)',
  'ready.emailed': 'The link was also sent to you by e-mail.',
  'ready.notEmailed': 'Sending by e-mail is not available right now: keep this link.',
  'expired.title': 'Link expired or not found',
  'expired.text': 'This download link does not exist or has expired. Fill in the form again to get a new one.',
  'email.subject': 'Your white paper: {study}',
  'email.text': 'Hello,\n\nHere is the link to download the white paper “{study}” ({wave}). It stays valid for {days} days:\n\n{url}\n',
  'leads.title': 'White paper contacts',
  'leads.count': '{count} contacts',
  'leads.csv': 'Export as CSV',
  'leads.none': 'No contact yet.',
  'leads.date': 'Date',
  'leads.name': 'Name',
  'leads.email': 'E-mail',
  'leads.company': 'Company',
  'leads.jobTitle': 'Job title',
  'leads.size': 'Size',
  'leads.consent': 'Agrees to be contacted',
  'leads.wave': 'Edition',
  'leads.erase': 'Erase',
  'leads.eraseLabel': 'Erase contact {id}',
  'leads.erased': 'The contact was erased.',
  'leads.yes': 'yes',
  'leads.no': 'no',
  'leads.study': 'Study',
};

export type WhitePaperPageKey = Key;

/** The text for `key` in `lang` (French typeset), `{name}` placeholders filled as plain text. */
export function wpt(lang: Lang, key: Key, params: Readonly<Record<string, string | number>> = {}): string {
  const text = (lang === 'fr' ? fr[key] : en[key]).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`wpt: message "${key}" needs the parameter "${name}"`);
    return String(value);
  });
  return lang === 'fr' ? frenchTypography(text) : text;
}
