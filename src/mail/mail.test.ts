import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { invitationEmail } from './invitation-email.js';
import { createMailer } from './mailer.js';

const hostile = '<script>alert(1)</script>\r\nBcc: victim@example.org';

describe('invitationEmail', () => {
  const email = invitationEmail({
    lang: 'fr',
    kind: 'invitation',
    studyTitle: `Baromètre ${hostile}`,
    waveTitle: '2015 "x"',
    recipientName: hostile,
    surveyUrl: 'https://example.org/s/b/2015?t=abc',
    unsubscribeUrl: 'https://example.org/unsubscribe?t=abc',
    minutes: 12,
    sender: 'Équipe',
  });
  it('escapes every value in the HTML body', () => {
    assert.ok(!email.html.includes('<script>'));
    assert.ok(email.html.includes('&lt;script&gt;'));
    assert.ok(email.html.includes('href="https://example.org/s/b/2015?t=abc"'));
  });
  it('keeps line breaks out of the subject and names', () => {
    assert.ok(!/[\r\n]/.test(email.subject));
    assert.ok(!email.text.includes('\r\nBcc'));
    assert.match(email.text, /https:\/\/example\.org\/unsubscribe\?t=abc/);
  });
  it('refuses a javascript: link', () => {
    const bad = invitationEmail({
      lang: 'en',
      kind: 'reminder',
      studyTitle: 's',
      waveTitle: 'w',
      recipientName: null,
      surveyUrl: 'javascript:alert(1)',
      unsubscribeUrl: 'https://x/u',
      minutes: 5,
      sender: 'x',
    });
    assert.ok(!bad.html.includes('href="javascript:'));
    assert.match(bad.subject, /^Reminder/);
  });
});

describe('createMailer', () => {
  const received: string[] = [];
  let server: SMTPServer;
  let port: number;
  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        let text = '';
        stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
        stream.on('end', () => {
          received.push(text);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers through the SMTP server of SMTP_URL with the one-click List-Unsubscribe headers (RFC 8058)', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Baromètre <b@example.org>' });
    const email = invitationEmail({
      lang: 'en',
      kind: 'invitation',
      studyTitle: 'Barometer',
      waveTitle: '2015',
      recipientName: 'Ann',
      surveyUrl: 'http://127.0.0.1/s/x/2015?t=tok',
      unsubscribeUrl: 'http://127.0.0.1/unsubscribe?t=tok',
      minutes: 10,
      sender: 'Team',
    });
    await mailer.send({ ...email, to: 'ann@example.org', unsubscribeUrl: 'http://127.0.0.1/unsubscribe?t=tok' });
    mailer.close();
    assert.equal(received.length, 1);
    assert.match(received[0]!, /List-Unsubscribe: <http:\/\/127\.0\.0\.1\/unsubscribe\?t=tok>/);
    assert.match(received[0]!, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m);
    assert.match(received[0]!, /To: ann@example\.org/);
  });
  it('sends no List-Unsubscribe header without an unsubscribe URL', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'b@example.org' });
    await mailer.send({ kind: 'email', subject: 'Account', text: 'hello', html: '<p>hello</p>', to: 'bob@example.org' });
    mailer.close();
    const head = received.at(-1)!.split('\r\n\r\n')[0]!;
    assert.match(head, /To: bob@example\.org/);
    assert.doesNotMatch(head, /List-Unsubscribe/i);
  });
  it('refuses an unsubscribe URL that is not absolute http(s), and sends nothing', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'b@example.org' });
    const before = received.length;
    for (const url of ['/unsubscribe?t=tok', 'mailto:u@example.org', 'javascript:alert(1)', 'https://x/u?t=a>, <https://evil.example/']) {
      await assert.rejects(mailer.send({ kind: 'email', subject: 's', text: 't', html: '<p>t</p>', to: 'c@example.org', unsubscribeUrl: url }), { code: 'INVALID_INPUT' }, url);
    }
    mailer.close();
    assert.equal(received.length, before);
  });
  it('refuses to send without SMTP_URL', () => {
    assert.throws(() => createMailer({ smtpUrl: undefined, mailFrom: 'x' }), /SMTP_URL/);
  });
});
