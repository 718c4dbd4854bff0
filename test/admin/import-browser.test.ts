/**
 * The response import in a real browser: an analyst uploads a file into a published wave, sees the preview
 * (how the columns are read, what would be imported, the warning that published results change), ticks the
 * box and confirms; axe finds no serious or critical violation on the upload page nor on the preview.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { exportFileSpec, writeExportFile, ZExportQuery } from '../../src/server/export-file.js';
import type { Wave } from '../../src/store/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, TEST_SECRET_KEY, type TestServer } from '../helpers/test-server.js';

const ANALYST = { email: 'import-analyst@example.org', password: 'an analyst who imports' };

describe('the response import in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let wave: Wave;
  let csv: string;

  before(async () => {
    server = await startTestServer();
    await server.store.users.create({ email: ANALYST.email, role: 'analyst', passwordHash: await hashPassword(ANALYST.password) });
    const demo = await generateDemo(server.store, { waves: [2017], n: 5, seed: 3, secretKey: TEST_SECRET_KEY });
    const source = (await server.store.waves.get(demo.waves[0].waveId))!;
    const written = await writeExportFile(server.store, source, exportFileSpec(source, 'csv', ZExportQuery.parse({ responses: 'all' }))!);
    csv = (await readFile(written.file, 'utf8')).split('\n').slice(0, 3).join('\n');
    await written.remove();
    wave = await server.store.waves.create({ studyId: source.studyId, code: 'past', studyVersionId: source.studyVersionId, title: 'Vague passée', status: 'published' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads, previews and confirms into a published wave', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', ANALYST.email);
    await page.fill('#password', ANALYST.password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Se connecter' }).click()]);

    await page.goto(`${server.url}/admin/waves/${wave.id}`);
    await Promise.all([page.waitForNavigation(), page.locator('#link-import').click()]);
    await checkAccessibility(page, 'import page');
    await page.locator('#import-file').setInputFiles({ name: 'vague-passee.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([page.waitForNavigation(), page.locator('#import-form button[type="submit"]').click()]);
    assert.match((await page.locator('#import-summary').textContent()) ?? '', /vague-passee\.csv \(CSV aux colonnes de notre export\)\u00a0: 2 ligne\(s\) lue\(s\), 2 valide\(s\)/);
    assert.ok(await page.locator('#import-published-warning').isVisible());
    await checkAccessibility(page, 'import preview');
    assert.equal(await server.store.responses.count(wave.id), 0, 'the preview imports nothing');

    await page.locator('#import-published').check();
    await Promise.all([page.waitForNavigation(), page.locator('#import-confirm button[type="submit"]').click()]);
    assert.match((await page.locator('#import-result').textContent()) ?? '', /^2 réponse/);
    assert.equal(await server.store.responses.count(wave.id), 2);
  });
});
