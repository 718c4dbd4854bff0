import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { indicatorColumn } from '../../src/analysis/indicator-column.js';
import { loadWave } from '../../src/analysis/load-wave.js';
import { waveStudy } from '../../src/analysis/wave-study.js';
import { resultsCsv } from '../../src/server/routes/api/results-csv.js';
import { categoricalColumn, computeTableSet, createDataset, createDesign, rake, type EstimateCell } from '../../src/stats/index.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { SYNTHETIC_TARGETS, seedSyntheticWave } from './fixtures/synthetic-wave.js';

const API = '/api/v1/studies/social-media-barometer/waves';
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

interface ApiIndicator {
  id: string;
  theme: string;
  label: string;
  estimate: number;
  ci: [number, number];
  n: number;
  nEffective: number;
  se: number;
}
interface ApiCell {
  letter: string;
  n: number;
  estimate: number | null;
  ci: [number, number] | null;
  higherThan: string;
  lowBase: boolean;
  suppressed: boolean;
}
interface ApiDocument {
  n: number;
  previousWave: string | null;
  indicators: ApiIndicator[];
  cuts: { variable: string; columns: { letter: string }[]; indicators: { id: string; cells: ApiCell[] }[] }[];
  trends: { id: string; previous: number; difference: number; p: number; significant: boolean }[];
}

