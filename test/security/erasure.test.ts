import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { purgeExpired } from '../../src/analysis/retention.js';
import { runCli } from '../helpers/run-cli.js';
import type { Wave } from '../../src/store/index.js';
import { addUser, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { FULL_PAGES, invite, openWave } from '../respond/fieldwork.js';
import { InjectClient } from '../respond/inject-client.js';
import { clientFor, signedInOwner, type WorkspaceClient } from './workspace-client.js';
import { rawDatabase } from '../helpers/raw-database.js';

const EVE = 'Eve.Target@Example.org';
const ZOE = 'zoe.other@example.org';

/** Every place the database may still hold the text: SQLite file bytes (and its log), or every row of every PostgreSQL table. */
async function databaseText(admin: AdminTestApp): Promise<string> {
  if (admin.store.options.databaseUrl) {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(rawDatabase(admin.store));
    let text = '';
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(rawDatabase(admin.store));
      text += rows.rows.map((r) => r.row).join('\n');
    }
    return text.toLowerCase();
  }
  const file = join(admin.store.options.dataDir, 'barometre.sqlite');
  const parts = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
  // UTF-8 and UTF-16 spellings both searched
  return parts
    .map((b) => b.toString('latin1') + b.toString('utf16le'))
    .join('')
    .toLowerCase();
}

/** A respondent through the whole questionnaire with an invitation link: company name and a comment quoting the address. */
async function respond(admin: AdminTestApp, path: string, address: string, comment: string, company: string): Promise<void> {
  const client = new InjectClient(admin.app, address);
  let page = await client.get(path);
  for (const answers of FULL_PAGES) {
    const fields = answers.map(([k, v]): [string, string] => [k, k === 'comments' ? comment : k === 'company_name' ? company : v]);
    page = await client.submit(page, fields);
    assert.equal(page.status, 200, page.body.slice(0, 200));
  }
  page = await client.submit(page, [], 'finish');
  assert.equal(page.status, 200);
}

