import nodemailer from 'nodemailer';
import { AppError } from '../app-error.js';
import type { RenderedEmail } from './invitation-email.js';
import { plainText } from './mail-html.js';

export interface MailSettings {
  /** smtp:// or smtps:// with credentials, e.g. smtps://user:pass@mail.example.org:465 */
  readonly smtpUrl: string | undefined;
  /** the From header, e.g. "Baromètre <barometre@example.org>" */
  readonly mailFrom: string;
}

export interface OutgoingEmail extends RenderedEmail {
  readonly to: string;
  /**
   * The absolute http(s) unsubscribe URL with its secret token, sent as List-Unsubscribe together with
   * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): a mail provider POSTs that body to it.
   */
  readonly unsubscribeUrl?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ readonly messageId: string }>;
  close(): void;
}

/** RFC 8058 section 3.1: the one value of List-Unsubscribe-Post. */
export const ONE_CLICK_UNSUBSCRIBE = 'List-Unsubscribe=One-Click';

/**
 * The List-* options of a message with an unsubscribe URL. nodemailer's `list` option writes List-Unsubscribe
 * but no List-Unsubscribe-Post (each of its entries becomes a `<URL>` value), so that one is a plain header.
 * @throws AppError INVALID_INPUT when the URL is not an absolute http(s) URL: a mail provider only POSTs to those.
 */
function unsubscribeOptions(url: string) {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL: refused below
  }
  if (!/^[^\s<>]+$/.test(url) || (protocol !== 'https:' && protocol !== 'http:')) {
    throw new AppError('INVALID_INPUT', 'the unsubscribe URL must be an absolute http:// or https:// URL'); // not echoed: it holds a token
  }
  return { list: { unsubscribe: { url, comment: 'Unsubscribe' } }, headers: { 'List-Unsubscribe-Post': ONE_CLICK_UNSUBSCRIBE } };
}

/** The From header: the configured address, under the e-mail's own display name when it has one. */
function fromHeader(mailFrom: string, name: string | undefined): string | { name: string; address: string } {
  const display = name ? plainText(name, 200) : '';
  if (!display) return mailFrom;
  const address = /<([^<>\s]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: display, address };
}

/**
 * A nodemailer SMTP transport from the configuration (SMTP_URL, MAIL_FROM); `pooled` keeps one connection open.
 * @throws AppError UNAVAILABLE when SMTP_URL is not set.
 */
export function createMailer(settings: MailSettings, options: { readonly pooled?: boolean } = {}): Mailer {
  if (!settings.smtpUrl) throw new AppError('UNAVAILABLE', 'no SMTP server configured: set SMTP_URL to send e-mails');
  // pooled: one SMTP connection kept open for many messages (a job mailing a large wave), else one per message
  const transport = options.pooled ? nodemailer.createTransport({ url: settings.smtpUrl, pool: true, maxConnections: 1 }) : nodemailer.createTransport(settings.smtpUrl);
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: fromHeader(settings.mailFrom, email.fromName),
        to: plainText(email.to, 320),
        subject: email.subject,
        text: email.text,
        html: email.html,
        ...(email.unsubscribeUrl ? unsubscribeOptions(email.unsubscribeUrl) : {}),
      });
      return { messageId: String(info.messageId) };
    },
    close() {
      transport.close();
    },
  };
}
