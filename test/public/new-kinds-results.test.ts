/**
 * The statistics of the new question kinds on the public pages, on the demo study that has them (energy and
 * mobility: a multiple numeric question `trips`, a ranking `measures`, cuts by age band, sex and region):
 * the dashboard's means section with margins and bases, the ranking section split by the chosen cut, the
 * results API with both, by cut, and the white paper's chapter of means.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import type { WaveResults } from '../../src/analysis/wave-results-types.js';
import { generateStudyDemo } from '../../src/demo/index.js';
import { formatNumber } from '../../src/report/format/index.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import type { Wave } from '../../src/store/index.js';
import { labelIn } from '../../src/study/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, TEST_SECRET_KEY, type TestServer } from '../helpers/test-server.js';
import { flatText, spaces } from '../white-paper/pdf-tools.js';
import { t } from '../../src/messages/index.js';

const STUDY = 'energy-mobility-barometer';
const NBSP = '\u00A0';
/** The text of an HTML fragment: tags out, entities of the escaping tag back, spaces collapsed (no-break ones kept). */
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replace(/[ \n\t]+/g, ' ');
/** The markup of the element with this id (a table wrapper ends at its first closing `</div>`). */
const block = (body: string, id: string): string | null => {
  const start = body.indexOf(`id="${id}"`);
  if (start < 0) return null;
  return body.slice(start, body.indexOf('</div>', start));
};

