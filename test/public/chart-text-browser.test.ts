import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { respondSecrets } from '../../src/server/routes/respond/respond-secrets.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { assertChartTextAtLeast } from '../helpers/chart-text.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const STUDY = 'social-media-barometer';
const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
  { width: 1366, height: 900 },
] as const;

describe('chart text on every screen (browser)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let pages: { name: string; path: string; charts: number }[];

  before(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { waves: [2015, 2016] });
    const wave = (await server.store.waves.getByCode(STUDY, '2016'))!;
    const [response] = await server.store.responses.list(wave.id, { status: 'complete', limit: 1 });
    const secrets = respondSecrets(server.config.secretKey);
    const token = secrets.benchmarkToken(response!.publicId);
    await server.store.responses.update(response!.id, { benchmarkTokenHash: secrets.tokenHash(token) });
    const api = (await (await fetch(`${server.url}/api/v1/studies/${STUDY}/waves/2016/results`)).json()) as { indicators: { id: string }[] };
    const indicator = api.indicators[0]!.id;
    pages = [
      { name: 'dashboard', path: `/resultats/${STUDY}?wave=2016`, charts: 3 },
      { name: 'cut view', path: `/resultats/${STUDY}?wave=2016&cut=company_size`, charts: 6 },
      { name: 'trend page', path: `/resultats/${STUDY}/evolution/${indicator}?wave=2016`, charts: 1 },
      { name: 'embed', path: `/embed/${STUDY}/2016/trend-${indicator}`, charts: 1 },
      { name: 'English embed of a cut', path: `/en/embed/${STUDY}/2016/cut-company_size-${indicator}`, charts: 1 },
      { name: 'benchmark', path: `/benchmark/${token}`, charts: 1 },
    ];
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws no chart text under 11 CSS px at 320, 360, 768 and 1,366 px wide, on the narrow chart for phones and the wide one for larger screens', async () => {
    const page = await browser.newPage();
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const { name, path, charts } of pages) {
        const response = await page.goto(`${server.url}${path}`);
        assert.equal(response?.status(), 200, `${name}: ${path}`);
        const sizes = await assertChartTextAtLeast(page, 11, `${name} (${path})`);
        const shown = new Set(sizes.map((s) => s.chart));
        assert.ok(shown.size >= charts, `${name} at ${viewport.width} px: ${shown.size} charts measured, ${charts} expected at least`);
        // phones get the narrow drawing, other screens the wide one
        const narrow = [...shown].filter((chart) => chart.includes('.narrow.svg')).length;
        if (name !== 'benchmark')
          assert.equal(narrow, viewport.width < 696 ? shown.size : 0, `${name} at ${viewport.width} px: the ${viewport.width < 696 ? 'narrow' : 'wide'} charts`);
      }
    }
    await page.close();
  });
});
