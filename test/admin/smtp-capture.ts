/** A real SMTP server on 127.0.0.1 for tests: keeps every message it receives, decoded from quoted-printable. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  readonly to: readonly string[];
  /** the message's header block unfolded, then its body with quoted-printable soft breaks and escapes undone */
  readonly text: string;
}

export interface SmtpCapture {
  readonly url: string;
  readonly messages: CapturedMail[];
  close(): Promise<void>;
}

const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** Headers are never quoted-printable (a token such as `t=CF…` must stay as is) and may be folded. */
function readable(raw: string): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end + 4);
  return `${Buffer.from(head.replace(/\r\n[ \t]+/g, ' '), 'latin1').toString('utf8')}\r\n\r\n${decodeQuotedPrintable(body)}`;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), text: readable(Buffer.concat(chunks).toString('latin1')) });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
