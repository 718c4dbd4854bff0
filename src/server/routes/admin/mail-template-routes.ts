import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { waveStudy } from '../../../analysis/wave-study.js';
import { invitationEmail, type RenderedEmail } from '../../../mail/invitation-email.js';
import { createMailer } from '../../../mail/mailer.js';
import { checkMailTemplate, defaultMailTemplate, MAIL_KINDS, mailTemplateOf, withMailTemplate, type MailKind, type MailTemplate } from '../../../mail/mail-template.js';
import { interfaceLanguage, isLang, t } from '../../../messages/index.js';
import type { JsonObject, Wave } from '../../../store/index.js';
import { labelIn, type Study } from '../../../study/index.js';
import { can } from '../../auth/roles.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { mailTemplatesView, type MailTemplateForm, type MailTemplatesExtra } from '../../views/admin/mail-templates-view.js';
import { audit, baseUrl, formOf, redirectTo, waveOfRequest } from './admin-helpers.js';

/** Test e-mails a user may send per minute (each one reaches a real mailbox). */
export const TEST_MAIL_RATE_LIMIT = Object.freeze({ max: 5, timeWindow: 60_000 });

const ZDone = z.object({
  done: z.enum(['saved', 'reset', 'test']).optional(),
  kind: z.enum(MAIL_KINDS).optional(),
  lang: z.string().max(35).optional(),
});

/** The form of one e-mail: which one, and its three fields (their limits are checked by `checkMailTemplate`, which names the field; the body limit bounds them). */
const ZMailForm = z.object({
  kind: z.enum(MAIL_KINDS),
  lang: z.string().min(1).max(35),
  subject: z.string().default(''),
  text: z.string().default(''),
  sender: z.string().default(''),
});

const defaultSender = (study: Study, lang: string) => study.producers[0]?.name ?? labelIn(study.title, lang);

/** The e-mail a sample contact would receive from `template` (links are examples, the name a sample one). */
function sampleEmail(request: FastifyRequest, wave: Wave, study: Study, kind: MailKind, lang: string, template: MailTemplate): { email: RenderedEmail; sampleName: string } {
  const ui = interfaceLanguage(lang);
  const sampleName = t(ui, 'admin.mail.sampleName');
  const site = baseUrl(request);
  const language = isLang(lang) ? '' : `&lang=${encodeURIComponent(lang)}`;
  const email = invitationEmail({
    lang,
    kind,
    studyTitle: labelIn(study.title, lang),
    waveTitle: wave.title,
    recipientName: sampleName,
    surveyUrl: `${site}${localizedPath(ui, `/s/${encodeURIComponent(wave.studyId)}/${encodeURIComponent(wave.code)}?t=EXAMPLE${language}`)}`,
    unsubscribeUrl: `${site}${localizedPath(ui, '/unsubscribe?t=EXAMPLE')}`,
    minutes: study.estimatedMinutes,
    sender: defaultSender(study, lang),
    closesAt: wave.closesAt,
    template,
  });
  return { email, sampleName };
}

/**
 * The preview's HTML e-mail is an `<iframe sandbox srcdoc>` (no script, no same origin), which inherits the
 * page's Content-Security-Policy: an e-mail's look lives in `style` attributes, so this one page lets those
 * apply (`style-src-attr`; every value in the page and the e-mail is escaped, and scripts stay refused).
 */
function allowStyleAttributes(reply: FastifyReply): void {
  const csp = reply.raw.getHeader('content-security-policy');
  if (typeof csp === 'string' && !csp.includes('style-src-attr')) reply.raw.setHeader('content-security-policy', `${csp}; style-src-attr 'unsafe-inline'`);
}

/**
 * `/admin/waves/:waveId/mail`: the wave's invitation and reminder e-mails per study language (issue 19,
 * part 2), stored under `settings.mail.templates`. Save, preview, a test sent to the signed-in user and back
 * to the default wording each post the whole form, so the page works without JavaScript; a refused template
 * comes back (400) with each problem naming its field, nothing stored.
 */
