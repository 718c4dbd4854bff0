import { createMailer, type Mailer } from '../../mail/mailer.js';
import { notifyBenchmarks } from '../routes/public/benchmark-notify.js';
import { PermanentJobError, RetryLaterError } from './job-errors.js';
import type { JobContext } from './job-worker.js';

export const PUBLICATION_NOTICES_JOB = 'publication-notices';

/**
 * One attempt of a publication's notices: every respondent of the study who asked to be told gets the link to
 * their benchmark (see `notifyBenchmarks`, which claims each notice before its e-mail). Failed e-mails stay
 * pending: the attempt then fails, and the retry (after its backoff) mails those that are left.
 */
export async function runPublicationNoticesJob(context: JobContext): Promise<'done'> {
  const { store, config, job } = context;
  if (job.waveId === null) throw new PermanentJobError('a publication notice job names its wave');
  if (!config.smtpUrl) throw new PermanentJobError('no SMTP server configured: set SMTP_URL to send e-mails');
  let mailer: Mailer | undefined;
  try {
    mailer = createMailer(config, { pooled: true });
    const outcome = await notifyBenchmarks(store, job.waveId, mailer, {
      secretKey: config.secretKey,
      publicUrl: context.siteUrl(),
      now: context.now(),
      beforeSend: () => context.mailSlot(),
    });
    await context.progress({ done: job.progressDone + outcome.sent, failed: outcome.failed, total: job.progressDone + outcome.sent + outcome.failed }, true);
    if (outcome.failed > 0) throw new RetryLaterError(`${outcome.failed} benchmark notice(s) not sent; retried later`);
    return 'done';
  } finally {
    mailer?.close();
  }
}
