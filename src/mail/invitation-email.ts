import { interfaceLanguage, t } from '../messages/index.js';
import { mailHtml, mailLink, plainText } from './mail-html.js';

export interface InvitationEmailInput {
  /** the contact's language (any of the study's languages); the e-mail's own words are in its interface language */
  readonly lang: string;
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

/**
 * An invitation or reminder e-mail: subject, plain text and HTML. Every value from the database (names,
 * titles) is escaped in the HTML and stripped of control characters in the text and subject.
 */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const ui = interfaceLanguage(input.lang);
  const values = { study: plainText(input.studyTitle, 200), wave: plainText(input.waveTitle, 200), minutes: String(Math.round(input.minutes)) };
  const name = input.recipientName ? plainText(input.recipientName, 200) || null : null;
  const subject = plainText(t(ui, `mail.subject.${input.kind}`, values), 250);
  const body = t(ui, `mail.body.${input.kind}`, values);
  const sender = plainText(input.sender, 200);
  const hello = name ? t(ui, 'mail.hello', { name }) : t(ui, 'mail.helloAnonymous');
  const w = { personal: t(ui, 'mail.personal'), thanks: t(ui, 'mail.thanks'), unsubscribe: t(ui, 'mail.unsubscribe') };
  const text = [hello, '', body, '', input.surveyUrl, w.personal, '', w.thanks, sender, '', `${w.unsubscribe} ${input.unsubscribeUrl}`, ''].join('\n');
  const html = mailHtml`<!doctype html>
<html lang="${input.lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>${hello}</p>
<p>${body}</p>
<p><a href="${mailLink(input.surveyUrl)}" style="display: inline-block; padding: 0.6em 1.2em; background: #1d4e89; color: #ffffff; text-decoration: none; border-radius: 4px;">${t(ui, 'mail.button')}</a></p>
<p style="font-size: 0.9em;">${w.personal}<br><a href="${mailLink(input.surveyUrl)}">${input.surveyUrl}</a></p>
<p>${w.thanks}<br>${sender}</p>
<p style="font-size: 0.8em; color: #555555;">${w.unsubscribe} <a href="${mailLink(input.unsubscribeUrl)}">${t(ui, 'mail.unsubscribeLink')}</a></p>
</body></html>
`.toString();
  return Object.freeze({ kind: 'email', subject, text, html });
}
