import { waveStudy } from '../../analysis/wave-study.js';
import { invitationEmail, type RenderedEmail } from '../../mail/invitation-email.js';
import { createMailer, type Mailer } from '../../mail/mailer.js';
import { mailTemplateOf } from '../../mail/mail-template.js';
import { interfaceLanguage, isLang } from '../../messages/index.js';
import type { Contact, Invitation, Wave } from '../../store/index.js';
import { contentLanguage, labelIn, type LanguageTag, type Study } from '../../study/index.js';
import { localizedPath } from '../i18n/localized-path.js';
import { contactProgress } from '../routes/admin/contacts/contact-status.js';
import { hashToken, newToken } from '../token.js';
import { classifySmtpError, JobLostError, PermanentJobError, RetryLaterError, smtpReason } from './job-errors.js';
import type { JobContext } from './job-worker.js';

/**
 * Contacts claimed at once (three statements for the batch), then mailed one by one, then marked sent at once:
 * a few statements per batch instead of five per contact, which is what bounds the pace of a large wave. A
 * process that dies mid-batch leaves at most this many contacts uncertain (mailed or not: unknown).
 */
const CLAIM_BATCH = 10;

/** The job kinds of e-mails to a wave's contacts, and the e-mail kind of each. */
export const INVITATION_JOB_KINDS = { invitations: 'invitation', reminders: 'reminder' } as const;
export type InvitationJobKind = keyof typeof INVITATION_JOB_KINDS;

/** The contact's language (its `language` profile field) when the study has it, else the study's default. */
const languageOf = (profile: unknown, study: Study): LanguageTag => {
  const lang = profile && typeof profile === 'object' && !Array.isArray(profile) ? (profile as Record<string, unknown>).language : undefined;
  return contentLanguage(study, typeof lang === 'string' ? lang : '');
};

/**
 * The e-mail of one contact, with its personal links built from the configured site URL (PUBLIC_URL): the one
 * place an invitation or reminder is rendered.
 */
export function contactEmail(input: {
  study: Study;
  wave: Wave;
  contact: Contact;
  kind: 'invitation' | 'reminder';
  token: string;
  siteUrl: string;
}): RenderedEmail & { unsubscribeUrl: string } {
  const { study, wave, contact, kind, token, siteUrl } = input;
  const lang = languageOf(contact.profile, study);
  const query = `t=${encodeURIComponent(token)}`;
  // the questionnaire under its interface's prefix, with ?lang= for a language without a catalogue
  const ui = interfaceLanguage(lang);
  const language = isLang(lang) ? '' : `&lang=${encodeURIComponent(lang)}`;
  const surveyUrl = `${siteUrl}${localizedPath(ui, `/s/${encodeURIComponent(wave.studyId)}/${encodeURIComponent(wave.code)}?${query}${language}`)}`;
  const unsubscribeUrl = `${siteUrl}${localizedPath(ui, `/unsubscribe?${query}`)}`;
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
    // the wave's own wording for this kind and language (the workspace's e-mails page), else the default
    template: mailTemplateOf(wave.settings, kind, lang),
  });
  return { ...email, unsubscribeUrl };
}

/**
 * One attempt of an invitations or reminders job. Invitations: every contact not invited yet; reminders:
 * every invited contact without a complete response; never an unsubscribed or bounced one.
 *
 * At most one e-mail per contact and round, whatever crashes: contacts are claimed in the database before
 * their e-mails, a batch of `CLAIM_BATCH` at a time (`claimInvitations`, `claimReminder`, with no take-over of
 * old claims), and a claim is released only once the outcome is known: sent (marked sent), refused by the
 * server (given back, so a later send retries it), rejected for good (the contact is marked bounced with the
 * server's reply), or not tried (given back when the attempt ends early). A claim that stays (the process
 * died during the batch, or the connection broke while a message was handed over) makes the contact
 * *uncertain*: SMTP is not transactional, so the message may have left. No send mails an uncertain contact
 * again on its own: the wave's sendings page lists them and offers to release them for a new send, once
 * someone has checked (jobs-routes.ts). Choice: at most once, with the doubt shown, rather than at least once.
 *
 * A temporary failure (SMTP 4xx, server unreachable, database error) ends the attempt: the job is retried
 * after a backoff and goes on with the contacts left.
 */
