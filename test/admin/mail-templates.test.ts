/**
 * The e-mails a team shapes (issue 19, part 2), on every database: templates per wave, kind and study
 * language saved in the wave's settings, refused with each field named, previewed as a sample contact sees
 * them, a test sent to oneself through a real SMTP server, used by the invitations, copied to the next wave;
 * bounces and unsubscriptions shown per contact.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { installBuiltInStudies } from '../../src/analysis/install-built-in-studies.js';
import { mailTemplateOf } from '../../src/mail/mail-template.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const STUDY = 'social-media-barometer';
const DAY = 86_400_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const NBSP = '\u00A0';

for (const database of TEST_DATABASES) {
  describe(`mail templates [${database.name}]`, () => {
    let t: AdminTestApp;
    let smtp: SmtpCapture;
    let analyst: { jar: Map<string, string>; csrf: string };
    let viewer: { jar: Map<string, string>; csrf: string };
    let versionId: number;
    let serial = 0;

    const post = (url: string, fields: Record<string, string>, session = analyst, lang = '') =>
      t.app.inject({
        method: 'POST',
        url: `${lang}${url}`,
        headers: { ...FORM, cookie: cookieHeader(session.jar) },
        payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
      });
    const get = (url: string, session = analyst) => t.app.inject({ url, headers: { cookie: cookieHeader(session.jar) } });
    const newWave = async (fields: Partial<Pick<Wave, 'status' | 'closesAt'>> = {}) => {
      serial++;
      return t.store.waves.create({ studyId: STUDY, code: `M${serial}`, studyVersionId: versionId, title: `Vague ${serial}`, status: 'draft', ...fields });
    };
    const template = {
      kind: 'invitation',
      lang: 'fr',
      subject: 'Votre regard sur {study}, {name}',
      text: '{greeting}\n\nLa vague {wave} ferme le {closes}.\n\n{link}\n\nÀ bientôt,',
      sender: 'Équipe du baromètre',
    };

    before(async () => {
      smtp = await startSmtpCapture();
      t = await startAdminApp(database, { SMTP_URL: smtp.url, HOST: '127.0.0.1', MAIL_FROM: 'Baromètre <barometre@example.org>' });
      await installBuiltInStudies(t.store);
      versionId = (await t.store.studies.latestVersion(STUDY))!.id;
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      analyst = await signIn(t.app, 'analyst@example.org');
      viewer = await signIn(t.app, 'viewer@example.org');
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('shows one form per kind and study language, prefilled with the default wording, linked from the wave and contacts pages', async () => {
      const wave = await newWave();
      const page = await get(`/admin/waves/${wave.id}/mail`);
      assert.equal(page.statusCode, 200);
      for (const kind of ['invitation', 'reminder']) for (const lang of ['fr', 'en']) assert.match(page.body, new RegExp(`id="mail-${kind}-${lang}-subject"`));
      assert.match(page.body, /value="Votre avis pour le \{study\}"/);
      assert.match(page.body, /value="Your view for the \{study\}"/);
      assert.match(page.body, /\{greeting\}\n\nNous vous invitons/);
      assert.match((await get(`/admin/waves/${wave.id}`)).body, new RegExp(`href="/admin/waves/${wave.id}/mail"`));
      assert.match((await get(`/admin/waves/${wave.id}/contacts`)).body, /id="contacts-mail-link"/);
      const asViewer = await get(`/admin/waves/${wave.id}/mail`, viewer);
      assert.equal(asViewer.statusCode, 200);
      assert.doesNotMatch(asViewer.body, /id="mail-invitation-fr-save"/, 'viewers read the wording but cannot change or send it');
      assert.match(page.body, /id="mail-invitation-fr-save"/);
    });

    it('saves a template in the wave settings (other settings kept), audited, and shows it back as the wave’s own wording', async () => {
      const wave = await newWave();
      await t.store.waves.update(wave.id, { settings: { cleaning: { identicalAnswers: false } } });
      const saved = await post(`/admin/waves/${wave.id}/mail/save`, template);
      assert.equal(saved.statusCode, 303);
      const stored = (await t.store.waves.get(wave.id))!;
      assert.deepEqual(mailTemplateOf(stored.settings, 'invitation', 'fr'), { subject: template.subject, text: template.text, sender: template.sender });
      assert.equal(mailTemplateOf(stored.settings, 'invitation', 'en'), undefined);
      assert.deepEqual((stored.settings as { cleaning: unknown }).cleaning, { identicalAnswers: false });
      const [entry] = await t.store.auditLog.list({ action: 'wave.mailTemplate', limit: 1 });
      assert.equal(entry?.target, `wave:${wave.id}`);
      const page = await get(saved.headers.location as string);
      assert.match(page.body, /id="mail-done"/);
      assert.match(page.body, /value="Votre regard sur \{study\}, \{name\}"/);
      assert.match(page.body, /Texte propre à cette vague/);

      const reset = await post(`/admin/waves/${wave.id}/mail/reset`, { kind: 'invitation', lang: 'fr' });
      assert.equal(reset.statusCode, 303);
      assert.equal(mailTemplateOf((await t.store.waves.get(wave.id))!.settings, 'invitation', 'fr'), undefined);
    });

    it('refuses an unknown placeholder or an over-long field with 400, naming the field in the user’s language, and stores nothing', async () => {
      const wave = await newWave();
      const refused = await post(`/admin/waves/${wave.id}/mail/save`, { ...template, subject: 'Bonjour {prenom}', text: 'x'.repeat(5001) });
      assert.equal(refused.statusCode, 400);
      assert.ok(refused.body.includes(`Objet${NBSP}: {prenom} n’est pas une variable connue.`));
      assert.ok(refused.body.includes(`Texte${NBSP}: 5000 caractères au plus.`));
      assert.match(refused.body, /value="Bonjour \{prenom\}" aria-invalid="true"/, 'the form keeps what was typed');
      const english = await post(`/admin/waves/${wave.id}/mail/save`, { ...template, sender: '', subject: 'See {link}' }, analyst, '/en');
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /Sender name: fill in this field\./);
      assert.match(english.body, /Subject: \{link\} can only be used in the text\./);
      const unknownLanguage = await post(`/admin/waves/${wave.id}/mail/save`, { ...template, lang: 'it' });
      assert.equal(unknownLanguage.statusCode, 400);
      assert.equal((await t.store.waves.get(wave.id))!.settings, null);
    });

    it('previews the form as a sample contact sees it, escaped, without saving it', async () => {
      const wave = await newWave({ closesAt: '2030-03-14T00:00:00.000Z' });
      const preview = await post(`/admin/waves/${wave.id}/mail/preview`, { ...template, text: `${template.text}\n\n<b>gras</b>` });
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /class="mail-preview-subject">Votre regard sur Baromètre[^<]*, Camille Martin</);
      assert.ok(preview.body.includes(`La vague Vague ${serial} ferme le 14${NBSP}mars 2030.`));
      assert.ok(preview.body.includes('&lt;b&gt;gras&lt;/b&gt;') && !preview.body.includes('<b>gras</b>'));
      assert.match(preview.body, /<iframe class="mail-preview-html" title="[^"]+" sandbox srcdoc="&lt;!doctype html&gt;/);
      assert.match(
        String(preview.headers['content-security-policy']),
        /script-src 'self'.*style-src-attr 'unsafe-inline'/,
        'the e-mail’s style attributes apply, scripts stay refused',
      );
      assert.doesNotMatch(String((await get(`/admin/waves/${wave.id}/mail`)).headers['content-security-policy']), /unsafe-inline/);
      assert.equal((await t.store.waves.get(wave.id))!.settings, null);
    });

    it('sends a test to the signed-in user through the SMTP server, audited; CSRF and the analyst role are required', async () => {
      const wave = await newWave();
      const before = smtp.messages.length;
      const sent = await post(`/admin/waves/${wave.id}/mail/test`, { ...template, subject: 'Essai {wave}' });
      assert.equal(sent.statusCode, 303);
      const mail = smtp.messages.at(-1)!;
      assert.equal(smtp.messages.length, before + 1);
      assert.deepEqual(mail.to, ['analyst@example.org']);
      assert.match(mail.text, new RegExp(`Subject: Essai Vague ${serial}`));
      assert.match(mail.text, /From: =\?UTF-8\?Q\?=C3=89quipe_du_barom=C3=A8tre\?= <barometre@example\.org>|From: .*quipe du barom.*tre.* <barometre@example\.org>/);
      assert.match((await get(sent.headers.location as string)).body, /analyst@example\.org/);
      assert.equal((await t.store.auditLog.list({ action: 'wave.mailTest', limit: 1 })).length, 1);

      const noCsrf = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${wave.id}/mail/test`,
        headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
        payload: new URLSearchParams(template).toString(),
      });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await post(`/admin/waves/${wave.id}/mail/save`, template, viewer)).statusCode, 403);
      assert.equal(smtp.messages.length, before + 1);
    });

    it('limits test e-mails per minute: the one over the limit gets 429 and is not sent', async () => {
      const wave = await newWave();
      const before = smtp.messages.length;
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: `/admin/waves/${wave.id}/mail/test`,
          remoteAddress: '198.51.100.7',
          headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
          payload: new URLSearchParams({ _csrf: analyst.csrf, ...template }).toString(),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await send()).statusCode);
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
      assert.equal(smtp.messages.length, before + 5);
    });

    it('mails the invitations with the wave’s template, and copies the templates to the next wave', async () => {
      const wave = await newWave({ status: 'fieldwork', closesAt: new Date(t.clock.now().getTime() + 10 * DAY).toISOString() });
      await post(`/admin/waves/${wave.id}/mail/save`, template);
      await t.store.contacts.create({ waveId: wave.id, email: 'ana@example.org', name: 'Ana', profile: { language: 'fr' } });
      const sent = await post(`/admin/waves/${wave.id}/invitations`, {});
      assert.equal(sent.statusCode, 303);
      await t.app.jobs.drainForTests(); // the send is a job (src/server/jobs/)
      const mail = smtp.messages.findLast((m) => m.to.includes('ana@example.org'))!;
      assert.match(mail.text, /Subject: =\?UTF-8\?Q\?Votre_regard_sur_/);
      assert.match(mail.text, /<title>Votre regard sur .*, Ana<\/title>/);
      assert.match(mail.text, /Bonjour Ana,/);
      assert.match(mail.text, /List-Unsubscribe: <http/, 'the unsubscribe link is always there');

      const next = await post(`/admin/waves/${wave.id}/next`, { code: `N${serial}`, title: 'Suivante', opensAt: '', closesAt: '', seriesOrder: '', studyVersion: '1' });
      assert.equal(next.statusCode, 200);
      assert.ok(next.body.includes(`Modèles d’e-mail copiés${NBSP}: 1.`));
      const created = (await t.store.waves.getByCode(STUDY, `N${serial}`))!;
      assert.deepEqual(mailTemplateOf(created.settings, 'invitation', 'fr'), mailTemplateOf((await t.store.waves.get(wave.id))!.settings, 'invitation', 'fr'));
    });

    it('shows bounces and unsubscriptions per contact, with their counts', async () => {
      const wave = await newWave();
      const gone = await t.store.contacts.create({ waveId: wave.id, email: 'gone@example.org' });
      const bounced = await t.store.contacts.create({ waveId: wave.id, email: 'bounced@example.org' });
      await t.store.contacts.create({ waveId: wave.id, email: 'fine@example.org' });
      await t.store.contacts.unsubscribe(gone.id, new Date('2026-03-14T10:00:00Z'));
      await t.store.contacts.setStatus(bounced.id, 'bounced');
      const page = await get(`/admin/waves/${wave.id}/contacts`);
      assert.match(page.body, /<strong data-status="unsubscribed">1<\/strong>/);
      assert.match(page.body, /<strong data-status="bounced">1<\/strong>/);
      assert.ok(page.body.includes(`désinscrit le 14${NBSP}mars 2026`));
      assert.match(page.body, /<td data-contact-status="bounced">adresse en échec<\/td>/);
    });

    it('says clearly that no SMTP server is configured', async () => {
      const bare = await startAdminApp(database);
      try {
        await installBuiltInStudies(bare.store);
        await addUser(bare.store, 'analyst@example.org', 'analyst');
        const session = await signIn(bare.app, 'analyst@example.org');
        const version = (await bare.store.studies.latestVersion(STUDY))!.id;
        const wave = await bare.store.waves.create({ studyId: STUDY, code: 'X', studyVersionId: version, title: 'X', status: 'draft' });
        const page = await bare.app.inject({ url: `/admin/waves/${wave.id}/mail`, headers: { cookie: cookieHeader(session.jar) } });
        assert.match(page.body, /id="mail-no-smtp"/);
        const refused = await bare.app.inject({
          method: 'POST',
          url: `/admin/waves/${wave.id}/mail/test`,
          headers: { ...FORM, cookie: cookieHeader(session.jar) },
          payload: new URLSearchParams({ _csrf: session.csrf, ...template }).toString(),
        });
        assert.equal(refused.statusCode, 503);
        assert.match(refused.body, /Aucun serveur SMTP n’est configuré/);
      } finally {
        await bare.close();
      }
    });
  });
}
