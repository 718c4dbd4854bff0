import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const IMPORTS = [
  { from: 'limesurvey', file: new URL('../fixtures/exchange/digital-uses.lss', import.meta.url), id: 'digital-uses' },
  { from: 'surveyjs', file: new URL('../fixtures/exchange/customer-survey.surveyjs.json', import.meta.url), id: 'customer-survey' },
] as const;

/**
 * A team's existing questionnaire, end to end without code: imported in one step (`study add --from`), filled
 * with synthetic answers (`demo generate --study`), its last wave closed and published: the dashboard, the API
 * and the white paper have content although the file defines no indicator.
 */
for (const database of TEST_DATABASES) {
  describe(`an imported questionnaire published end to end [${database.name}]`, () => {
    let server: TestServer;
    let dir: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      server = await startTestServer({ database, listen: false });
      dir = mkdtempSync(join(tmpdir(), 'barometre-imported-publication-'));
      env = { DATA_DIR: server.store.options.dataDir, DATABASE_URL: server.store.options.databaseUrl ?? '' };
    });
    after(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const source of IMPORTS) {
      it(`imports a ${source.from} file, generates waves, publishes and gets a non-empty dashboard and white paper`, { timeout: 180_000 }, async () => {
        const added = await runCli(['study', 'add', source.file.pathname, '--from', source.from, '--id', source.id], env);
        assert.equal(added.code, 0, added.stderr);
        const generated = await runCli(['demo', 'generate', '--study', source.id, '--waves', 'T4-2025,T1-2026', '--n', '300', '--seed', '3'], env);
        assert.equal(generated.code, 0, generated.stderr);

        // the quarter still in fieldwork is closed and published
        const latest = (await server.store.waves.getByCode(source.id, 'T1-2026'))!;
        assert.equal(latest.status, 'fieldwork');
        await server.store.waves.setStatus(latest.id, 'closed');
        await server.store.waves.setStatus(latest.id, 'published');

        const dashboard = await server.app.inject(`/en/results/${source.id}`);
        assert.equal(dashboard.statusCode, 200);
        const cells = [...dashboard.body.matchAll(/<td class="number[^"]*"[^>]*>([\s\S]*?)<\/td>/g)];
        assert.ok(cells.length >= 4, `the dashboard shows figures (${cells.length} cells)`);

        const api = await server.app.inject(`/api/v1/studies/${source.id}/waves/T1-2026/results`);
        assert.equal(api.statusCode, 200);
        const doc = api.json() as { indicators: { estimate: number | null }[] };
        assert.ok(doc.indicators.length > 0 && doc.indicators.some((i) => i.estimate !== null), 'the API has estimates');
        const history = await server.app.inject(`/api/v1/studies/${source.id}/waves`);
        assert.deepEqual(
          (history.json() as { waves: { code: string }[] }).waves.map((w) => w.code),
          ['T4-2025', 'T1-2026'],
        );

        const results = await getWaveResults(server.store, (await server.store.waves.getByCode(source.id, 'T1-2026'))!);
        const pdf = await renderWhitePaper({ results, lang: 'en', logo: null, creationDate: new Date('2026-04-01T00:00:00Z') });
        const file = join(dir, `${source.id}.pdf`);
        writeFileSync(file, pdf);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
        assert.ok(pages >= 3, `${pages} pages`);
        const labels = results.indicators.map((i) => Object.values(i.label)[0]);
        assert.ok(
          labels.some((label) => text.replace(/\s+/g, ' ').includes(label.replace(/\s+/g, ' ').slice(0, 30))),
          'the white paper names its indicators',
        );
      });
    }
  });
}
