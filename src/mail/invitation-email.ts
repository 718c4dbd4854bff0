import { interfaceLanguage, t } from '../messages/index.js';
import { formatDate } from '../report/format/index.js';
import { mailHtml, mailLink, plainText, type MailHtml } from './mail-html.js';
import { defaultMailTemplate, type MailTemplate } from './mail-template.js';

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
  /** the default sender name (used when there is no template) */
  readonly sender: string;
  /** the wave's closing date (ISO), for `{closes}` */
  readonly closesAt?: string | null;
  /** the wave's template for this kind and language (`mailTemplateOf`); today's wording when absent */
  readonly template?: MailTemplate;
}

export interface RenderedEmail {
  readonly kind: 'email';
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** the display name of the From header (its address stays the configured one) */
  readonly fromName?: string;
}

type Block = { readonly kind: 'link' } | { readonly kind: 'text'; readonly parts: readonly (string | { readonly placeholder: string })[] };

/** A template's text as paragraphs; a paragraph that is only `{link}` is the link block (button, address, note). */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = text
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (p === '{link}' ? { kind: 'link' } : { kind: 'text', parts: p.split(/(\{[a-z]+\})/).map((s) => (/^\{[a-z]+\}$/.test(s) ? { placeholder: s.slice(1, -1) } : s)) }));
  return blocks.some((b) => b.kind === 'link' || b.parts.some((p) => typeof p !== 'string' && p.placeholder === 'link')) ? blocks : [...blocks, { kind: 'link' }];
}

/**
 * An invitation or reminder e-mail: subject, plain text and HTML, from the wave's template for the kind and
 * language or else today's wording. Placeholders are filled; the survey link is added where `{link}` stands
 * (after the text without one), the sender name signs the text and the unsubscribe link always ends it. Every
 * value (names, titles, the template's own text) is escaped in the HTML and stripped of control characters in
 * the text and subject.
 */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const ui = interfaceLanguage(input.lang);
  const template = input.template ?? defaultMailTemplate(input.kind, input.lang, input.sender);
  const name = input.recipientName ? plainText(input.recipientName, 200) : '';
  const closes = input.closesAt && /^\d{4}-\d{2}-\d{2}/.test(input.closesAt) ? formatDate(input.closesAt.slice(0, 10), ui) : '';
  const values: Readonly<Record<string, string>> = {
    greeting: name ? t(ui, 'mail.hello', { name }) : t(ui, 'mail.helloAnonymous'),
    name,
    study: plainText(input.studyTitle, 200),
    wave: plainText(input.waveTitle, 200),
    minutes: String(Math.round(input.minutes)),
    closes,
  };
  const fill = (text: string) => text.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
  const subject = plainText(fill(template.subject), 250);
  const sender = plainText(fill(template.sender), 200);
  const w = { personal: t(ui, 'mail.personal'), unsubscribe: t(ui, 'mail.unsubscribe') };
  const blocks = blocksOf(template.text);

  const textOf = (block: Block) =>
    block.kind === 'link'
      ? `${input.surveyUrl}\n${w.personal}`
      : block.parts.map((p) => (typeof p === 'string' ? p : p.placeholder === 'link' ? input.surveyUrl : (values[p.placeholder] ?? ''))).join('');
  const paragraphs = blocks.map(textOf);
  const signed = blocks.at(-1)?.kind === 'text' ? [...paragraphs.slice(0, -1), `${paragraphs.at(-1)}\n${sender}`] : [...paragraphs, sender];
  const text = [...signed, `${w.unsubscribe} ${input.unsubscribeUrl}`, ''].join('\n\n').replace(/\n\n$/, '\n');

  const link = mailLink(input.surveyUrl);
  const lines = (value: string): MailHtml[] => value.split('\n').map((line, i) => (i === 0 ? mailHtml`${line}` : mailHtml`<br>${line}`));
  const htmlOf = (block: Block, last: boolean): MailHtml =>
    block.kind === 'link'
      ? mailHtml`<p><a href="${link}" style="display: inline-block; padding: 0.6em 1.2em; background: #1d4e89; color: #ffffff; text-decoration: none; border-radius: 4px;">${t(ui, 'mail.button')}</a></p>
<p style="font-size: 0.9em;">${w.personal}<br><a href="${link}">${input.surveyUrl}</a></p>${last ? mailHtml`\n<p>${sender}</p>` : null}`
      : mailHtml`<p>${block.parts.map((p) =>
          typeof p === 'string' ? lines(p) : p.placeholder === 'link' ? mailHtml`<a href="${link}">${input.surveyUrl}</a>` : lines(values[p.placeholder] ?? ''),
        )}${last ? mailHtml`<br>${sender}` : null}</p>`;
  const html = mailHtml`<!doctype html>
<html lang="${input.lang}"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
${blocks.map((b, i) => [htmlOf(b, i === blocks.length - 1), '\n'])}<p style="font-size: 0.8em; color: #555555;">${w.unsubscribe} <a href="${mailLink(input.unsubscribeUrl)}">${t(ui, 'mail.unsubscribeLink')}</a></p>
</body></html>
`.toString();
  return Object.freeze({ kind: 'email', subject, text, html, fromName: sender });
}
