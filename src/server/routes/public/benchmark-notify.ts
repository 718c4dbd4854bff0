import { waveStudy } from '../../../analysis/wave-study.js';
import type { Mailer } from '../../../mail/mailer.js';
import { mailHtml, mailLink, plainText } from '../../../mail/mail-html.js';
import { isLang } from '../../../report/format/lang.js';
import type { Store } from '../../../store/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { respondSecrets } from '../respond/respond-secrets.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';

export interface NotifyOptions {
  /** the server's SECRET_KEY: benchmark tokens are derived from it (see respond-secrets.ts) */
  readonly secretKey: string;
  /** the site's base URL for the link, without a trailing slash */
  readonly publicUrl: string;
  readonly now?: Date;
  /** runs before each e-mail (the job worker's rate limit) */
  readonly beforeSend?: () => Promise<void>;
}

export interface NotifyOutcome {
  readonly sent: number;
  /** e-mails the server refused or could not take (their notices stay pending for a retry) */
  readonly failed: number;
}

/**
 * Sends each respondent who asked for it the link to their benchmark once a wave of their study is
 * published: every complete response of the study with a `notify_email` and no `notified_at`. The link is
 * the respondent's own token (derived again from the response, never stored); after sending, the address
 * is erased and the time kept. A failed send leaves the response for the next publication.
 * Returns how many were sent. The publication notices job runs it (src/server/jobs/publication-notices-job.ts).
 */
export async function notifyBenchmarksOnPublish(store: Store, waveId: number, mailer: Pick<Mailer, 'send'>, options: NotifyOptions): Promise<number> {
  return (await notifyBenchmarks(store, waveId, mailer, options)).sent;
}

/**
 * The same, with the failures counted. Each notice is claimed before its e-mail (`claimNotice`), so that two
 * runs at once or a run after a crash never mail one twice: a claim left by a crash stays (at most once).
 */
export async function notifyBenchmarks(store: Store, waveId: number, mailer: Pick<Mailer, 'send'>, options: NotifyOptions): Promise<NotifyOutcome> {
  const none = { sent: 0, failed: 0 };
  const wave = await store.waves.getOrThrow(waveId);
  if (wave.status !== 'published') return none;
  // a study without a benchmark sends no benchmark link
  if (!(await waveStudy(store, wave)).benchmark) return none;
  const waves = await store.waves.list(wave.studyId);
  const ids = waves.map((w) => w.id);
  if (ids.length === 0) return none;
  const rows = await store.benchmarks.pendingNotices(ids);
  const studyDocument = await waveStudy(store, wave);
  const secrets = respondSecrets(options.secretKey);
  let sent = 0;
  let failed = 0;
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
    await options.beforeSend?.();
    if (!(await store.benchmarks.claimNotice(row.id, options.now ?? new Date()))) continue;
    try {
      await mailer.send({ kind: 'email', subject, text, html, to: row.notifyEmail });
    } catch {
      await store.benchmarks.releaseNotice(row.id);
      failed++;
      continue;
    }
    await store.benchmarks.finishNotice(row.id);
    sent++;
  }
  return { sent, failed };
}
