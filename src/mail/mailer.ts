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
  /** RFC 8058 one-click unsubscribe URL, sent as List-Unsubscribe */
  readonly unsubscribeUrl?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ readonly messageId: string }>;
  close(): void;
}

/**
 * A nodemailer SMTP transport from the configuration (SMTP_URL, MAIL_FROM).
 * @throws AppError UNAVAILABLE when SMTP_URL is not set.
 */
export function createMailer(settings: MailSettings): Mailer {
  if (!settings.smtpUrl) throw new AppError('UNAVAILABLE', 'no SMTP server configured: set SMTP_URL to send e-mails');
  const transport = nodemailer.createTransport(settings.smtpUrl);
  return {
    async send(email) {
      const info = await transport.sendMail({
        from: settings.mailFrom,
        to: plainText(email.to, 320),
        subject: email.subject,
        text: email.text,
        html: email.html,
        ...(email.unsubscribeUrl ? { list: { unsubscribe: { url: email.unsubscribeUrl, comment: 'Unsubscribe' } } } : {}),
      });
      return { messageId: String(info.messageId) };
    },
    close() {
      transport.close();
    },
  };
}
