/**
 * The viewport sweep: every public, respondent and benchmark page, at a phone, a large phone, a tablet and
 * a laptop viewport, in one browser against one server. Each page is visited once; the viewport changes
 * under it (`page.setViewportSize`) and every check of CHECKS runs at each viewport. To add a check per page
 * (chart text sizes, …), add one entry to CHECKS.
 *
 * Failures are collected across the whole sweep and reported together, so one run names every page that
 * scrolls sideways or has a serious accessibility violation.
 */
import { t } from '../../src/messages/index.js';
import { assertChartTextAtLeast } from '../helpers/chart-text.js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/demo/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, openWave } from '../respond/fieldwork.js';
import { fillPage, submitWith } from '../respond/questionnaire-page.js';
import { seedSmallWave, smallStudy } from './fixtures/small-study.js';

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

/** 320 × 640 is WCAG 1.4.10's reflow width; 1,366 × 900 the common laptop. */
export const VIEWPORTS: readonly Viewport[] = [
  { width: 320, height: 640 },
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
  { width: 1366, height: 900 },
];

/** Viewports at which axe runs: all four, as the issue asks (axe takes most of the sweep's time). */
const AXE_VIEWPORTS = new Set(VIEWPORTS.map((v) => v.width));

export interface CheckContext {
  readonly label: string;
  readonly viewport: Viewport;
}

/** One check of the page as it is shown at one viewport; throws to fail. */
export type PageCheck = (page: Page, context: CheckContext) => Promise<void>;

/**
 * The document's width and the outermost elements past the viewport's right edge that no scrolling ancestor
 * contains. A string, evaluated as is in the page (a function would come with the test compiler's helpers).
 */
const WIDTH_SCRIPT = `(() => {
  const width = window.innerWidth;
  const overflows = (el) => el.getBoundingClientRect().right > width + 0.5;
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = [...document.querySelectorAll('body *')].filter((el) => overflows(el) && !clipped(el) && !(el.parentElement && overflows(el.parentElement)));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits: wide.slice(0, 5).map((el) => name(el) + ' (right ' + Math.round(el.getBoundingClientRect().right) + ')') };
})()`;

/** No horizontal scrolling: the document is no wider than the viewport (WCAG 1.4.10 at 320 px). */
const noSidewaysScroll: PageCheck = async (page, { viewport }) => {
  const { scrollWidth, innerWidth, culprits } = (await page.evaluate(WIDTH_SCRIPT)) as { scrollWidth: number; innerWidth: number; culprits: string[] };
  assert.ok(scrollWidth <= innerWidth, `the page is ${scrollWidth} px wide at ${viewport.width} px; past the edge: ${culprits.join(', ') || 'nothing found'}`);
};

