import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { startSmtpCapture, type SmtpCapture } from '../admin/smtp-capture.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { FULL_PAGES, openWave } from '../respond/fieldwork.js';
import { InjectClient } from '../respond/inject-client.js';
import { signedInOwner, type WorkspaceClient } from './workspace-client.js';
import { rawDatabase } from '../helpers/raw-database.js';

const linkOf = (text: string) => /(\/s\/[^\s"<>]+\?t=([A-Za-z0-9_-]+))/.exec(text);

for (const database of TEST_DATABASES) {
  describe(`invitation tokens [${database.name}]`, () => {
    let admin: AdminTestApp;
    let smtp: SmtpCapture;
    let owner: WorkspaceClient;
    let waveId: number;

    before(async () => {
      smtp = await startSmtpCapture();
      admin = await startAdminApp(database, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://survey.test' });
      owner = await signedInOwner(admin);
      waveId = (await openWave(admin.store, 'tokens')).id;
      const imported = await owner.post(`/admin/waves/${waveId}/contacts/import`, { csv: 'email,name\nann@example.org,Ann\nbob@example.org,Bob\n' });
      assert.equal(imported.statusCode, 200);
    });
    after(async () => {
      await admin.close();
      await smtp.close();
    });

    it('sends a random link per e-mail, stores only its HMAC, and a reminder opens the same response', async () => {
      assert.equal((await owner.post(`/admin/waves/${waveId}/invitations`, {})).statusCode, 303);
      await admin.app.jobs.drainForTests();
      const first = smtp.messages.find((m) => m.to.includes('ann@example.org'))!;
      const firstLink = linkOf(first.text)!;
      const firstToken = firstLink[2]!;
      assert.match(firstToken, /^[A-Za-z0-9_-]{22}$/, '128 random bits in base64url');

      // Ann starts with the invitation's link
      const ann = new InjectClient(admin.app, '10.0.0.1');
      const path = new URL(firstLink[1]!, 'http://x').pathname + '?t=' + firstToken;
      let page = await ann.get(path);
      page = await ann.submit(page, FULL_PAGES[0]!);
      assert.equal(page.status, 200);

      assert.equal((await owner.post(`/admin/waves/${waveId}/reminders`, {})).statusCode, 303);
      await admin.app.jobs.drainForTests();
      const reminder = smtp.messages.filter((m) => m.to.includes('ann@example.org'))[1]!;
      const secondToken = linkOf(reminder.text)![2]!;
      assert.notEqual(secondToken, firstToken, 'the reminder carries a new random token');

      // nothing in the database holds a token in clear
      for (const table of ['invitations', 'invitation_tokens', 'audit_log', 'contacts', 'responses']) {
        const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(rawDatabase(admin.store));
        const text = JSON.stringify(rows.rows);
        assert.ok(!text.includes(firstToken) && !text.includes(secondToken), `no clear token in ${table}`);
      }
      assert.equal((await rawDatabase(admin.store).selectFrom('invitationTokens').select('tokenHash').execute()).length, 4, 'two invitations and two reminders');

      // the reminder's link resumes Ann's response where she left off, and finishes it
      const again = new InjectClient(admin.app, '10.0.0.2');
      page = await again.get(path.replace(firstToken, secondToken));
      assert.equal(page.status, 200);
      assert.equal(page.hidden._page, '1', 'resumes on the second page');
      for (const answers of FULL_PAGES.slice(1)) {
        page = await again.submit(page, answers);
        assert.equal(page.status, 200, page.body.slice(0, 300));
      }
      page = await again.submit(page, [], 'finish');
      assert.equal(page.status, 200);
      const responses = await admin.store.responses.list(waveId);
      assert.equal(responses.length, 1, 'one response for both links');
      assert.equal(responses[0]!.status, 'complete');

      // both links are now used: « already answered » with the benchmark link, no form, no second response
      for (const token of [firstToken, secondToken]) {
        const used = await new InjectClient(admin.app, '10.0.0.3').get(path.replace(firstToken, token));
        assert.equal(used.status, 200);
        assert.match(used.body, /id="benchmark-link"/);
        assert.equal(used.action, undefined);
      }
      assert.equal((await admin.store.responses.list(waveId)).filter((r) => r.status === 'complete').length, 1);
    });
  });
}
