import type { FastifyInstance, FastifyRequest } from 'fastify';
import { waveStudy } from '../../../analysis/wave-study.js';
import { createMailer, type Mailer } from '../../../mail/mailer.js';
import { mailHtml, mailLink, plainText } from '../../../mail/mail-html.js';
import { isLang } from '../../../report/format/lang.js';
import type { Store } from '../../../store/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { respondSecrets } from '../respond/respond-secrets.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';
import { siteUrl } from '../../site-url.js';

export interface NotifyOptions {
  /** the server's SECRET_KEY: benchmark tokens are derived from it (see respond-secrets.ts) */
  readonly secretKey: string;
  /** the site's base URL for the link, without a trailing slash */
  readonly publicUrl: string;
  readonly now?: Date;
}

/**
 * Sends each respondent who asked for it the link to their benchmark once a wave of their study is
 * published: every complete response of the study with a `notify_email` and no `notified_at`. The link is
 * the respondent's own token (derived again from the response, never stored); after sending, the address
 * is erased and the time kept. A failed send leaves the response for the next publication.
 * Returns how many were sent. The workspace's publish action calls it.
 */
export async function notifyBenchmarksOnPublish(store: Store, waveId: number, mailer: Pick<Mailer, 'send'>, options: NotifyOptions): Promise<number> {
  const wave = await store.waves.getOrThrow(waveId);
  if (wave.status !== 'published') return 0;
  // a study without a benchmark sends no benchmark link
  if (!(await waveStudy(store, wave)).benchmark) return 0;
  const waves = await store.waves.list(wave.studyId);
  const ids = waves.map((w) => w.id);
  if (ids.length === 0) return 0;
  const rows = await store.benchmarks.pendingNotices(ids);
  const studyDocument = await waveStudy(store, wave);
  const secrets = respondSecrets(options.secretKey);
  let sent = 0;
  for (const row of rows) {
    const token = secrets.benchmarkToken(row.publicId);
    if (row.benchmarkTokenHash !== secrets.tokenHash(token) || !row.notifyEmail) continue;
    const lang = isLang(row.language) ? row.language : 'fr';
    const study = plainText(labelIn(studyDocument.title, lang), 200);
    const url = `${options.publicUrl}${localizedPath(lang, `/benchmark/${token}`)}`;
    const params = { study, wave: plainText(wave.title, 200), url };
    const subject = plainText(t(lang, 'benchmark.email.subject', params), 250);
    const text = t(lang, 'benchmark.email.text', params);
    const html = mailHtml`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${subject}</title></head><body style="font-family: sans-serif; line-height: 1.5;">
${text.split('\n\n').map((p) => (p.trim() === url ? mailHtml`<p><a href="${mailLink(url)}">${url}</a></p>` : mailHtml`<p>${p}</p>`))}
</body></html>`.toString();
    try {
      await mailer.send({ kind: 'email', subject, text, html, to: row.notifyEmail });
    } catch {
      continue;
    }
    await store.responses.update(row.id, { notifyEmail: null, notifiedAt: (options.now ?? new Date()).toISOString() });
    sent++;
  }
  return sent;
}

/** The publish action's hook: notifies with the app's mailer and base URL, logging (never throwing) a failure. */
export async function notifyOnPublish(app: FastifyInstance, request: FastifyRequest, waveId: number): Promise<number> {
  let mailer: Mailer | undefined;
  try {
    mailer = createMailer(app.config);
    return await notifyBenchmarksOnPublish(app.store, waveId, mailer, {
      secretKey: app.config.secretKey,
      publicUrl: siteUrl(app),
    });
  } catch (error) {
    // an SMTP error message may quote the recipient's address: log its codes only, never personal data
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    request.log.warn({ code, responseCode }, 'benchmark notifications not sent');
    return 0;
  } finally {
    mailer?.close();
  }
}
