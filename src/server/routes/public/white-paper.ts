import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { contentLanguage, labelIn, studyText, type Study } from '../../../study/index.js';
import { waveStudy } from '../../../analysis/wave-study.js';
import { AppError } from '../../../app-error.js';
import { createMailer } from '../../../mail/mailer.js';
import { mailHtml, mailLink, plainText } from '../../../mail/mail-html.js';
import { currentStoredWhitePaper, ensureStoredWhitePaper, whitePaperKey, type EnsuredWhitePaper } from '../../stored-white-paper.js';
import { enqueueWhitePaper, whitePaperJobKey } from '../../jobs/white-paper-job.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { newToken, hashToken } from '../../token.js';
import { linkLimiter } from '../respond/bad-link-limiter.js';
import { sendPage, studyPage } from '../../views/send-page.js';
import { CONSENT_VERSION } from '../../views/public/consent-version.js';
import { WHITE_PAPER_PATHS } from '../../views/public/white-paper-paths.js';
import { whitePaperFormView, whitePaperNoticeView, whitePaperReadyView, type LeadFieldView } from '../../views/public/white-paper-view.js';
import { leadInputName, parseLeadForm, type LeadFormError, type LeadFormValues } from './white-paper-lead.js';
import { publishedWaves } from './published-results.js';
import { publishedStudyIds, loadSiteStudies } from './site-studies.js';
import { t } from '../../../messages/index.js';
import { studiesIndexView } from '../../views/public/study-cards.js';
import { siteUrl } from '../../site-url.js';

/** A download link stays valid this long. */
export const DOWNLOAD_DAYS = 7;
const FORM_RATE_LIMIT = { max: 5, timeWindow: 60_000 };
const DOWNLOAD_RATE_LIMIT = { max: 30, timeWindow: 60_000 };
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

type StudyParams = { study: string };

/**
 * The white paper (issue 7): `/livre-blanc/:study` (`/en/white-paper/:study`) shows the lead form for the
 * latest published wave; its POST stores the lead (consent version and time, download token hashed) and
 * shows the download link (optionally e-mailed); `/livre-blanc/telechargement/:token` sends the PDF while
 * the link is valid. The form is rate-limited and has a honeypot; pages with tokens are private.
 */
