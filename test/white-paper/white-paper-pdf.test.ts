import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import { main } from '../../src/cli/main.js';
import { generateDemo } from '../../src/demo/index.js';
import { formatMargin, formatNumber, formatPercent } from '../../src/report/format/index.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { frenchTypography } from '../../src/study/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { flatText, pageCount, spaces, pdfFonts, pdfInfo, pdfToText, qpdfCheck, renderPages } from './pdf-tools.js';

const STUDY = 'social-media-barometer';
/** The indicators of the published 2015 edition (test/fixtures/seed-figures.md). */
const SEED_IDS = [
  'uses_social_media',
  'presence_important',
  'manages_ereputation',
  'strengthens_customer_relation',
  'impacts_customer_service',
  'enriches_crm',
  'generates_sales',
  'challenge_roi',
  'challenge_strategy',
  'challenge_data',
  'challenge_coordination',
  'impacts_internal_communication',
  'training_priority',
  'leadership_difficulty',
];

describe('the white paper PDF of the demo barometer', () => {
  let server: TestServer;
  let dir: string;

  /** Runs `barometre report` in this process on the test database. */
  async function report(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new PassThrough(),
      stderr = new PassThrough();
    let out = '',
      err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const options = server.store.options;
    const env = { DATA_DIR: options.dataDir, ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) };
    const code = await main(['report', ...args], { stdout, stderr, stdin: new PassThrough(), env });
    return { code, stdout: out, stderr: err };
  }

  before(async () => {
    server = await startTestServer({ listen: false });
    await generateDemo(server.store, { waves: [2015, 2016] });
    dir = mkdtempSync(join(tmpdir(), 'barometre-report-'));
  });
  after(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('prints every seed indicator of 2015 as the dashboard prints it, with its margin of error and base', async () => {
    const file = join(dir, 'wp-2015.pdf');
    const run = await report(['--study', STUDY, '--wave', '2015', '--lang', 'fr', '--out', file, '--date', '2024-01-01T00:00:00Z']);
    assert.equal(run.code, 0, run.stderr);
    const text = flatText(readFileSync(file));
    const dashboard = (await server.app.inject({ method: 'GET', url: `/resultats/${STUDY}?wave=2015` })).body;
    const wave = (await server.store.waves.getByCode(STUDY, '2015'))!;
    const results = await getWaveResults(server.store, wave);
    for (const id of SEED_IDS) {
      const indicator = results.indicators.find((i) => i.id === id)!;
      const percent = formatPercent(indicator.estimate!, 'fr');
      const margin = formatMargin(indicator.estimate, indicator.ci, 'fr');
      // the dashboard's row: label, then the percentage and the margin as printed there
      assert.ok(
        new RegExp(`<td class="number"[^>]*>${escapeRegExp(percent)}</td>\\s*<td class="number"[^>]*>${escapeRegExp(margin)}</td>`).test(dashboard),
        `${id}: ${percent} ${margin} on the dashboard`,
      );
      // the PDF's commentary states the same figure with the same margin and base
      const sentence = frenchTypography(`« ${indicator.label.fr} » : ${percent} des entreprises (${margin}, n\u00A0=\u00A0${formatNumber(indicator.n, 'fr')}).`);
      assert.ok(text.includes(spaces(sentence)), `${id}: "${sentence}" in the PDF`);
      // and its appendix row
      assert.ok(text.includes(spaces(`${indicator.label.fr} ${percent} ${margin}`)), `${id}: appendix row in the PDF`);
    }
  });

  it('has a table of contents with page numbers, the methodology with n, metadata and embedded DejaVu fonts', async () => {
    const pdf = readFileSync(join(dir, 'wp-2015.pdf'));
    // spaces collapsed, line and page breaks kept
    const layout = spaces(pdfToText(pdf, true).replace(/\n/g, '\u0001').replace(/\f/g, '\u0002'))
      .replace(/\u0001/g, '\n')
      .replace(/\u0002/g, '\f');
    const pages = pageCount(pdf);
    assert.match(layout, /Sommaire/);
    for (const chapter of ['Synthèse\u00A0: les chiffres clés', 'Adoption', 'Relation client', 'La hiérarchie des enjeux', 'Méthodologie', 'Annexes\u00A0: tableaux détaillés']) {
      const line = new RegExp(`${spaces(chapter)} (\\d+) ?\\n`).exec(layout);
      assert.ok(line, `${chapter} in the table of contents`);
      const page = Number(line[1]);
      assert.ok(page > 2 && page <= pages, `${chapter} on page ${page} of ${pages}`);
      // the page it names opens with that chapter (running header, then the title)
      const pageText = layout.split('\f')[page - 1];
      assert.ok(pageText.includes(spaces(chapter)), `page ${page} holds ${chapter}`);
    }
    const wave = (await server.store.waves.getByCode(STUDY, '2015'))!;
    const results = await getWaveResults(server.store, wave);
    assert.ok(flatText(pdf).includes(spaces(`n\u00A0=\u00A0${formatNumber(results.n, 'fr')} questionnaires complets`)), 'the methodology gives n');
    assert.match(layout, /Marge d’erreur selon la base/);
    assert.match(layout, new RegExp(`Page 3 sur ${pages}`));
    const info = pdfInfo(pdf);
    assert.match(info.Title, /Baromètre des réseaux sociaux en entreprise/);
    assert.match(info.Author, /Association des professionnels du marketing/);
    assert.match(readFileSync(join(dir, 'wp-2015.pdf')).toString('latin1'), /\/Lang \(fr-FR\)/);
    const fonts = pdfFonts(pdf);
    assert.ok(fonts.length >= 2 && fonts.every((f) => f.embedded && /DejaVuSans/.test(f.name)), JSON.stringify(fonts));
  });

  it('passes qpdf --check and pdftoppm renders every page', () => {
    const pdf = readFileSync(join(dir, 'wp-2015.pdf'));
    const check = qpdfCheck(pdf);
    assert.equal(check.status, 0, check.output);
    assert.match(check.output, /No syntax or stream encoding errors/);
    const sizes = renderPages(pdf);
    assert.equal(sizes.length, pageCount(pdf));
    assert.ok(
      sizes.every((s) => s > 500),
      'every page image has content',
    );
  });

  // how long a report takes is measured by bench/white-paper.ts (npm run bench:white-paper), not asserted here
  it('gives the same bytes from run to run for the same creation date', async () => {
    const a = join(dir, 'a.pdf'),
      b = join(dir, 'b.pdf'),
      c = join(dir, 'c.pdf');
    assert.equal((await report(['--study', STUDY, '--wave', '2016', '--out', a, '--date', '2024-05-01T00:00:00Z'])).code, 0);
    assert.equal((await report(['--study', STUDY, '--wave', '2016', '--out', b, '--date', '2024-05-01T00:00:00Z'])).code, 0);
    assert.ok(readFileSync(a).equals(readFileSync(b)), 'identical bytes');
    assert.equal((await report(['--study', STUDY, '--wave', '2016', '--out', c, '--date', '2025-05-01T00:00:00Z'])).code, 0);
    assert.ok(!readFileSync(a).equals(readFileSync(c)), 'another creation date gives another file');
    assert.equal(pdfToText(readFileSync(a)), pdfToText(readFileSync(c)), 'with the same text');
  });

  it('writes the English edition with English figures', async () => {
    const file = join(dir, 'en.pdf');
    assert.equal((await report(['--study', STUDY, '--wave', '2016', '--lang', 'en', '--out', file])).code, 0);
    const text = pdfToText(readFileSync(file), true);
    assert.match(text, /Contents/);
    assert.match(text, /Methodology/);
    assert.match(text, /\d+%/);
    assert.doesNotMatch(text, /Sommaire/);
  });

  it('prints hostile text as inert plain text', async () => {
    const wave = (await server.store.waves.getByCode(STUDY, '2015'))!;
    const results = await getWaveResults(server.store, wave);
    const hostile = 'Eve <script>alert(1)</script> =HYPERLINK("http://evil.example","x") \u202Etxt.exe';
    const producers = [...results.study.producers, '=HYPERLINK("http://evil.example")\u202E'];
    const pdf = await renderWhitePaper({ results: { ...results, study: { ...results.study, producers } }, lang: 'fr', creationDate: new Date(0), recipient: hostile });
    const text = flatText(pdf);
    assert.ok(text.includes('Eve <script>alert(1)</script> =HYPERLINK("http://evil.example","x") txt.exe'), 'printed literally');
    assert.ok(!text.includes('\u202E'), 'no right-to-left override');
    const bytes = pdf.toString('latin1');
    for (const action of ['/JavaScript', '/JS ', '/URI', '/Launch', '/SubmitForm', '/OpenAction']) assert.ok(!bytes.includes(action), `no ${action}`);
    assert.equal(qpdfCheck(pdf).status, 0);
  });

  it('refuses bad usage', async () => {
    assert.equal((await report(['--study', STUDY, '--wave', '2015'])).code, 2);
    assert.equal((await report(['--study', STUDY, '--wave', '1999', '--out', join(dir, 'x.pdf')])).code, 2);
    assert.equal((await report(['--study', STUDY, '--wave', '2015', '--lang', 'de', '--out', join(dir, 'x.pdf')])).code, 2);
  });
});
