import type { Lang } from '../report/format/lang.js';
import { mailHtml, mailLink, plainText } from './mail-html.js';

export interface InvitationEmailInput {
  readonly lang: Lang;
  readonly kind: 'invitation' | 'reminder';
  /** the study's title, e.g. "Baromètre des médias sociaux" */
  readonly studyTitle: string;
  readonly waveTitle: string;
  readonly recipientName: string | null;
  readonly surveyUrl: string;
  readonly unsubscribeUrl: string;
  readonly minutes: number;
  readonly sender: string;
}

export interface RenderedEmail {
  readonly kind: 'email';
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const WORDS = {
  fr: {
    subject: { invitation: 'Votre avis pour le {study}', reminder: 'Rappel : votre avis pour le {study}' },
    hello: (name: string | null) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    body: { invitation: 'Nous vous invitons à répondre à l’édition {wave} du {study}. Le questionnaire prend environ {minutes} minutes ; vos réponses sont confidentielles et publiées uniquement sous forme agrégée.', reminder: 'Vous n’avez pas encore terminé le questionnaire de l’édition {wave} du {study}. Il prend environ {minutes} minutes et vous pouvez reprendre là où vous vous étiez arrêté.' },
    button: 'Répondre au questionnaire',
    personal: 'Ce lien est personnel : merci de ne pas le transférer.',
    unsubscribe: 'Pour ne plus recevoir de message au sujet de cette enquête :',
    unsubscribeLink: 'se désinscrire',
    thanks: 'Merci de votre participation,',
  },
  en: {
    subject: { invitation: 'Your view for the {study}', reminder: 'Reminder: your view for the {study}' },
    hello: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    body: { invitation: 'We invite you to take part in the {wave} edition of the {study}. The questionnaire takes about {minutes} minutes; your answers are confidential and only published in aggregate.', reminder: 'You have not finished the {wave} questionnaire of the {study} yet. It takes about {minutes} minutes and you can resume where you left off.' },
    button: 'Answer the questionnaire',
    personal: 'This link is personal: please do not forward it.',
    unsubscribe: 'To receive no more messages about this survey:',
    unsubscribeLink: 'unsubscribe',
    thanks: 'Thank you for taking part,',
  },
} as const;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/**
 * An invitation or reminder e-mail: subject, plain text and HTML. Every value from the database (names,
 * titles) is escaped in the HTML and stripped of control characters in the text and subject.
 */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const w = WORDS[input.lang];
  const values = { study: plainText(input.studyTitle, 200), wave: plainText(input.waveTitle, 200), minutes: String(Math.round(input.minutes)) };
  const name = input.recipientName ? plainText(input.recipientName, 200) || null : null;
  const subject = plainText(fill(w.subject[input.kind], values), 250);
  const body = fill(w.body[input.kind], values);
  const sender = plainText(input.sender, 200);
  const text = [w.hello(name), '', body, '', input.surveyUrl, w.personal, '', w.thanks, sender, '', `${w.unsubscribe} ${input.unsubscribeUrl}`, ''].join('\n');
  const html = mailHtml`<!doctype html>
<html lang="${input.lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>${w.hello(name)}</p>
<p>${body}</p>
<p><a href="${mailLink(input.surveyUrl)}" style="display: inline-block; padding: 0.6em 1.2em; background: #1d4e89; color: #ffffff; text-decoration: none; border-radius: 4px;">${w.button}</a></p>
<p style="font-size: 0.9em;">${w.personal}<br><a href="${mailLink(input.surveyUrl)}">${input.surveyUrl}</a></p>
<p>${w.thanks}<br>${sender}</p>
<p style="font-size: 0.8em; color: #555555;">${w.unsubscribe} <a href="${mailLink(input.unsubscribeUrl)}">${w.unsubscribeLink}</a></p>
</body></html>
`.toString();
  return Object.freeze({ kind: 'email', subject, text, html });
}