export const mailTemplateRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  const show = async (request: FastifyRequest, reply: FastifyReply, wave: Wave, study: Study, extra: Partial<MailTemplatesExtra>, edited?: MailTemplateForm, status?: number) => {
    const forms: MailTemplateForm[] = MAIL_KINDS.flatMap((kind) =>
      study.languages.map((lang) => {
        if (edited && edited.kind === kind && edited.lang === lang) return edited;
        const stored = mailTemplateOf(wave.settings, kind, lang);
        return { kind, lang, values: stored ?? defaultMailTemplate(kind, lang, defaultSender(study, lang)), custom: stored !== undefined };
      }),
    );
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.mail.title', { wave: wave.title }),
      wave,
      status,
      body: mailTemplatesView(request.lang, reply, wave, forms, {
        editable: can(request.user!.role, 'analyse'),
        smtp: Boolean(app.config.smtpUrl),
        ...extra,
      }),
    });
  };

  /** The posted form, when it names one of the study's e-mails (a kind, and a language the study has); undefined otherwise. */
  const posted = async (request: FastifyRequest) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const form = ZMailForm.safeParse(formOf(request));
    const known = form.success && study.languages.includes(form.data.lang);
    return { wave, study, form: known ? form.data : undefined };
  };
  app.get('/admin/waves/:waveId/mail', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const query = ZDone.safeParse(request.query);
    const q = query.success ? query.data : {};
    const done = q.done && q.kind && q.lang ? { action: q.done, kind: q.kind, lang: q.lang, email: request.user!.email } : undefined;
    return show(request, reply, wave, study, { done });
  });

  for (const action of ['save', 'preview', 'test'] as const) {
    const options = action === 'test' ? { config: { ...analyse.config, rateLimit: TEST_MAIL_RATE_LIMIT } } : analyse;
    app.post(`/admin/waves/:waveId/mail/${action}`, options, async (request, reply) => {
      const { wave, study, form } = await posted(request);
      if (!form) return refuseUnknownForm(request, reply, wave, study);
      const { template, problems } = checkMailTemplate(form);
      const edited: MailTemplateForm = {
        kind: form.kind,
        lang: form.lang,
        values: { subject: form.subject, text: form.text, sender: form.sender },
        custom: mailTemplateOf(wave.settings, form.kind, form.lang) !== undefined,
      };
      if (problems.length > 0) return show(request, reply, wave, study, { refused: { kind: form.kind, lang: form.lang, problems } }, edited, 400);
      if (action === 'save') {
        await app.store.waves.update(wave.id, { settings: withMailTemplate(wave.settings, form.kind, form.lang, template) as JsonObject }, app.clock());
        await audit(app.store, request, 'wave.mailTemplate', `wave:${wave.id}`, {
          kind: form.kind,
          lang: form.lang,
          subject: template.subject,
          sender: template.sender,
          textLength: template.text.length,
        });
        return redirectTo(request, reply, `/admin/waves/${wave.id}/mail?done=saved&kind=${form.kind}&lang=${encodeURIComponent(form.lang)}#mail-${form.kind}-${form.lang}`);
      }
      const sample = sampleEmail(request, wave, study, form.kind, form.lang, template);
      if (action === 'preview') {
        allowStyleAttributes(reply);
        return show(request, reply, wave, study, { preview: { kind: form.kind, lang: form.lang, ...sample } }, edited);
      }
      // a test to oneself: the form as it stands (saved or not), with example links, to the signed-in user's address
      const to = request.user!.email;
      const refuse = (message: string, status: number) =>
        show(request, reply, wave, study, { refused: { kind: form.kind, lang: form.lang, problems: [], message } }, edited, status);
      if (!app.config.smtpUrl) return refuse(t(request.lang, 'admin.mail.noSmtp'), 503);
      const mailer = createMailer(app.config);
      try {
        await mailer.send({ ...sample.email, to });
      } catch (error) {
        await audit(app.store, request, 'wave.mailTest', `wave:${wave.id}`, { kind: form.kind, lang: form.lang, sent: false });
        return refuse(t(request.lang, 'admin.mail.testFailed', { reason: (error as Error).message.slice(0, 200) }), 502);
      } finally {
        mailer.close();
      }
      await audit(app.store, request, 'wave.mailTest', `wave:${wave.id}`, { kind: form.kind, lang: form.lang, sent: true });
      return redirectTo(request, reply, `/admin/waves/${wave.id}/mail?done=test&kind=${form.kind}&lang=${encodeURIComponent(form.lang)}#mail-${form.kind}-${form.lang}`);
    });
  }

  app.post('/admin/waves/:waveId/mail/reset', analyse, async (request, reply) => {
    const { wave, study, form } = await posted(request);
    if (!form) return refuseUnknownForm(request, reply, wave, study);
    await app.store.waves.update(wave.id, { settings: withMailTemplate(wave.settings, form.kind, form.lang, null) as JsonObject }, app.clock());
    await audit(app.store, request, 'wave.mailTemplate', `wave:${wave.id}`, { kind: form.kind, lang: form.lang, reset: true });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/mail?done=reset&kind=${form.kind}&lang=${encodeURIComponent(form.lang)}#mail-${form.kind}-${form.lang}`);
  });

  /** A form for no e-mail of the study (a kind or language it does not have): the page again, 400, saying so. */
  async function refuseUnknownForm(request: FastifyRequest, reply: FastifyReply, wave: Wave, study: Study) {
    const kind = MAIL_KINDS[0];
    const lang = study.languages[0]!;
    return show(request, reply, wave, study, { refused: { kind, lang, problems: [], message: t(request.lang, 'admin.mail.error.kind') } }, undefined, 400);
  }
};
