import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import type { WaveResults } from '../../src/analysis/wave-results-types.js';
import { generateDemo } from '../../src/demo/index.js';
import { chartAlt } from '../../src/report/pdf/pdf-tags.js';
import { themeChart } from '../../src/report/pdf/white-paper-charts.js';
import { themesWithIndicators } from '../../src/report/pdf/white-paper-chapters.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { readStructure, structText, unmarkedPainting } from './pdf-structure.js';
import { pdfInfo, pdfToText, qpdfCheck, spaces } from './pdf-tools.js';
import { t } from '../../src/messages/index.js';

const STUDY = 'social-media-barometer';
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="140" height="60"><rect width="140" height="60" fill="#c03"/></svg>';

describe('the white paper PDF is tagged for screen readers', () => {
  let server: TestServer;
  let results: WaveResults;
  let fr: Buffer;

  before(async () => {
    server = await startTestServer({ listen: false });
    await generateDemo(server.store, { waves: [2015, 2016] });
    results = await getWaveResults(server.store, (await server.store.waves.getByCode(STUDY, '2016'))!);
    fr = await renderWhitePaper({ results, lang: 'fr', creationDate: new Date('2024-05-01T00:00:00Z'), logo: LOGO });
  });
  after(() => server?.close());

  it('is marked, with its language, a structure tree and its title shown (pdfinfo: Tagged: yes)', () => {
    assert.equal(pdfInfo(fr).Tagged, 'yes');
    const { catalog } = readStructure(fr);
    assert.match(catalog, /\/Lang \(fr-FR\)/);
    assert.match(catalog, /\/StructTreeRoot \d+ 0 R/);
    assert.match(catalog, /\/MarkInfo \d+ 0 R/);
    assert.match(catalog, /\/ViewerPreferences \d+ 0 R/);
    assert.equal(qpdfCheck(fr).status, 0);
  });

  it('puts every painting operator of every page in a structure element or an artifact', () => {
    const { pages } = readStructure(fr);
    assert.ok(pages.length > 10);
    pages.forEach((content, k) => assert.deepEqual(unmarkedPainting(content), [], `page ${k + 1}`));
  });

  it('reads the cover title, the contents and each chapter as H1 in the order of the book, sections as H2', () => {
    const nodes = structText(fr);
    assert.equal(nodes[0].type, 'Document');
    const h1 = nodes.filter((n) => n.type === 'H1').map((n) => spaces(n.text));
    const chapters = [
      results.study.title.fr,
      t('fr', 'pdf.toc.title'),
      t('fr', 'pdf.summary.title'),
      ...themesWithIndicators(results).map((t) => t.label.fr),
      t('fr', 'pdf.hierarchy.title'),
      t('fr', 'pdf.methodology.title'),
      t('fr', 'pdf.appendix.title'),
    ].map(spaces);
    assert.deepEqual(h1, chapters);
    const h2 = nodes.filter((n) => n.type === 'H2').map((n) => spaces(n.text));
    assert.ok(h2.includes(spaces(t('fr', 'pdf.summary.findings'))) && h2.includes(spaces(t('fr', 'pdf.methodology.reading'))), h2.join(' | '));
    // the table of contents: one linked entry per chapter and appendix section
    const entries = nodes.filter((n) => n.type === 'Link');
    assert.ok(entries.length >= chapters.length - 2, `${entries.length} entries`);
    assert.ok(nodes.some((n) => n.type === 'TOC') && nodes.filter((n) => n.type === 'TOCI').length === entries.length);
    // running headers and page numbers are artifacts: never in the tree, still on the page
    assert.ok(!nodes.some((n) => /Page \d+ sur \d+/.test(n.text)), 'no page number in the structure');
    assert.match(pdfToText(fr), /Page 3 sur \d+/);
    const body = nodes.filter((n) => n.type === 'P').map((n) => spaces(n.text));
    assert.ok(
      body.some((t) => /^« Utilisent les réseaux sociaux » : \d+ % des entreprises/.test(t)),
      'the commentary as paragraphs',
    );
  });

  it('gives every chart a Figure with its title and key figures as alternative text, the logo too', () => {
    const figures = readStructure(fr).elements.filter((e) => e.type === 'Figure');
    const alts = figures.map((f) => f.alt ?? '');
    assert.ok(
      alts.every((alt) => alt.length > 10),
      'every Figure has /Alt',
    );
    assert.ok(alts.includes(t('fr', 'pdf.cover.logo', { study: results.study.title.fr })), 'the logo');
    for (const theme of themesWithIndicators(results)) {
      const alt = chartAlt(themeChart(results, theme.id, 'fr', theme.label.fr));
      assert.ok(alts.includes(alt), `the chart of ${theme.id}: ${alt}`);
      assert.match(alt, new RegExp(`^${theme.label.fr}`));
      assert.match(alt, /\d+\u00A0%/, 'with its figures');
    }
    const themes = themesWithIndicators(results).length;
    assert.ok(figures.length >= 2 * themes + 2, `${figures.length} figures: theme charts, cuts, trends, hierarchy, logo`);
  });

  it('tags tables as Table, TR, TH and TD, the header row once', () => {
    const { elements } = readStructure(fr);
    const byId = new Map(elements.map((e) => [e.id, e]));
    const parentType = (id: number | null) => (id === null ? undefined : byId.get(id)?.type);
    const tables = elements.filter((e) => e.type === 'Table');
    assert.ok(tables.length >= themesWithIndicators(results).length + 3, `${tables.length} tables`);
    const cells = elements.filter((e) => e.type === 'TD' || e.type === 'TH');
    const tableRows = elements.filter((e) => e.type === 'TR');
    assert.ok(cells.length > tableRows.length && tableRows.length > tables.length, `${tables.length} tables, ${tableRows.length} rows, ${cells.length} cells`);
    for (const cell of cells) assert.equal(parentType(cell.parent), 'TR');
    for (const row of tableRows) assert.equal(parentType(row.parent), 'Table');
    for (const table of tables) {
      const rows = elements.filter((e) => e.type === 'TR' && e.parent === table.id);
      const headerRows = rows.filter((r) => elements.some((c) => c.parent === r.id && c.type === 'TH'));
      assert.equal(headerRows.length, 1, `table ${table.id}: one header row (a header repeated on a new page is an artifact)`);
      assert.ok(rows.length >= 2);
    }
    // the appendix row of an indicator is read cell by cell
    const nodes = structText(fr);
    const start = nodes.findIndex((n) => n.type === 'TD' && spaces(n.text) === 'Utilisent les réseaux sociaux');
    assert.ok(start > 0);
    assert.match(spaces(nodes[start + 1].text), /^\d+ %$/);
  });

  it('writes the English edition in English (en-GB) with English headings', async () => {
    const en = await renderWhitePaper({ results, lang: 'en', creationDate: new Date('2024-05-01T00:00:00Z') });
    assert.equal(pdfInfo(en).Tagged, 'yes');
    assert.match(readStructure(en).catalog, /\/Lang \(en-GB\)/);
    const h1 = structText(en)
      .filter((n) => n.type === 'H1')
      .map((n) => n.text);
    assert.ok(h1.includes('Contents') && h1.includes('Methodology'), h1.join(' | '));
    const figure = readStructure(en).elements.find((e) => e.type === 'Figure');
    assert.match(figure?.alt ?? '', /\d+%/);
  });
});