for (const database of TEST_DATABASES.slice(0, 1)) {
  describe(`the new kinds' statistics on the public pages [${database.name}]`, () => {
    let server: TestServer;
    let wave: Wave;
    let results: WaveResults;
    const get = async (url: string) => {
      const response = await server.app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`);
      return response.body;
    };
    before(async () => {
      server = await startTestServer({ database, listen: false });
      const demo = await generateStudyDemo(server.store, STUDY, { waves: ['T1-2026', 'T2-2026'], n: 400, seed: 5, secretKey: TEST_SECRET_KEY });
      wave = (await server.store.waves.get(demo.waves.find((w) => w.code === 'T1-2026')!.waveId))!;
      assert.equal(wave.status, 'published');
      results = await getWaveResults(server.store, wave);
    });
    after(() => server?.close());

    it('gives each multiple numeric item its mean with a base in the results (checked against R in numbers-means.test.ts), by cut too', async () => {
      const [trips] = results.numbers!;
      assert.equal(trips.question, 'trips');
      for (const item of trips.items) {
        assert.ok(item.mean !== null && item.mean.n > 0 && item.mean.ci[0] < item.mean.estimate && item.mean.estimate < item.mean.ci[1], item.variable);
        // the columns of a cut hold everybody who answered it
        const sex = item.cuts.sex!;
        assert.equal(sex.length, results.banners.find((b) => b.id === 'sex')!.levels.length);
        assert.ok(sex.reduce((s, c) => s + c.n, 0) <= item.mean!.n);
        assert.ok(sex.some((c) => c.estimate !== null && c.ci !== null && c.ci[0] < c.estimate && c.estimate < c.ci[1]));
      }
      // shares of a total: the means add up to it, overall and in each published column
      const sum = trips.items.reduce((s, i) => s + i.mean!.estimate, 0);
      assert.ok(Math.abs(sum - 10) < 1e-9, String(sum));
    });

    it('shows a means section on the dashboard: each item with its mean, margin of error and base', async () => {
      const body = await get(`/en/results/${STUDY}?wave=T1-2026`);
      const section = block(body, 'numbers');
      assert.ok(section, 'a section of means');
      assert.match(body, /<li><a href="#rankings">Rankings<\/a><\/li><li><a href="#numbers">Means<\/a><\/li><\/ul>/, 'both sections in the navigation');
      const table = text(block(body, 'table-numbers-trips')!);
      for (const item of results.numbers![0]!.items) {
        const m = item.mean!;
        const row = `${labelIn(item.label, 'en')} ${formatNumber(m.estimate, 'en', 1)} ±${NBSP}${formatNumber((m.ci[1] - m.ci[0]) / 2, 'en', 1)} ${formatNumber(m.n, 'en')} ${formatNumber(m.nEffective, 'en')}`;
        assert.ok(table.includes(row), `row "${row}" in ${table}`);
      }
      assert.match(table, /Each answer splits a total of 10 among the items\./);
    });

    it('prints the means in French typography on the French dashboard: decimal commas, no-break spaces', async () => {
      const body = await get(`/resultats/${STUDY}?wave=T1-2026`);
      const table = text(block(body, 'table-numbers-trips')!);
      const item = results.numbers![0]!.items[0]!;
      const m = item.mean!;
      const mean = formatNumber(m.estimate, 'fr', 1);
      assert.match(mean, /^\d+,\d$/);
      assert.ok(table.includes(`${labelIn(item.label, 'fr')} ${mean} ±${NBSP}${formatNumber((m.ci[1] - m.ci[0]) / 2, 'fr', 1)}`), table);
      assert.match(table, /Moyenne parmi les réponses/);
    });

    it('splits the ranking section and the means by the chosen cut, each column with its margin and base', async () => {
      const whole = await get(`/en/results/${STUDY}?wave=T1-2026`);
      assert.ok(block(whole, 'table-ranking-measures'), 'the ranking table');
      assert.equal(block(whole, 'table-ranking-cut-measures'), null, 'no cut table without a cut');
      const byAge = await get(`/en/results/${STUDY}?wave=T1-2026&cut=age_band`);
      const bySex = await get(`/en/results/${STUDY}?wave=T1-2026&cut=sex`);
      const ranking = results.rankings!.find((r) => r.question === 'measures')!;
      for (const [cut, body] of [
        ['age_band', byAge],
        ['sex', bySex],
      ] as const) {
        const banner = results.banners.find((b) => b.id === cut)!;
        const meanRank = text(block(body, 'table-ranking-cut-measures')!);
        const first = text(block(body, 'table-ranking-first-cut-measures')!);
        for (const level of banner.levels) assert.ok(meanRank.includes(labelIn(level.label, 'en')), `${labelIn(level.label, 'en')} in ${meanRank}`);
        for (const option of ranking.options) {
          for (const cell of option.cuts![cut]!.meanRank) {
            if (cell.suppressed) continue;
            const shown = `${formatNumber(cell.estimate!, 'en', 2)}${cell.lowBase ? ' *' : ''} ±${NBSP}${formatNumber((cell.ci![1] - cell.ci![0]) / 2, 'en', 2)} · n${NBSP}=${NBSP}${formatNumber(cell.n, 'en')}`;
            assert.ok(
              meanRank
                .replace(/\(low base[^)]*\)/g, '')
                .replace(/ +/g, ' ')
                .includes(shown),
              `${cut}: "${shown}" in ${meanRank}`,
            );
          }
          for (const cell of option.cuts![cut]!.first) assert.ok(first.includes(`n${NBSP}=${NBSP}${formatNumber(cell.n, 'en')}`));
        }
        assert.ok(block(body, 'table-numbers-cut-trips'), `the means by ${cut}`);
      }
      assert.notEqual(text(block(byAge, 'table-ranking-cut-measures')!), text(block(bySex, 'table-ranking-cut-measures')!));
    });

    it('gives the rankings and the means by cut in the results API', async () => {
      const api = JSON.parse(await get(`/api/v1/studies/${STUDY}/waves/T1-2026/results`)) as {
        rankings: { question: string; options: { meanRank: { estimate: number; n: number }; cuts: Record<string, { meanRank: { n: number; estimate: number | null }[] }> }[] }[];
        numbers: { question: string; items: { mean: { estimate: number }; cuts: Record<string, { n: number; estimate: number | null; se: number | null }[]> }[] }[];
      };
      const ranking = api.rankings.find((r) => r.question === 'measures')!;
      const expected = results.rankings!.find((r) => r.question === 'measures')!;
      assert.deepEqual(
        ranking.options[0]!.cuts.sex!.meanRank.map((c) => [c.n, c.estimate]),
        expected.options[0]!.cuts!.sex!.meanRank.map((c) => [c.n, c.estimate]),
      );
      assert.deepEqual(Object.keys(ranking.options[0]!.cuts).sort(), ['age_band', 'region', 'sex']);
      const trips = api.numbers.find((q) => q.question === 'trips')!;
      assert.equal(trips.items[0]!.mean.estimate, results.numbers![0]!.items[0]!.mean!.estimate);
      assert.equal(trips.items[0]!.cuts.region!.length, results.banners.find((b) => b.id === 'region')!.levels.length);
    });

    it('prints a chapter of means in the white paper: each item with its mean, margin and bases, listed in the contents', async () => {
      for (const lang of ['fr', 'en'] as const) {
        const pdf = await renderWhitePaper({ results, lang, creationDate: new Date('2026-04-01T00:00:00Z') });
        const words = flatText(pdf);
        const title = lang === 'fr' ? 'Moyennes' : 'Means';
        // the contents name the chapter, then the chapter itself comes after the rankings
        const first = words.indexOf(title);
        assert.ok(
          first >= 0 && words.indexOf(title, first + 1) > words.lastIndexOf(lang === 'fr' ? 'Classements' : 'Rankings'),
          `${lang}: a chapter "${title}" after the rankings`,
        );
        const trips = results.numbers![0]!;
        assert.ok(words.includes(labelIn(trips.text, lang).slice(0, 30)), 'the caption names the question');
        for (const item of trips.items) {
          const m = item.mean!;
          const row = `${labelIn(item.label, lang)} ${formatNumber(m.estimate, lang, 1)} ± ${formatNumber((m.ci[1] - m.ci[0]) / 2, lang, 1)} ${formatNumber(m.n, lang)} ${formatNumber(m.nEffective, lang)}`;
          assert.ok(words.includes(row), `${lang}: "${row}"`);
        }
        assert.ok(words.includes(lang === 'fr' ? 'Chaque réponse répartit un total de 10 entre les éléments.' : 'Each answer splits a total of 10 among the items.'));
        // the means and the rankings across each cut, with the bases of the columns
        const sex = results.banners.find((b) => b.id === 'sex')!;
        const params = { banner: labelIn(sex.label, lang), wave: results.wave.title };
        const ranking = results.rankings!.find((r) => r.question === 'measures')!;
        for (const caption of [
          t(lang, 'results.numbers.cutCaption', { ...params, question: labelIn(trips.text, lang) }),
          t(lang, 'results.ranking.cutCaption', { ...params, question: labelIn(ranking.text, lang) }),
          t(lang, 'results.ranking.cutFirstCaption', { ...params, question: labelIn(ranking.text, lang) }),
        ])
          assert.ok(words.includes(spaces(caption)), `${lang}: "${caption}"`);
        const cell = trips.items[0]!.cuts.sex![0]!;
        assert.ok(
          words.includes(`${formatNumber(cell.estimate!, lang, 1)} ± ${formatNumber((cell.ci![1] - cell.ci![0]) / 2, lang, 1)} n = ${spaces(formatNumber(cell.n, lang))}`),
          `${lang}: a column's mean, margin and base`,
        );
      }
    });
  });
}
