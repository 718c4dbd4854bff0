import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import type { WaveResults } from '../../src/analysis/wave-results-types.js';
import { generateDemo } from '../../src/demo/index.js';
import { catalogue, t } from '../../src/messages/index.js';
import { formatNumber, type Lang } from '../../src/report/format/index.js';
import { bannerName } from '../../src/report/pdf/banner-name.js';
import { base, count, interval, moe, pct, points } from '../../src/report/pdf/figures.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { labelIn } from '../../src/study/index.js';
import { openTestStore, type TestStore } from '../helpers/databases.js';
import { pdfToText } from './pdf-tools.js';

/** Every kind of space as one ordinary space (pdftotext gives no-break spaces as they are, or as spaces). */
const plain = (text: string) => text.replace(/[\u00A0\u202F ]+/g, ' ');
/**
 * The words of a text, split at every space. pdftotext sometimes leaves out the no-break space of a short
 * cell (`1 %` read `1%`, `n = 9` read `n=9`): the spaces around `%` and `=` are left out on both sides.
 */
const words = (text: string) => plain(text).replace(/ %/g, '%').replace(/ ?= ?/g, '=').split(/\s+/).filter(Boolean);
/**
 * A hyphenated word may wrap after a hyphen, and pdftotext then joins the lines without it (`Île-` `de-`
 * `France` read `ÎledeFrance`): each run of its parts counts as a word, with or without its hyphens.
 */
const hyphenRuns = (word: string) => {
  const parts = word.split(/(?<=-)/);
  const runs: string[] = [];
  for (let a = 0; a < parts.length; a++)
    for (let b = a + 1; b <= parts.length; b++) {
      // each hyphen inside the run kept or dropped
      let variants = [parts[a]];
      for (const part of parts.slice(a + 1, b)) variants = variants.flatMap((v) => [v + part, v.replace(/-$/, '') + part]);
      runs.push(...variants);
    }
  return runs;
};

/** The figures the annex prints: each must come out of pdftotext whole, on one line. */
function annexFigures(results: WaveResults, lang: Lang): Set<string> {
  const figures = new Set<string>();
  for (const i of results.indicators) {
    for (const figure of [pct(i.estimate, lang), moe(i, lang), interval(i.ci, lang), count(i.n, lang), count(i.nEffective, lang), base(i.n, lang)]) figures.add(figure);
    for (const cells of Object.values(i.cuts)) for (const c of cells) figures.add(base(c.n, lang)).add(pct(c.estimate, lang));
  }
  return new Set([...figures].filter((f) => f !== '–').map(plain));
}

/** Every word the annex may print: its labels, figures, interface words and page furniture. */
function annexWords(results: WaveResults, lang: Lang, pages: number): Set<string> {
  // the interface's words (placeholders aside), then the messages the annex fills in
  const texts: string[] = Object.values(catalogue(lang));
  const wave = results.previousWave?.code ?? '';
  texts.push(t(lang, 'legend.trend', { wave }), t(lang, 'pdf.table.trend', { wave }));
  texts.push(t(lang, 'pdf.appendix.cutNote', { low: results.settings.lowBase, suppress: results.settings.suppressBase }));
  texts.push(labelIn(results.study.title, lang), results.wave.code, results.wave.title);
  for (let page = 1; page <= pages; page++) texts.push(t(lang, 'pdf.footer.page', { page, total: pages }));
  for (const theme of results.themes) texts.push(labelIn(theme.label, lang));
  for (const banner of results.banners) {
    const heading = t(lang, 'pdf.appendix.cut', { banner: bannerName(lang, banner) });
    texts.push(heading);
    for (let parts = 2; parts <= 4; parts++) for (let part = 1; part <= parts; part++) texts.push(t(lang, 'pdf.table.part', { caption: heading, part, parts }));
    for (const level of banner.levels) texts.push(`${level.letter} ${labelIn(level.label, lang)}`);
  }
  for (const i of results.indicators) {
    texts.push(labelIn(i.label, lang), pct(i.estimate, lang), moe(i, lang), interval(i.ci, lang), count(i.n, lang), count(i.nEffective, lang), base(i.n, lang));
    if (i.trend) texts.push(points(i.trend.difference, lang));
    for (const cells of Object.values(i.cuts)) for (const c of cells) texts.push(`${pct(c.estimate, lang)}${c.lowBase ? '*' : ''} ${c.letters}`, `n = ${formatNumber(c.n, lang)}`);
  }
  // the running header's separator and the dash of a figure not published
  return new Set([...texts.flatMap(words).flatMap(hyphenRuns), '·', '–']);
}

describe('the annex of the demo white paper, as pdftotext reads it', () => {
  let store: TestStore;
  let results: WaveResults;
  before(async () => {
    store = await openTestStore({ name: 'sqlite' });
    await generateDemo(store, { waves: [2015, 2016] });
    results = await getWaveResults(store, (await store.waves.getByCode('social-media-barometer', '2016'))!);
  });
  after(() => store?.close());

  for (const lang of ['fr', 'en'] as const) {
    it(`splits no word and no number in ${lang}`, async () => {
      const pdf = await renderWhitePaper({ results, lang, creationDate: new Date(0) });
      const pages = pdfToText(pdf).split('\f');
      const title = t(lang, 'pdf.appendix.title');
      // the appendix is the last chapter: from the page whose body opens with its title (the table of contents names it too)
      const first = pages.findIndex((page, k) => k > 2 && page.split('\n').filter((line) => plain(line).trim() === plain(title)).length >= 2);
      assert.ok(first > 2, 'the appendix is found');
      const annex = pages.slice(first).join('\n');
      assert.ok(annex.includes(plain(labelIn(results.indicators[0].label, lang)).split(' ')[0]), 'the annex lists the indicators');

      const known = annexWords(results, lang, pages.length - 1);
      const unknown = [...new Set(words(annex))].filter((word) => !known.has(word));
      assert.deepEqual(unknown, [], `words split inside themselves, or unknown, in the ${lang} annex`);

      // every figure the annex prints comes out whole on one line: no "n = 1 01 2", no "4\n999", no "[88,8 % ;\n96,0 %]"
      // (pdftotext may leave out the no-break space before % or around =, as above)
      const squeeze = (text: string) => text.replace(/ %/g, '%').replace(/ ?= ?/g, '=');
      const lines = squeeze(plain(annex)).split('\n');
      const broken = [...annexFigures(results, lang)].filter((figure) => !lines.some((line) => line.includes(squeeze(figure))));
      assert.deepEqual(broken, [], `figures not found whole on one line of the ${lang} annex`);
    });
  }
});