/** Every table fits its column (or has switched to cards): no table region scrolls sideways. */
const tablesFit: PageCheck = async (page) => {
  const scrolling = await page.evaluate(() =>
    [...document.querySelectorAll('.table-wrap')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.getAttribute('aria-label') ?? el.id} (${el.scrollWidth} px in ${el.clientWidth} px)`),
  );
  assert.deepEqual(scrolling, [], `tables wider than their column: ${scrolling.join('; ')}`);
};

/** axe-core: no serious or critical violation. */
const accessible: PageCheck = async (page, { label, viewport }) => {
  if (AXE_VIEWPORTS.has(viewport.width)) await checkAccessibility(page, `${label} at ${viewport.width} px`);
};

/** No text inside a chart under 11 CSS px, on the drawing the page picked for this width (`chart-text.ts`). */
const chartTextReadable: PageCheck = async (page, { label, viewport }) => {
  await assertChartTextAtLeast(page, 11, `${label} at ${viewport.width} px`);
};

export const CHECKS: readonly PageCheck[] = [noSidewaysScroll, tablesFit, chartTextReadable, accessible];

const L = (fr: string, en: string) => ({ fr, en });

/** A study whose first page holds a matrix of 11 points (0 to 10) with long end labels: the widest grid there is. */
function wideMatrixStudy() {
  const study = smallStudy('wide-matrix');
  const matrix = {
    name: 'agreement',
    kind: 'matrix' as const,
    text: L('Dans quelle mesure êtes-vous d’accord ?', 'How far do you agree?'),
    items: [
      { name: 'agree_repair', label: L('Je répare mes appareils plutôt que de les remplacer', 'I repair my appliances rather than replace them') },
      { name: 'agree_share', label: L('Je partage mes outils avec mes voisins', 'I share my tools with my neighbours') },
    ],
    points: Array.from({ length: 11 }, (_, k) => ({
      code: k,
      label: k === 0 ? L('Pas du tout d’accord', 'Strongly disagree') : k === 10 ? L('Tout à fait d’accord', 'Strongly agree') : L(String(k), String(k)),
    })),
  };
  return { ...study, pages: study.pages.map((page, k) => (k === 0 ? { ...page, questions: [matrix, ...page.questions] } : page)) };
}

describe('every page at every viewport (browser)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const failures: string[] = [];

  /** Runs every check on the page now shown, at every viewport, and puts the page back at the first viewport. */
  async function sweep(label: string): Promise<void> {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      for (const check of CHECKS) {
        try {
          await check(page, { label, viewport });
        } catch (error) {
          failures.push(`${label} @${viewport.width}: ${(error as Error).message}`);
        }
      }
    }
    await page.setViewportSize(VIEWPORTS[0]!);
  }

  /** Opens the page (asserting its HTTP status, so that an error page is not swept in its place) and sweeps it. */
  async function visit(path: string, label = path, status = 200): Promise<void> {
    const response = await page.goto(`${server.url}${path}`);
    assert.equal(response?.status(), status, `${label}: HTTP status of ${path}`);
    await sweep(label);
  }

  before(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { waves: [2015, 2016] });
    await openWave(server.store, '2026');
    await openWave(server.store, '2025', 'closed');
    await seedSmallWave(server.store, wideMatrixStudy(), { code: '2020', n: 0, seed: 1, status: 'fieldwork' });
    await seedSmallWave(server.store, smallStudy('empty-results'), { code: '2021', n: 0, seed: 1, status: 'published' });
    browser = await launchBrowser();
    page = await browser.newPage(VIEWPORTS[0]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the public pages without sideways scrolling or serious accessibility violations', async () => {
    const study = 'social-media-barometer';
    const api = (await (await fetch(`${server.url}/api/v1/studies/${study}/waves/2016/results`)).json()) as {
      cuts: { variable: string }[];
    };
    await visit('/');
    await visit('/en/');
    await visit('/resultats');
    await visit(`/resultats/${study}?wave=2016`, 'dashboard');
    const trendHref = await page.locator('a.trend-link').first().getAttribute('href');
    const chartSrc = await page.locator('figure.chart img').first().getAttribute('src');
    for (const cut of api.cuts) await visit(`/resultats/${study}?wave=2016&cut=${cut.variable}`, `dashboard cut by ${cut.variable}`);
    await visit(`/en/results/${study}?wave=2016&cut=${api.cuts[0]!.variable}`, 'dashboard in English, cut');
    await visit(`/resultats/${study}/methodologie?wave=2016`, 'methodology');
    assert.ok(trendHref && chartSrc, 'the dashboard links a trend page and shows a chart');
    await visit(trendHref, 'trend');
    const chartId = /\/([a-z0-9_-]+)(?:\.narrow)?\.(svg|png)$/.exec(chartSrc)?.[1];
    await visit(`/embed/${study}/2016/${chartId}`, 'embed');
    await visit('/livre-blanc');
    await visit(`/livre-blanc/${study}`, 'white paper lead form');
    await page.click('button[type="submit"]');
    await page.waitForSelector('.notice[role="alert"]');
    await sweep('white paper lead form with errors');
    await page.fill('#lead-name', 'Jeanne Martin');
    await page.fill('#lead-email', 'jeanne@example.org');
    await page.selectOption('#lead-field_size_band', { index: 2 });
    await submitWith(page, /Obtenir le livre blanc/);
    await sweep('white paper download page');
    await visit('/unsubscribe?t=x', 'unsubscribe');
    await visit('/resultats/empty-results', 'dashboard of a published wave without responses');
    await visit('/api/reference', 'API reference');
    await visit('/page-that-does-not-exist', '404 page', 404);
    assert.deepEqual(failures, [], `${failures.length} failure(s):\n${failures.join('\n')}`);
  });

  it('shows every questionnaire page, the end page, the notices and the benchmark without sideways scrolling', async () => {
    failures.length = 0;
    await visit('/s/social-media-barometer/2025', 'closed wave notice');
    await visit('/s/social-media-barometer/2026?t=AAAAAAAAAAAAAAAAAAAAAA', 'bad link notice', 404);
    await page.goto(`${server.url}/s/social-media-barometer/2026`);
    await sweep('questionnaire page 1');
    await fillPage(page, FULL_PAGES[0]!);
    await submitWith(page, /Commencer/);
    for (let p = 1; p < FULL_PAGES.length; p++) {
      await sweep(`questionnaire page ${p + 1}`);
      if (p === 1) {
        // the page again with its error summary
        await submitWith(page, /Suivant/);
        await sweep(`questionnaire page ${p + 1} with errors`);
      }
      await fillPage(page, FULL_PAGES[p]!);
      await submitWith(page, /Suivant/);
    }
    await sweep('review page');
    await submitWith(page, /Envoyer mes réponses/);
    await sweep('end page');
    await Promise.all([page.waitForNavigation(), page.click('#benchmark-link')]);
    await sweep('benchmark');
    // the same benchmark while no wave of its study is published: the page that says it is coming, with its form
    const published = [(await server.store.waves.getByCode('social-media-barometer', '2015'))!, (await server.store.waves.getByCode('social-media-barometer', '2016'))!];
    for (const wave of published) await server.store.waves.setStatus(wave.id, 'closed');
    await page.reload();
    assert.equal(await page.locator('h1').first().textContent(), t('fr', 'benchmark.pending.title'));
    await sweep('benchmark pending');
    for (const wave of published) await server.store.waves.setStatus(wave.id, 'published');
    await visit('/benchmark/AAAAAAAAAAAAAAAAAAAAAA', 'benchmark not found', 404);
    await page.goto(`${server.url}/s/wide-matrix/2020`);
    assert.equal(await page.locator('.matrix-row.points-11').count(), 2);
    await sweep('questionnaire page with an 11-point matrix');
    assert.deepEqual(failures, [], `${failures.length} failure(s):\n${failures.join('\n')}`);
  });
});
