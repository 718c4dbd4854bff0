import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

interface ApiCell {
  letter: string;
  higherThan: string;
  lowBase: boolean;
  suppressed: boolean;
}
interface ApiDocument {
  cuts: { variable: string; indicators: { id: string; cells: ApiCell[] }[] }[];
}

describe('a reader of the public results (browser)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let api: ApiDocument;
  before(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { waves: [2015, 2016] });
    browser = await launchBrowser();
    api = (await (await fetch(`${server.url}/api/v1/studies/social-media-barometer/waves/2016/results`)).json()) as ApiDocument;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const marks = (variable: string) => {
    const cut = api.cuts.find((c) => c.variable === variable)!;
    const cells = cut.indicators.flatMap((i) => i.cells);
    return {
      letters: cells.filter((c) => !c.suppressed && c.higherThan !== '').map((c) => c.higherThan),
      lowBase: cells.filter((c) => c.lowBase && !c.suppressed).length,
      suppressed: cells.filter((c) => c.suppressed).length,
    };
  };

  it('opens the 2016 wave, cuts by size and region, opens a trend chart and downloads a table', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/resultats/social-media-barometer`);
    await page.selectOption('#wave-select', '2016');
    await Promise.all([page.waitForURL(/wave=2016/), page.click('.results-controls button[type="submit"]')]);
    assert.match(await page.locator('h1').innerText(), /Baromètre/);
    assert.ok((await page.locator('.key-figures li').count()) >= 6);
    assert.equal(
      await page
        .locator('.chart img')
        .first()
        // a lazy image, drawn by the server on the first request: wait for it rather than for nothing
        .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth > 0)),
      true,
    );
    await checkAccessibility(page, 'dashboard 2016');

    // the size cut: a letter wherever the numbers say a column is significantly higher, a low-base mark under 30
    await page.selectOption('#cut-select', 'company_size');
    await Promise.all([page.waitForURL(/cut=company_size/), page.click('.results-controls button[type="submit"]')]);
    const size = marks('company_size');
    assert.ok(size.letters.length > 0, 'the demo size cut has significant differences');
    assert.deepEqual((await page.locator('.cut-table .letters').allInnerTexts()).sort(), [...size.letters].sort());
    assert.equal(await page.locator('.cut-table .low-base').count(), size.lowBase);
    await checkAccessibility(page, 'dashboard 2016 by size');

    // the region cut has small regions: their cells carry the low-base mark, the smallest are suppressed
    await page.selectOption('#cut-select', 'region');
    await Promise.all([page.waitForURL(/cut=region/), page.click('.results-controls button[type="submit"]')]);
    const region = marks('region');
    assert.ok(region.lowBase > 0, 'the demo region cut has low bases');
    assert.equal(await page.locator('.cut-table .low-base').count(), region.lowBase);
    assert.equal(await page.locator('.cut-table .suppressed').count(), region.suppressed);
    const lowCell = page.locator('.cut-table td.is-low-base').first();
    assert.match(await lowCell.innerText(), /\*[\s\S]*n\u00A0=\u00A0\d+/);

    // a trend chart
    await Promise.all([page.waitForURL(/\/evolution\//), page.locator('a.trend-link').first().click()]);
    const chart = page.locator('figure.chart img');
    assert.equal(await chart.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth > 0)), true);
    assert.match((await chart.getAttribute('alt')) ?? '', /2015[\s\S]*2016/);
    assert.equal(await page.locator('.results-table tbody tr').count(), 2);
    await checkAccessibility(page, 'trend page');

    // a table's CSV
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a.csv-link').first().click()]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(csv.length, 3);
    assert.deepEqual(
      csv.slice(1).map((line) => line.split(',')[0]),
      ['2015', '2016'],
    );
    await page.close();
  });

  it('passes axe-core on the methodology page, the English dashboard and an embed', async () => {
    const page = await browser.newPage({ width: 375, height: 800 });
    await page.goto(`${server.url}/resultats/social-media-barometer/methodologie`);
    assert.match(await page.locator('main').innerText(), /1\s?0\d\d/); // n of the wave
    await checkAccessibility(page, 'methodology');
    await page.goto(`${server.url}/en/results/social-media-barometer?cut=function`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await checkAccessibility(page, 'English dashboard by function');
    await page.goto(`${server.url}/embed/social-media-barometer/2016/theme-challenges`);
    assert.equal(await page.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true);
    await checkAccessibility(page, 'embed');
    await page.close();
  });
});