for (const database of TEST_DATABASES) {
  describe(`results API [${database.name}]`, () => {
    let server: TestServer;
    let w2016: Wave;
    before(async () => {
      server = await startTestServer({ database, listen: false });
      await seedSyntheticWave(server.store, { code: '2015', n: 350, seed: 21 });
      w2016 = await seedSyntheticWave(server.store, { code: '2016', n: 450, seed: 22, shift: 0.08 });
      await seedSyntheticWave(server.store, { code: '2017', n: 100, seed: 23, status: 'fieldwork' });
    });
    after(() => server.close());

    it("gives the statistics engine's numbers for the same wave: overall, size cut with letters, trend", async () => {
      const res = await server.app.inject(`${API}/2016/results`);
      assert.equal(res.statusCode, 200);
      const doc = res.json() as ApiDocument;
      // the engine, called directly on the same responses
      const store = server.store;
      const load = async (wave: Wave) => {
        const study = await waveStudy(store, wave);
        const columns = await loadWave(store, wave, study);
        const dataset = createDataset([
          ...study.indicators.map((i) => categoricalColumn(i.id, indicatorColumn(columns, columns.layout, i), ['0', '1'])),
          categoricalColumn(
            'company_size',
            Int16Array.from(columns.categories.get('company_size')!, (c) => c - 1),
            ['1', '2', '3', '4'],
          ),
        ]);
        const population = Object.fromEntries(SYNTHETIC_TARGETS.margins[0].targets.map((t) => [String(t.code), t.population]));
        return { study, design: rake(createDesign(dataset, { weights: new Float64Array(dataset.n).fill(1) }), [{ variable: 'company_size', population }]).design };
      };
      const current = await load(w2016);
      const previous = await load((await server.store.waves.getByCode('social-media-barometer', '2015'))!);
      const set = computeTableSet({
        wave: current.design,
        previous: previous.design,
        banners: ['company_size'],
        indicators: current.study.indicators.map((i) => ({ id: i.id, column: i.id, yes: [1] })),
      });
      assert.equal(doc.n, 450);
      assert.equal(doc.previousWave, '2015');
      assert.equal(doc.indicators.length, set.indicators.length);
      const size = doc.cuts.find((c) => c.variable === 'company_size')!;
      let letters = 0;
      for (const table of set.indicators) {
        const api = doc.indicators.find((i) => i.id === table.id)!;
        const engine = table.overall as EstimateCell;
        close(api.estimate, engine.estimate);
        close(api.ci[0], engine.ci[0]);
        close(api.ci[1], engine.ci[1]);
        close(api.se, engine.se);
        close(api.nEffective, engine.nEffective);
        assert.equal(api.n, engine.n);
        assert.ok(api.estimate >= 0 && api.estimate <= 1);
        const trend = doc.trends.find((t) => t.id === table.id)!;
        assert.equal(engine.trend?.kind, 'trend');
        if (engine.trend?.kind === 'trend') {
          close(trend.difference, engine.trend.difference);
          close(trend.p, engine.trend.p);
          assert.equal(trend.significant, engine.trend.significant);
        }
        const cells = size.indicators.find((i) => i.id === table.id)!.cells;
        table.banners[0].columns.forEach((column, j) => {
          const cell = cells[j];
          assert.equal(cell.letter, column.letter);
          if (column.cell.kind !== 'estimate') return assert.equal(cell.suppressed, true);
          assert.equal(cell.n, column.cell.n);
          assert.equal(cell.lowBase, column.cell.n < 30);
          assert.equal(cell.suppressed, column.cell.n < 10);
          if (cell.suppressed) return assert.equal(cell.estimate, null);
          close(cell.estimate!, column.cell.estimate);
          const hidden = new Set(cells.filter((c) => c.suppressed).map((c) => c.letter));
          assert.equal(cell.higherThan, [...column.cell.letters].filter((l) => !hidden.has(l)).join(''));
          letters += cell.higherThan.length;
        });
      }
      assert.ok(letters > 0, 'the size cut has significance letters');
    });

    it('serves published waves only: 404 for a wave in fieldwork or unknown, in JSON', async () => {
      for (const url of [`${API}/2017/results`, `${API}/1999/results`, '/api/v1/studies/nope/waves/2015/results', `${API}/2017/tables/indicators.csv`]) {
        const res = await server.app.inject(url);
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().error.code, 'NOT_FOUND');
      }
      assert.equal((await server.app.inject('/resultats/social-media-barometer?wave=2017')).statusCode, 404);
      assert.equal((await server.app.inject('/charts/social-media-barometer/2017/theme-adoption.svg')).statusCode, 404);
      const list = (await server.app.inject(API)).json() as { waves: { code: string }[] };
      assert.deepEqual(
        list.waves.map((w) => w.code),
        ['2015', '2016'],
      );
    });

    it("gives each table as CSV with the API's numbers", async () => {
      const doc = (await server.app.inject(`${API}/2016/results`)).json() as ApiDocument;
      const res = await server.app.inject(`${API}/2016/tables/indicators.csv`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(String(res.headers['content-disposition']), /attachment; filename="social-media-barometer-2016-indicators.csv"/);
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.equal(lines.length, doc.indicators.length + 1);
      const first = lines[1].split(',');
      assert.equal(first[0], doc.indicators[0].id);
      assert.ok(Math.abs(Number(first[3]) - doc.indicators[0].estimate) < 1e-6);
      for (const table of ['cut-company_size', 'cut-region-adoption', 'theme-challenges', 'trend-uses_social_media']) {
        assert.equal((await server.app.inject(`${API}/2016/tables/${table}.csv`)).statusCode, 200, table);
      }
      assert.equal((await server.app.inject(`${API}/2016/tables/nope.csv`)).statusCode, 404);
    });

    it('neutralises texts that a spreadsheet would run as formulas', async () => {
      const doc = (await server.app.inject(`${API}/2016/results`)).json() as ApiDocument;
      assert.ok(doc.indicators.length > 0);
      const { getWaveResults } = await import('../../src/analysis/results-cache.js');
      const results = await getWaveResults(server.store, w2016);
      const hostile = {
        ...results,
        indicators: results.indicators.map((i, k) => (k === 0 ? { ...i, label: { fr: '=HYPERLINK("http://x.example","clic")', en: "+cmd|' /C calc'!A0" } } : i)),
      };
      const fr = resultsCsv(hostile, 'indicators', 'fr');
      assert.ok(fr.includes(`"'=HYPERLINK(""http://x.example"",""clic"")"`), fr.split('\r\n')[1]);
      const en = resultsCsv(hostile, 'indicators', 'en');
      assert.ok(en.split('\r\n')[1].includes(`'+cmd`));
      for (const line of fr.replace(/^\uFEFF/, '').split('\r\n')) for (const cell of line.split(',')) assert.ok(!/^[=+@]/.test(cell), cell);
    });

    it('publishes an OpenAPI document, lets embeds be framed and keeps other pages unframable', async () => {
      const docs = await server.app.inject('/api/docs');
      assert.equal(docs.statusCode, 200);
      const openapi = docs.json() as { openapi: string; paths: Record<string, unknown> };
      assert.match(openapi.openapi, /^3\./);
      assert.ok(openapi.paths['/api/v1/studies/{study}/waves/{wave}/results']);
      const embed = await server.app.inject('/embed/social-media-barometer/2016/theme-challenges');
      assert.equal(embed.statusCode, 200);
      assert.match(String(embed.headers['content-security-policy']), /frame-ancestors \*/);
      assert.equal(embed.headers['x-frame-options'], undefined);
      const page = await server.app.inject('/resultats/social-media-barometer');
      assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
      const svg = await server.app.inject('/charts/social-media-barometer/2016/theme-challenges.svg');
      assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
      assert.match(svg.body, /<svg[^>]*role="img"/);
      const png = await server.app.inject('/en/charts/social-media-barometer/2016/trend-uses_social_media.png');
      assert.equal(png.headers['content-type'], 'image/png');
      assert.deepEqual([...png.rawPayload.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    });

    it('shows every number of the dashboard with its base and margin in both languages', async () => {
      const fr = await server.app.inject('/resultats/social-media-barometer?cut=company_size');
      const en = await server.app.inject('/en/results/social-media-barometer?wave=2015');
      assert.equal(fr.statusCode, 200);
      assert.equal(en.statusCode, 200);
      assert.match(fr.body, /<html lang="fr">/);
      assert.match(en.body, /<html lang="en">/);
      assert.ok(!/<[^>]+\sstyle=/.test(fr.body) && !/<script(?![^>]*src=)/.test(fr.body), 'no inline style or script');
      // each cut cell shows a margin and a base, or is suppressed with its base
      const cells = [...fr.body.matchAll(/<td class="number[^"]*"[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
      const shown = cells.filter((c) => c.includes('class="value"'));
      assert.ok(shown.length > 0, 'the page shows cut cells with a value');
      // the margin as ± when the interval is symmetric to the printed digit, else as −/+ distances to its bounds
      for (const cell of shown) assert.match(cell, /(±\u00A0\d+,\d|−\d+,\d\u00A0\/\u00A0\+\d+,\d)\u00A0pts(<\/span>)? · (<span>)?n\u00A0=\u00A0\d/);
      assert.ok(
        shown.some((cell) => cell.includes('\u00A0/\u00A0+')),
        'an asymmetric interval is shown as −/+ margins',
      );
      // a visible legend explains the arrows, the margins and the bases
      assert.match(fr.body, /<p class="table-note">▲ ▼\u00A0: hausse ou baisse significative depuis 2015/);
      assert.equal((await server.app.inject('/en/results/social-media-barometer/methodology?wave=2016')).statusCode, 200);
      assert.equal((await server.app.inject('/resultats/social-media-barometer/evolution/uses_social_media')).statusCode, 200);
      const redirect = await server.app.inject('/en/results');
      assert.equal(redirect.statusCode, 302);
      assert.equal(redirect.headers.location, '/en/results/social-media-barometer');
    });
  });
}
