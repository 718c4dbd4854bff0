import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { seedExchangeWave, type SeededWave } from './fixtures/seed-exchange-wave.js';

describe(`workspace export downloads [${TEST_DATABASES[0].name}]`, () => {
  let t: AdminTestApp;
  let seeded: SeededWave;
  before(async () => {
    t = await startAdminApp(TEST_DATABASES[0]);
    seeded = await seedExchangeWave(t.store, 40);
    await addUser(t.store, 'analyst@example.org', 'analyst');
    await addUser(t.store, 'viewer@example.org', 'viewer');
  });
  after(() => t.close());

  it('streams each format as a download to an analyst, and logs it', async () => {
    const { jar } = await signIn(t.app, 'analyst@example.org');
    const get = (path: string) => t.app.inject({ url: `/admin/waves/${seeded.wave.id}/export/${path}`, headers: { cookie: cookieHeader(jar) } });
    const sav = await get('sav');
    assert.equal(sav.statusCode, 200);
    assert.equal(sav.headers['content-type'], 'application/x-spss-sav');
    assert.match(String(sav.headers['content-disposition']), /attachment; filename="social-media-barometer-2015\.sav"/);
    assert.equal(sav.rawPayload.subarray(0, 4).toString(), '$FL2');
    const csv = await get('csv?separator=%3B&bom=1&labels=1');
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
    assert.match(csv.body, /^\ufeffresponse_id;started_at;completed_at;duration_seconds;language;channel;consent;/);
    assert.match((await get('codebook?codebook=markdown')).body, /## company_size/);
    assert.match((await get('triple-s')).body, /<sss version="2.0">/);
    const kept = await t.store.responses.count(seeded.wave.id, { status: 'complete', includeExcluded: false });
    assert.equal((await get('triple-s-data')).body.trim().split('\r\n').length, kept);
    assert.equal((await get('jsonl')).body.trim().split('\n').length, kept);
    assert.equal((await get('xlsx')).statusCode, 404);
    // every format is written first and served whole: its Content-Length is the whole file, so a cut transfer shows
    for (const format of ['csv', 'sav', 'jsonl', 'codebook', 'triple-s', 'triple-s-data']) {
      const r = await get(format);
      assert.equal(r.statusCode, 200, format);
      assert.equal(Number(r.headers['content-length']), r.rawPayload.length, format);
      assert.ok(r.rawPayload.length > 0, format);
    }
    const log = await t.store.auditLog.list({ action: 'export' });
    assert.equal(log.length, 12);
    assert.equal(log[0].target, `wave:${seeded.wave.id}`);
  });

  it('refuses a viewer', async () => {
    const { jar } = await signIn(t.app, 'viewer@example.org');
    const r = await t.app.inject({ url: `/admin/waves/${seeded.wave.id}/export/csv`, headers: { cookie: cookieHeader(jar) } });
    assert.equal(r.statusCode, 403);
  });
});