export const whitePaperRoutes: FastifyPluginAsync = async (app) => {
  const limiter = linkLimiter(app, 'white-paper', { max: 10, windowMs: 60_000 });

  /** One published study: straight to its form; several: the list of them; none: a notice. */
  const index = async (request: FastifyRequest, reply: FastifyReply) => {
    const { lang } = request;
    const ids = await publishedStudyIds(app.store);
    if (ids.length === 1) return reply.redirect(WHITE_PAPER_PATHS.page(lang, ids[0]));
    if (ids.length === 0)
      return sendPage(request, reply, { title: t(lang, 'whitePaper.form.title'), body: whitePaperNoticeView(t(lang, 'whitePaper.form.title'), t(lang, 'whitePaper.page.none')) });
    const { published } = await loadSiteStudies(app.store, lang, { onError: (studyId, error) => request.log.warn({ studyId, err: error }, 'study not fully listed') });
    return sendPage(request, reply, { title: t(lang, 'site.whitePaper.title'), body: studiesIndexView(lang, 'whitePaper', published) });
  };
  app.get('/white-paper', index);
  app.get('/livre-blanc', index);

  const latest = async (studyId: string): Promise<Wave> => {
    const wave = (await publishedWaves(app.store, studyId)).at(-1);
    if (!wave) throw new AppError('NOT_FOUND', `study ${studyId} has no published wave`);
    return wave;
  };
  /** The study's lead form fields as the page shows them, in the study's language for the page. */
  const fieldViews = (study: Study, lang: Lang): LeadFieldView[] => {
    const tag = contentLanguage(study, lang);
    return study.leadForm.map((f) => ({
      name: leadInputName(f),
      label: labelIn(f.label, tag),
      required: f.required,
      maxLength: f.maxLength,
      options: f.options?.map((o) => ({ value: String(o.code), label: labelIn(o.label, tag) })),
    }));
  };
  const showForm = async (
    request: FastifyRequest<{ Params: StudyParams }>,
    reply: FastifyReply,
    values: LeadFormValues,
    errors: Readonly<Record<string, LeadFormError>>,
    status = 200,
  ) => {
    const { lang } = request;
    const wave = await latest(request.params.study);
    const study = await waveStudy(app.store, wave);
    const tag = contentLanguage(study, lang);
    const body = whitePaperFormView(lang, {
      studyTitle: labelIn(study.title, tag),
      studyLang: tag === lang ? undefined : tag,
      waveTitle: wave.title,
      action: WHITE_PAPER_PATHS.page(lang, wave.studyId),
      fields: fieldViews(study, lang),
      csrf: csrfField(reply),
      values,
      errors,
    });
    return sendPage(request, reply, { title: t(lang, 'whitePaper.page.title', { wave: wave.title }), body, status, ...studyPage(study, lang) });
  };

  for (const path of ['/livre-blanc/:study', '/white-paper/:study']) {
    app.get<{ Params: StudyParams }>(path, (request, reply) => showForm(request, reply, {}, {}));
    app.post<{ Params: StudyParams }>(path, { config: { private: true, rateLimit: FORM_RATE_LIMIT } }, async (request, reply) => {
      const { lang } = request;
      const wave = await latest(request.params.study);
      const study = await waveStudy(app.store, wave);
      const parsed = parseLeadForm(request.body, study.leadForm);
      if (!parsed.ok) {
        if (parsed.spam)
          return sendPage(request, reply, {
            title: t(lang, 'whitePaper.form.title'),
            body: whitePaperNoticeView(t(lang, 'whitePaper.form.title'), t(lang, 'whitePaper.error.spam')),
            status: 400,
          });
        return showForm(request, reply, parsed.values, parsed.errors, 400);
      }
      const { form } = parsed;
      const token = newToken();
      const now = new Date();
      await app.store.leads.create(
        {
          studyId: wave.studyId,
          waveId: wave.id,
          name: form.name,
          email: form.email,
          fields: form.fields,
          consentContact: form.consent,
          consentVersion: CONSENT_VERSION,
          consentAt: now.toISOString(),
          downloadTokenHash: hashToken(app.config.secretKey, token),
          downloadExpiresAt: new Date(now.getTime() + DOWNLOAD_DAYS * 86_400_000).toISOString(),
        },
        now,
      );
      const url = WHITE_PAPER_PATHS.download(lang, token);
      let emailed: boolean | null = null;
      if (form.sendEmail) emailed = await sendDownloadEmail(app, request, form.email, url, wave, lang);
      return sendPage(request, reply, { title: t(lang, 'whitePaper.ready.title'), body: whitePaperReadyView(lang, url, DOWNLOAD_DAYS, emailed) });
    });
  }

  const download = async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    const { lang } = request;
    const notFound = () =>
      sendPage(request, reply, {
        title: t(lang, 'whitePaper.expired.title'),
        body: whitePaperNoticeView(t(lang, 'whitePaper.expired.title'), t(lang, 'whitePaper.expired.text')),
        status: 404,
      });
    if (await limiter.blocked(request.ip)) throw new AppError('RATE_LIMITED', 'too many invalid download links');
    const token = request.params.token;
    const lead = await app.store.leads.getByDownloadTokenHash(hashToken(app.config.secretKey, TOKEN.test(token) ? token : ''));
    const wave = lead?.waveId ? await app.store.waves.get(lead.waveId) : undefined;
    if (!lead || !wave || wave.status !== 'published' || !lead.downloadExpiresAt || lead.downloadExpiresAt < new Date().toISOString()) {
      await limiter.fail(request.ip);
      return notFound();
    }
    // made once per wave and language (at publication or by the first download) and served from storage
    const notice = async (text: string) => {
      const study = await waveStudy(app.store, wave);
      const title = labelIn(study.title, contentLanguage(study, lang));
      return sendPage(request, reply, { title, body: whitePaperNoticeView(title, text), status: 409 });
    };
    let ensured: EnsuredWhitePaper | undefined;
    const current = await currentStoredWhitePaper(app.store, wave, lang);
    if (current) ensured = { paper: current, source: 'stored' };
    else if ((await app.store.responses.count(wave.id)) < app.config.jobs.largeWaveResponses) ensured = await ensureStoredWhitePaper(app.store, wave, lang);
    else {
      // a large wave's paper is built by a job (white-paper-job.ts), once, on whichever node or worker takes it
      const key = await whitePaperKey(app.store, wave);
      const last = await app.store.jobs.latestByKey(whitePaperJobKey(wave.id, lang));
      const made = last?.result as { cacheKey?: string; empty?: boolean } | null | undefined;
      if (last?.status === 'done' && made?.cacheKey === key && made.empty) return notice(t(lang, 'results.empty.text'));
      // a build that failed for good on these data is not asked again by every reader: it says so (never a 5xx)
      if (last?.status === 'failed' && (last.payload as { cacheKey?: string } | null)?.cacheKey === key) return notice(t(lang, 'whitePaper.failed.text'));
      await enqueueWhitePaper(app.store, wave, lang, app.clock());
      app.jobs.wake();
      reply.header('retry-after', String(WHITE_PAPER_RETRY_SECONDS)).header('refresh', String(WHITE_PAPER_RETRY_SECONDS));
      return sendPage(request, reply, {
        title: t(lang, 'whitePaper.preparing.title'),
        body: whitePaperNoticeView(t(lang, 'whitePaper.preparing.title'), t(lang, 'whitePaper.preparing.text')),
        status: 503,
      });
    }
    if (!ensured) return notice(t(lang, 'results.empty.text'));
    const { paper } = ensured;
    const etag = `"${paper.etag}"`;
    // the link is private (no-store, set by the route's config); a client that kept the file may still ask whether it changed
    reply.header('etag', etag).header('last-modified', new Date(paper.createdAt).toUTCString());
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const file = `${wave.studyId}-${wave.code}-${lang}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(paper.pdf);
  };
  const downloadConfig = { config: { private: true, rateLimit: DOWNLOAD_RATE_LIMIT } };
  app.get('/livre-blanc/telechargement/:token', downloadConfig, download);
  app.get('/white-paper/download/:token', downloadConfig, download);
};

/** Seconds a reader is asked to wait while a large wave's white paper is being built (Retry-After, and the page's refresh). */
const WHITE_PAPER_RETRY_SECONDS = 10;

/** E-mails the download link; false when no SMTP server is configured or sending fails (the page still shows it). */
async function sendDownloadEmail(app: Parameters<FastifyPluginAsync>[0], request: FastifyRequest, to: string, path: string, wave: Wave, lang: Lang): Promise<boolean> {
  if (!app.config.smtpUrl) return false;
  const study = await waveStudy(app.store, wave);
  const url = `${siteUrl(app)}${path}`;
  const params = { study: plainText(studyText(study, study.title, lang), 200), wave: plainText(wave.title, 200), days: DOWNLOAD_DAYS, url };
  const subject = plainText(t(lang, 'whitePaper.email.subject', params), 250);
  const text = t(lang, 'whitePaper.email.text', params);
  const html = mailHtml`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${subject}</title></head><body style="font-family: sans-serif; line-height: 1.5;">
${text.split('\n\n').map((p) => (p.trim() === url ? mailHtml`<p><a href="${mailLink(url)}">${url}</a></p>` : mailHtml`<p>${p}</p>`))}
</body></html>`.toString();
  const mailer = createMailer(app.config);
  try {
    await mailer.send({ kind: 'email', subject, text, html, to });
    return true;
  } catch (error) {
    // an SMTP error message may quote the recipient's address: log its codes only, never personal data
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    request.log.warn({ code, responseCode }, 'white paper e-mail not sent');
    return false;
  } finally {
    mailer.close();
  }
}
