import { z } from 'zod';
import { catalogue, interfaceLanguage, typography } from '../messages/index.js';

/** The e-mails a team shapes per wave and language. */
export const MAIL_KINDS = ['invitation', 'reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * The placeholders a template may use. `{greeting}` is "Hello {name}," or "Hello," when the contact has no
 * name; `{link}` puts the survey link (with its "personal link" note) where the team wants it, and is added
 * after the text when the template has none. The unsubscribe link always ends the e-mail.
 */
export const MAIL_PLACEHOLDERS = ['greeting', 'name', 'study', 'wave', 'minutes', 'closes', 'link'] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];

/** Longest subject, text and sender name (characters). */
export const MAIL_TEMPLATE_LIMITS = Object.freeze({ subject: 200, text: 5000, sender: 100 });
export type MailTemplateField = keyof typeof MAIL_TEMPLATE_LIMITS;

/** A wave's wording of one e-mail in one language. */
export interface MailTemplate {
  readonly subject: string;
  readonly text: string;
  readonly sender: string;
}

/** Why a template is refused: the field, and what is wrong with it (worded by the page in the user's language). */
export type MailTemplateProblem =
  | { readonly field: MailTemplateField; readonly code: 'EMPTY' }
  | { readonly field: MailTemplateField; readonly code: 'TOO_LONG'; readonly max: number }
  | { readonly field: MailTemplateField; readonly code: 'UNKNOWN_PLACEHOLDER'; readonly placeholder: string }
  | { readonly field: MailTemplateField; readonly code: 'LINK_NOT_IN_TEXT' };

const PLACEHOLDER = /\{([^{}\s]{0,40})\}/g;
const isPlaceholder = (name: string): name is MailPlaceholder => (MAIL_PLACEHOLDERS as readonly string[]).includes(name);

/** Line ends as `\n` (blanks before them dropped), other control characters and bidirectional overrides as spaces, outer blanks trimmed. */
export function cleanTemplateText(value: string, multiline: boolean): string {
  const unified = value.replace(/\r\n?/g, '\n');
  const cleaned = multiline
    ? unified.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ')
    : unified.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, ' ');
  return (multiline ? cleaned.replace(/[ \t]+\n/g, '\n') : cleaned).trim();
}

/**
 * A template as a team typed it: control characters removed, then checked (every field filled, within its
 * length, only known placeholders, `{link}` only in the text). Problems are data, one per field and reason.
 */
export function checkMailTemplate(input: { subject: string; text: string; sender: string }): { template: MailTemplate; problems: MailTemplateProblem[] } {
  const template: MailTemplate = Object.freeze({
    subject: cleanTemplateText(input.subject, false),
    text: cleanTemplateText(input.text, true),
    sender: cleanTemplateText(input.sender, false),
  });
  const problems: MailTemplateProblem[] = [];
  for (const field of ['subject', 'text', 'sender'] as const) {
    const value = template[field];
    if (value === '') problems.push({ field, code: 'EMPTY' });
    if (value.length > MAIL_TEMPLATE_LIMITS[field]) problems.push({ field, code: 'TOO_LONG', max: MAIL_TEMPLATE_LIMITS[field] });
    const unknown = new Set<string>();
    for (const [, name] of value.matchAll(PLACEHOLDER)) {
      if (!isPlaceholder(name!)) unknown.add(name!);
      else if (name === 'link' && field !== 'text') problems.push({ field, code: 'LINK_NOT_IN_TEXT' });
    }
    for (const placeholder of unknown) problems.push({ field, code: 'UNKNOWN_PLACEHOLDER', placeholder: `{${placeholder}}` });
  }
  return { template, problems };
}

/** Today's wording of an e-mail in a language (its interface language's catalogue), as a template a team edits from. */
export function defaultMailTemplate(kind: MailKind, lang: string, sender: string): MailTemplate {
  const ui = interfaceLanguage(lang);
  const words = catalogue(ui);
  const raw = (text: string) => typography(ui, text);
  return Object.freeze({
    subject: raw(words[`mail.subject.${kind}`]),
    text: ['{greeting}', raw(words[`mail.body.${kind}`]), '{link}', raw(words['mail.thanks'])].join('\n\n'),
    sender: cleanTemplateText(sender, false).slice(0, MAIL_TEMPLATE_LIMITS.sender),
  });
}

const ZStoredTemplate = z.object({ subject: z.string(), text: z.string(), sender: z.string() });
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const keyOf = (kind: MailKind, lang: string) => `${kind}.${lang}`;

/** The templates stored under `settings.mail.templates` of a wave, keyed `kind.lang` (unreadable ones left out). */
function storedTemplates(settings: unknown): Record<string, unknown> {
  const mail = isObject(settings) ? settings.mail : undefined;
  const templates = isObject(mail) ? mail.templates : undefined;
  return isObject(templates) ? templates : {};
}

/**
 * The wave's template for an e-mail in a language, or undefined when the wave has none (the default wording
 * is then used). A stored value that no longer passes `checkMailTemplate` counts as none.
 */
export function mailTemplateOf(settings: unknown, kind: MailKind, lang: string): MailTemplate | undefined {
  const parsed = ZStoredTemplate.safeParse(storedTemplates(settings)[keyOf(kind, lang)]);
  if (!parsed.success) return undefined;
  const { template, problems } = checkMailTemplate(parsed.data);
  return problems.length === 0 ? template : undefined;
}

/** The wave's whole settings with one template replaced, or removed when `template` is null (other keys kept). */
export function withMailTemplate(settings: unknown, kind: MailKind, lang: string, template: MailTemplate | null): Record<string, unknown> {
  const base = isObject(settings) ? settings : {};
  const mail = isObject(base.mail) ? base.mail : {};
  const templates = { ...storedTemplates(settings) };
  if (template) templates[keyOf(kind, lang)] = { subject: template.subject, text: template.text, sender: template.sender };
  else delete templates[keyOf(kind, lang)];
  return { ...base, mail: { ...mail, templates } };
}

/** How many e-mails a wave's settings word themselves (readable templates only). */
export function mailTemplateCount(settings: unknown): number {
  const stored = storedTemplates(settings);
  return Object.keys(stored).filter((key) => {
    const [kind, ...lang] = key.split('.');
    return (MAIL_KINDS as readonly string[]).includes(kind!) && mailTemplateOf(settings, kind as MailKind, lang.join('.')) !== undefined;
  }).length;
}
