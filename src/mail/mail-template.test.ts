import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invitationEmail, type InvitationEmailInput } from './invitation-email.js';
import { checkMailTemplate, defaultMailTemplate, MAIL_TEMPLATE_LIMITS, mailTemplateCount, mailTemplateOf, withMailTemplate } from './mail-template.js';

const NBSP = '\u00A0';
const base: InvitationEmailInput = {
  lang: 'fr',
  kind: 'invitation',
  studyTitle: 'Baromètre',
  waveTitle: '2026',
  recipientName: 'Ana',
  surveyUrl: 'https://example.org/s/b/2026?t=abc',
  unsubscribeUrl: 'https://example.org/unsubscribe?t=abc',
  minutes: 12,
  sender: 'Équipe',
  closesAt: '2026-03-14T00:00:00.000Z',
};
const template = (fields: Partial<{ subject: string; text: string; sender: string }>) => checkMailTemplate({ subject: 's', text: 't', sender: 'x', ...fields }).template;

describe('checkMailTemplate', () => {
  it('accepts the known placeholders and removes control characters, keeping the text’s line breaks', () => {
    const { template, problems } = checkMailTemplate({
      subject: 'Hi\r\n{name}\u202E',
      text: ' {greeting}\r\n\r\n{wave} {study} {minutes} {closes}\u0007\n{link} ',
      sender: 'A\tB',
    });
    assert.deepEqual(problems, []);
    assert.equal(template.subject, 'Hi {name}');
    assert.equal(template.text, '{greeting}\n\n{wave} {study} {minutes} {closes}\n{link}');
    assert.equal(template.sender, 'A B');
  });
  it('names the field of each problem: empty, too long, unknown placeholder, a link outside the text', () => {
    const { problems } = checkMailTemplate({ subject: 'Hello {firstname} {link}', text: 'x'.repeat(MAIL_TEMPLATE_LIMITS.text + 1), sender: ' ' });
    assert.deepEqual(problems, [
      { field: 'subject', code: 'LINK_NOT_IN_TEXT' },
      { field: 'subject', code: 'UNKNOWN_PLACEHOLDER', placeholder: '{firstname}' },
      { field: 'text', code: 'TOO_LONG', max: MAIL_TEMPLATE_LIMITS.text },
      { field: 'sender', code: 'EMPTY' },
    ]);
  });
});

describe('defaultMailTemplate', () => {
  it('is today’s wording in the language, placeholders unfilled', () => {
    assert.equal(defaultMailTemplate('invitation', 'fr', 'É').subject, 'Votre avis pour le {study}');
    assert.equal(defaultMailTemplate('reminder', 'en', 'É').subject, 'Reminder: your view for the {study}');
    assert.match(defaultMailTemplate('invitation', 'de', 'É').text, /^\{greeting\}\n\n.+\n\n\{link\}\n\n.+$/s);
    assert.equal(checkMailTemplate(defaultMailTemplate('reminder', 'es', 'É')).problems.length, 0);
  });
  it('renders as the e-mail without a template', () => {
    const withDefault = invitationEmail({ ...base, template: defaultMailTemplate('invitation', 'fr', 'Équipe') });
    assert.deepEqual(withDefault, invitationEmail(base));
  });
});

describe('invitationEmail with a template', () => {
  it('fills every placeholder in the subject, text and sender', () => {
    const email = invitationEmail({
      ...base,
      template: template({ subject: '{name}: {study} {wave}', text: '{greeting} {minutes} min, until {closes}.', sender: '{study} team' }),
    });
    assert.equal(email.subject, 'Ana: Baromètre 2026');
    assert.match(email.text, new RegExp(`^Bonjour Ana, 12 min, until 14${NBSP}mars 2026\\.\n\nhttps://example\\.org/s/b/2026\\?t=abc\n`));
    assert.match(email.text, /transférer\.\n\nBaromètre team\n\nPour ne plus/, 'the sender signs after the link block');
    assert.equal(email.fromName, 'Baromètre team');
  });
  it('greets a contact without a name, and leaves {name} empty', () => {
    const email = invitationEmail({ ...base, recipientName: null, template: template({ text: '{greeting}|{name}|' }) });
    assert.match(email.text, /^Bonjour,\|\|/);
  });
  it('always adds the survey link (after the text without {link}) and ends with the unsubscribe link', () => {
    const without = invitationEmail({ ...base, template: template({ text: 'Only words.' }) });
    assert.ok(without.text.indexOf('Only words.') < without.text.indexOf(base.surveyUrl));
    assert.match(without.text, /Pour ne plus recevoir .* https:\/\/example\.org\/unsubscribe\?t=abc\n$/);
    assert.ok(without.html.includes(`href="${base.surveyUrl}"`));
    const inline = invitationEmail({ ...base, template: template({ text: 'Answer at {link} today.' }) });
    assert.match(inline.text, /^Answer at https:\/\/example\.org\/s\/b\/2026\?t=abc today\.\nx\n/);
    assert.ok(inline.html.includes(`<p>Answer at <a href="${base.surveyUrl}">${base.surveyUrl}</a> today.<br>x</p>`));
    assert.ok(inline.html.includes('href="https://example.org/unsubscribe?t=abc"'));
  });
  it('escapes the template’s own text and the values in the HTML; no line break reaches the subject', () => {
    const email = invitationEmail({
      ...base,
      recipientName: '<img src=x>',
      template: template({ subject: '{name}', text: '<script>alert(1)</script>\nline two', sender: '"Bob" <b>' }),
    });
    assert.ok(!email.html.includes('<script>') && !email.html.includes('<img'));
    assert.ok(email.html.includes('&lt;script&gt;alert(1)&lt;/script&gt;<br>line two'));
    assert.ok(email.html.includes('&quot;Bob&quot; &lt;b&gt;'));
    assert.ok(!/[\r\n]/.test(invitationEmail({ ...base, studyTitle: 'a\r\nBcc: x@y', template: template({ subject: '{study}' }) }).subject));
  });
});

describe('templates in the wave settings', () => {
  it('are stored per kind and language, other settings kept, and removed back to the default', () => {
    const t1 = template({ subject: 'One' });
    const settings = withMailTemplate({ cleaning: { identicalAnswers: false } }, 'reminder', 'en', t1);
    assert.deepEqual(mailTemplateOf(settings, 'reminder', 'en'), t1);
    assert.equal(mailTemplateOf(settings, 'invitation', 'en'), undefined);
    assert.deepEqual(settings.cleaning, { identicalAnswers: false });
    assert.equal(mailTemplateCount(settings), 1);
    assert.equal(mailTemplateOf(withMailTemplate(settings, 'reminder', 'en', null), 'reminder', 'en'), undefined);
  });
  it('ignore a stored value that is unreadable or no longer valid', () => {
    assert.equal(mailTemplateOf({ mail: { templates: { 'invitation.fr': { subject: 1 } } } }, 'invitation', 'fr'), undefined);
    assert.equal(mailTemplateOf({ mail: { templates: { 'invitation.fr': { subject: '{bad}', text: 't', sender: 's' } } } }, 'invitation', 'fr'), undefined);
    assert.equal(mailTemplateOf(null, 'invitation', 'fr'), undefined);
    assert.equal(mailTemplateCount({ mail: { templates: { 'invitation.fr': { subject: 1 } } } }), 0);
  });
});
