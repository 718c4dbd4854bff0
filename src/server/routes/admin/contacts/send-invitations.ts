import { AppError } from '../../../../app-error.js';
import { createMailer } from '../../../../mail/mailer.js';
import { invitationEmail } from '../../../../mail/invitation-email.js';
import { mailTemplateOf } from '../../../../mail/mail-template.js';
import { interfaceLanguage, isLang } from '../../../../messages/index.js';
import { localizedPath } from '../../../i18n/localized-path.js';
import type { Store, Wave } from '../../../../store/index.js';
import { contentLanguage, labelIn, type LanguageTag, type Study } from '../../../../study/index.js';
import type { AppConfig } from '../../../config.js';
import { hashToken, newToken } from '../../../token.js';
import { contactProgress } from './contact-status.js';

export interface SendOutcome {
  readonly kind: 'send-outcome';
  readonly sent: number;
  readonly failed: readonly { readonly email: string; readonly message: string }[];
}

/** The contact's language (its `language` profile field) when the study has it, else the study's default. */
const languageOf = (profile: unknown, study: Study): LanguageTag => {
  const lang = profile && typeof profile === 'object' && !Array.isArray(profile) ? (profile as Record<string, unknown>).language : undefined;
  return contentLanguage(study, typeof lang === 'string' ? lang : '');
};

/**
 * Invitations: every contact not invited yet (and not unsubscribed) gets a token and an e-mail.
 * Reminders: every invited contact without a complete response (and not unsubscribed) gets a new random
 * link to the same invitation (the first link keeps working). Only while the wave is in fieldwork. One failed address does not stop the others.
 * Each contact is claimed in the database before its e-mail (see `claimInvitation`, `claimReminder`): of two sends
 * at once, only one mails a contact; a failed mail gives its claim back, so the next send retries it.
 */
export async function sendInvitations(store: Store, config: AppConfig, wave: Wave, study: Study, kind: 'invitation' | 'reminder', baseUrl: string): Promise<SendOutcome> {
  if (wave.status !== 'fieldwork') throw new AppError('CONFLICT', 'open fieldwork before sending invitations', { status: wave.status });
  const [contacts, invitations, responses] = await Promise.all([store.contacts.listByWave(wave.id), store.invitations.listByWave(wave.id), store.responses.list(wave.id)]);
  const targets = contactProgress(contacts, invitations, responses).filter((p) =>
    kind === 'invitation' ? p.status === 'new' : p.status === 'sent' || p.status === 'reminded' || p.status === 'started' || p.status === 'partial',
  );
  if (targets.length === 0) return Object.freeze({ kind: 'send-outcome', sent: 0, failed: [] });
  const mailer = createMailer(config);
  let sent = 0;
  const failed: { email: string; message: string }[] = [];
  try {
    for (const { contact, invitation: existing } of targets) {
      // a new random link per e-mail (only its HMAC is stored); a reminder's link opens the same response
      const token = newToken();
      const tokenHash = hashToken(config.secretKey, token);
      // claim the contact before mailing: of two sends at once (two clicks, two nodes), only one wins and mails
      const invitation =
        kind === 'invitation'
          ? await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash })
          : existing && (await store.invitations.claimReminder({ invitationId: existing.id, seenCount: existing.reminderCount, tokenHash }));
      if (!invitation) continue;
      const lang = languageOf(contact.profile, study);
      const query = `t=${encodeURIComponent(token)}`;
      // the questionnaire under its interface's prefix, with ?lang= for a language without a catalogue
      const ui = interfaceLanguage(lang);
      const language = isLang(lang) ? '' : `&lang=${encodeURIComponent(lang)}`;
      const surveyUrl = `${baseUrl}${localizedPath(ui, `/s/${encodeURIComponent(wave.studyId)}/${encodeURIComponent(wave.code)}?${query}${language}`)}`;
      const unsubscribeUrl = `${baseUrl}${localizedPath(ui, `/unsubscribe?${query}`)}`;
      const email = invitationEmail({
        lang,
        kind,
        studyTitle: labelIn(study.title, lang),
        waveTitle: wave.title,
        recipientName: contact.name,
        surveyUrl,
        unsubscribeUrl,
        minutes: study.estimatedMinutes,
        sender: study.producers[0]?.name ?? labelIn(study.title, lang),
        closesAt: wave.closesAt,
        template: mailTemplateOf(wave.settings, kind, lang),
      });
      try {
        await mailer.send({ ...email, to: contact.email, unsubscribeUrl });
      } catch (error) {
        // the claim is given back so that a later send retries this contact
        if (kind === 'invitation') await store.invitations.releaseClaim(invitation.id);
        else await store.invitations.undoReminder(invitation, existing?.remindedAt ?? null);
        failed.push({ email: contact.email, message: (error as Error).message.slice(0, 200) });
        continue;
      }
      if (kind === 'invitation') {
        await store.invitations.markSent(invitation.id);
        await store.contacts.setStatus(contact.id, 'invited');
      } else await store.invitations.releaseClaim(invitation.id);
      sent++;
    }
  } finally {
    mailer.close();
  }
  return Object.freeze({ kind: 'send-outcome', sent, failed });
}