for (const database of TEST_DATABASES) {
  describe(`erasure and retention [${database.name}]`, () => {
    let admin: AdminTestApp;
    let owner: WorkspaceClient;
    let wave: Wave;
    let env: Record<string, string>;

    before(async () => {
      admin = await startAdminApp(database);
      owner = await signedInOwner(admin);
      wave = await openWave(admin.store, 'erase');
      env = {
        DATA_DIR: admin.store.options.dataDir,
        SECRET_KEY: admin.config.secretKey,
        ...(admin.store.options.databaseUrl ? { DATABASE_URL: admin.store.options.databaseUrl } : {}),
      };
      const imported = await owner.post(`/admin/waves/${wave.id}/contacts/import`, { csv: `email,name,company\n${EVE},Eve Target,Eve Corp\n${ZOE},Zoe Other,Zoe SA\n` });
      assert.equal(imported.statusCode, 200);
      // Eve answers through her invitation (company name, a comment with her address), asks for the benchmark notification
      const contact = (await admin.store.contacts.getByEmail(wave.id, EVE.toLowerCase())) ?? (await admin.store.contacts.getByEmail(wave.id, EVE));
      assert.ok(contact, 'Eve is a contact');
      const token = await invite(admin.store, wave, admin.config.secretKey);
      const invitation = (await admin.store.invitations.listByWave(wave.id)).at(-1)!;
      await rawDatabase(admin.store).updateTable('invitations').set({ contactId: contact.id }).where('id', '=', invitation.id).execute();
      await respond(admin, `/s/${wave.studyId}/${wave.code}?t=${token}`, '10.2.0.1', `Write to me: ${EVE}`, 'Eve Corp');
      const eves = (await admin.store.responses.list(wave.id)).find((r) => r.invitationId === invitation.id)!;
      await admin.store.responses.update(eves.id, { notifyEmail: EVE.toLowerCase(), company: 'Eve Corp', email: EVE });
      // someone else quotes her address in an open text (open link)
      await respond(admin, `/s/${wave.studyId}/${wave.code}`, '10.2.0.2', `ask ${EVE.toUpperCase()} about it`, 'Other SA');
      await admin.store.leads.create({ studyId: wave.studyId, waveId: wave.id, name: 'Eve Target', email: EVE, company: 'Eve Corp', consentContact: true } as never);
      await admin.store.auditLog.append({ action: 'test.note', details: { note: `mail from ${EVE}` } });
      assert.ok((await databaseText(admin)).includes(EVE.toLowerCase()), 'the address is in the database before');
    });
    after(() => admin.close());

    it('barometre gdpr erase removes contact, lead and links, anonymises her response and leaves no trace in a dump or an export', async () => {
      const before = await admin.store.responses.list(wave.id);
      const result = await runCli(['gdpr', 'erase', '--email', EVE], env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /erased: 1 contact\(s\), 1 invitation\(s\), 1 lead\(s\); responses anonymised 1; 1 other open text\(s\) redacted/);

      assert.equal(await admin.store.contacts.getByEmail(wave.id, EVE.toLowerCase()), undefined);
      const after = await admin.store.responses.list(wave.id);
      assert.equal(after.length, before.length, 'responses kept for statistics');
      assert.equal(after.filter((r) => r.status === 'complete').length, before.filter((r) => r.status === 'complete').length);
      assert.ok(after.every((r) => r.invitationId === null && r.email === null && r.notifyEmail === null));
      assert.equal((await rawDatabase(admin.store).selectFrom('invitationTokens').selectAll().execute()).length, 0, 'her links are gone');

      const text = await databaseText(admin);
      for (const trace of [EVE.toLowerCase(), 'eve corp']) assert.ok(!text.includes(trace), `no "${trace}" in the database`);
      for (const format of ['csv', 'jsonl']) {
        const exported = await owner.get(`/admin/waves/${wave.id}/export/${format}`);
        assert.equal(exported.statusCode, 200);
        assert.ok(!exported.body.toLowerCase().includes(EVE.toLowerCase()), `no trace in the ${format} export`);
      }
      const log = await rawDatabase(admin.store).selectFrom('auditLog').selectAll().where('action', '=', 'gdpr.erase').execute();
      assert.equal(log.length, 1);
      assert.deepEqual(JSON.parse(log[0]!.details!), {
        kind: 'erasure',
        contacts: 1,
        leads: 0 + 1,
        invitations: 1,
        responsesAnonymised: 1,
        responsesDeleted: 0,
        textsRedacted: 1,
        by: 'cli',
      });
    });

    it('erases from the workspace form for owners only, deleting the responses on request', async () => {
      await addUser(admin.store, 'analyst@example.org', 'analyst');
      const analyst = await clientFor(admin.app, 'analyst@example.org');
      assert.equal((await analyst.post('/admin/gdpr/erase', { email: ZOE })).statusCode, 403);
      assert.equal((await owner.get('/admin/gdpr')).statusCode, 200);
      const token = await invite(admin.store, wave, admin.config.secretKey);
      const zoe = (await admin.store.contacts.getByEmail(wave.id, ZOE))!;
      const invitation = (await admin.store.invitations.listByWave(wave.id)).at(-1)!;
      await rawDatabase(admin.store).updateTable('invitations').set({ contactId: zoe.id }).where('id', '=', invitation.id).execute();
      await respond(admin, `/s/${wave.studyId}/${wave.code}?t=${token}`, '10.2.0.3', 'rien', 'Zoe SA');
      const count = (await admin.store.responses.list(wave.id)).length;
      const unconfirmed = await owner.post('/admin/gdpr/erase', { email: ZOE, deleteResponses: 'yes' });
      assert.equal(unconfirmed.statusCode, 400, 'an erasure is confirmed first');
      assert.equal((await admin.store.responses.list(wave.id)).length, count);
      const erased = await owner.post('/admin/gdpr/erase', { email: ZOE, deleteResponses: 'yes', confirm: 'yes' });
      assert.equal(erased.statusCode, 303);
      assert.match(String(erased.headers.location), /contacts=1.*deleted=1/);
      const notice = (await owner.get(String(erased.headers.location))).body;
      assert.ok(notice.includes('Effacé\u00A0: 1 contact(s)') && notice.includes('(s)\u202F; réponses'), 'the counts, in French typography');
      assert.equal((await admin.store.responses.list(wave.id)).length, count - 1);
      assert.ok(!(await databaseText(admin)).includes(ZOE));
    });

    it('purges contacts and leads older than the retention period, keeping responses', async () => {
      const contact = await admin.store.contacts.create({ waveId: wave.id, email: 'old@example.org' }, new Date('2020-01-01T00:00:00Z'));
      await admin.store.contacts.create({ waveId: wave.id, email: 'recent@example.org' });
      await admin.store.leads.create({ studyId: wave.studyId, name: 'Old Lead', email: 'oldlead@example.org' } as never, new Date('2020-01-01T00:00:00Z'));
      const outcome = await purgeExpired(admin.store, 24);
      assert.equal(outcome.contacts, 1);
      assert.equal(outcome.leads, 1);
      assert.equal(await admin.store.contacts.getByEmail(wave.id, contact.email), undefined);
      assert.ok(await admin.store.contacts.getByEmail(wave.id, 'recent@example.org'));
      const cli = await runCli(['gdpr', 'purge'], env);
      assert.equal(cli.code, 2, 'no retention period configured');
      const withSetting = await runCli(['gdpr', 'purge'], { ...env, RETENTION_MONTHS: '24' });
      assert.equal(withSetting.code, 0, withSetting.stderr);
      assert.match(withSetting.stdout, /0 contact\(s\)/);
      const log = await rawDatabase(admin.store).selectFrom('auditLog').select('details').where('action', '=', 'gdpr.purge').execute();
      assert.equal(log.length, 2);
      assert.ok(
        log.every((l) => !/@/.test(l.details ?? '')),
        'counts only',
      );
    });
  });
}
