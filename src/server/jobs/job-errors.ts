/** A temporary failure (SMTP 4xx, server unreachable, database error): the job is retried after a backoff. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
}

/** A failure that retrying cannot fix (the wave left fieldwork, no SMTP server configured): the job fails at once. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** The job is no longer this worker's (cancelled, or taken over after its lease expired): stop without writing. */
export class JobLostError extends Error {
  override readonly name = 'JobLostError';
}

/** What an SMTP error means for the message and the address. */
export type SmtpFailure =
  /** the server refused the recipient for good (5xx at RCPT TO): the contact bounced, do not retry it */
  | 'recipient-rejected'
  /** the message surely did not leave (refused with 4xx or 5xx before or at DATA, or no connection): retry later */
  | 'not-sent'
  /** the connection broke while the message was being handed over: it may have left; never resend automatically */
  | 'uncertain';

/**
 * Classifies a nodemailer error. nodemailer sets `responseCode` (the SMTP reply), `command` (e.g. `RCPT TO`,
 * `DATA`, `CONN`) and `code` (`EENVELOPE`, `ECONNECTION`, `ETIMEDOUT`, `ESOCKET`…).
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const { responseCode, command, code } = (error ?? {}) as { responseCode?: number; command?: string; code?: string };
  if (typeof responseCode === 'number' && responseCode >= 500 && (code === 'EENVELOPE' || /RCPT/i.test(command ?? ''))) return 'recipient-rejected';
  if (typeof responseCode === 'number' && responseCode >= 400) return 'not-sent';
  if (command === 'CONN' || ['ECONNECTION', 'ECONNREFUSED', 'EDNS', 'EAUTH', 'ETLS', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code ?? '')) return 'not-sent';
  return 'uncertain';
}

/** The server's reply without the address it may quote, for the contact's bounce reason and the job's last error. */
export function smtpReason(error: unknown): string {
  const { response, responseCode, code } = (error ?? {}) as { response?: string; responseCode?: number; code?: string };
  const text = typeof response === 'string' && response ? response : ((error as Error)?.message ?? String(error));
  return `${[responseCode, code].filter(Boolean).join(' ')} ${text.replace(/[\w.+-]+@[\w.-]+/g, '…')}`.trim().slice(0, 300);
}