export async function runInvitationJob(context: JobContext): Promise<'done' | 'stopped'> {
  const { store, config, job } = context;
  const kind = INVITATION_JOB_KINDS[job.kind as InvitationJobKind];
  if (!kind || job.waveId === null) throw new PermanentJobError(`not an invitation job: ${job.kind}`);
  const wave = await store.waves.get(job.waveId);
  if (!wave) throw new PermanentJobError('the wave no longer exists');
  if (wave.status !== 'fieldwork') throw new PermanentJobError(`the wave is not in fieldwork (${wave.status})`);
  if (!config.smtpUrl) throw new PermanentJobError('no SMTP server configured: set SMTP_URL to send e-mails');
  const study = await waveStudy(store, wave);
  const [contacts, invitations, responses] = await Promise.all([store.contacts.listByWave(wave.id), store.invitations.listByWave(wave.id), store.responses.list(wave.id)]);
  const targets = contactProgress(contacts, invitations, responses).filter(
    (p) =>
      p.contact.bouncedAt === null &&
      p.contact.status !== 'bounced' &&
      !p.invitation?.claimedAt &&
      (kind === 'invitation'
        ? p.status === 'new'
        : // one round per job: a contact reminded since the job was created (by it before a crash, or by a
          // send enqueued at the same moment: a double click) is not reminded again
          (p.status === 'sent' || p.status === 'reminded' || p.status === 'started' || p.status === 'partial') &&
          !(p.invitation?.remindedAt && p.invitation.remindedAt >= job.createdAt)),
  );
  /** a claim given back: the contact can be sent to again */
  const giveBack = (invitation: Invitation, previousRemindedAt: string | null) =>
    kind === 'invitation' ? store.invitations.releaseClaim(invitation.id) : store.invitations.undoReminder(invitation, previousRemindedAt);
  let done = job.progressDone;
  let failed = job.progressFailed;
  // a first attempt counts the contacts; a later one (a retry, or a take-over after a crash) counts what is left
  let total = done + failed + targets.length;
  await context.progress({ done, failed, total }, true);
  if (targets.length === 0) return 'done';
  const siteUrl = context.siteUrl();
  let mailer: Mailer | undefined;
  try {
    mailer = createMailer(config, { pooled: true });
    for (let first = 0; first < targets.length; first += CLAIM_BATCH) {
      if (context.stopping()) return 'stopped';
      const batch = targets.slice(first, first + CLAIM_BATCH);
      const now = context.now();
      // a new random link per e-mail (only its HMAC is stored); a reminder's link opens the same response
      const tokens = new Map(batch.map(({ contact }) => [contact.id, newToken()]));
      const hashOf = (contactId: number) => hashToken(config.secretKey, tokens.get(contactId)!);
      // claimed before mailing, a batch at a time; a claim left by a dead process is never taken over
      const claimed: { contact: Contact; invitation: Invitation; previousRemindedAt: string | null }[] = [];
      if (kind === 'invitation') {
        const won = new Map(
          (
            await store.invitations.claimInvitations(
              wave.id,
              batch.map(({ contact }) => ({ contactId: contact.id, tokenHash: hashOf(contact.id) })),
              now,
            )
          ).map((i) => [i.contactId, i]),
        );
        for (const { contact } of batch) {
          const invitation = won.get(contact.id);
          if (invitation) claimed.push({ contact, invitation, previousRemindedAt: null });
        }
      } else {
        for (const { contact, invitation: existing } of batch) {
          const invitation =
            existing && (await store.invitations.claimReminder({ invitationId: existing.id, seenCount: existing.reminderCount, tokenHash: hashOf(contact.id) }, now, null));
          if (invitation) claimed.push({ contact, invitation, previousRemindedAt: existing.remindedAt });
        }
      }
      // contacts another send took: not this job's work
      total -= batch.length - claimed.length;
      const sent: { contact: Contact; invitation: Invitation }[] = [];
      let next = 0;
      try {
        for (; next < claimed.length; next++) {
          const { contact, invitation, previousRemindedAt } = claimed[next]!;
          await context.mailSlot();
          const email = contactEmail({ study, wave, contact, kind, token: tokens.get(contact.id)!, siteUrl });
          try {
            await mailer.send({ ...email, to: contact.email });
          } catch (error) {
            const outcome = classifySmtpError(error);
            // the message may have left: the claim stays, the contact is uncertain
            if (outcome === 'uncertain') {
              next++;
              throw new RetryLaterError(`the connection to the mail server broke while mailing a contact, who is left uncertain: ${smtpReason(error)}`);
            }
            // surely not sent: the claim is given back
            await giveBack(invitation, previousRemindedAt);
            if (outcome === 'not-sent') {
              next++;
              throw new RetryLaterError(`the mail server refused or could not be reached: ${smtpReason(error)}`);
            }
            await store.contacts.markBounced(contact.id, smtpReason(error), context.now());
            failed++;
            continue;
          }
          sent.push({ contact, invitation });
        }
      } finally {
        // what was mailed is marked sent, and the claims not tried yet are given back (surely not mailed)
        if (kind === 'invitation') {
          await store.invitations.markSentMany(
            sent.map((s) => s.invitation.id),
            context.now(),
          );
          await store.contacts.setStatusMany(
            sent.map((s) => s.contact.id),
            'invited',
          );
        } else for (const { invitation } of sent) await store.invitations.releaseClaim(invitation.id);
        for (const { invitation, previousRemindedAt } of claimed.slice(next)) await giveBack(invitation, previousRemindedAt);
        done += sent.length;
      }
      await context.progress({ done, failed, total }, true);
    }
    await context.progress({ done, failed, total }, true);
    return 'done';
  } catch (error) {
    // the counts of this attempt are kept for the next one (best effort: the database may be what failed)
    if (!(error instanceof JobLostError)) await context.progress({ done, failed, total }, true).catch(() => {});
    throw error;
  } finally {
    mailer?.close();
  }
}
