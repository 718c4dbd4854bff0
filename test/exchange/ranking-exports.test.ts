import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { csvRecordsSync } from '../../src/analysis/read-csv.js';
import { after, before, describe, it } from 'node:test';
import { computeWaveResults } from '../../src/analysis/wave-results.js';
import type { WaveResults } from '../../src/analysis/wave-results-types.js';
import { exportWave } from '../../src/exchange/index.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { dashboardView } from '../../src/server/views/public/dashboard-view.js';
import { seededRandom } from '../../src/stats/test-helpers.js';
import type { BulkResponse, JsonObject, Wave } from '../../src/store/index.js';
import { columnLayout, packAnswers, type Answers } from '../../src/study/index.js';
import { RANKING_STUDY, RANKING_STUDY_ID, rankingStudy } from '../fixtures/ranking-study.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { randomAnswers } from './fixtures/random-answers.js';

const study = rankingStudy();
const N = 80;

/** Reads a .sav with R haven: each column's name, label and values (numbers as %.17g, NA as null). */
const R_READ = `
suppressMessages({ library(haven); library(jsonlite) })
d <- read_sav(commandArgs(TRUE)[1])
cat(toJSON(lapply(names(d), function(n) { x <- d[[n]]; list(name = n, text = is.character(x), values = if (is.character(x)) as.character(x) else { v <- as.numeric(unclass(x)); ifelse(is.na(v), NA, sprintf("%.17g", v)) }) }), auto_unbox = TRUE, na = "null"))
`;

for (const database of TEST_DATABASES) {
  describe(`a ranking, information texts and randomised orders in results and exports [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    let dir: string;
    let answers: Answers[];
    let results: WaveResults;

    before(async () => {
      store = await openTestStore(database);
      dir = mkdtempSync(join(tmpdir(), 'barometre-ranking-'));
      const saved = await store.studies.saveVersion(RANKING_STUDY_ID, RANKING_STUDY as never);
      wave = await store.waves.create({ studyId: RANKING_STUDY_ID, code: '2026', studyVersionId: saved.studyVersion.id, title: '2026', status: 'fieldwork' });
      const random = seededRandom(16);
      const layout = columnLayout(study);
      answers = Array.from({ length: N }, (_, i) => randomAnswers(study, random, i));
      const at = '2026-01-05T10:00:00.000Z';
      const rows: BulkResponse[] = answers.map((a) => ({
        waveId: wave.id,
        status: 'complete',
        answers: a as unknown as JsonObject,
        packed: packAnswers(layout, a),
        startedAt: at,
        completedAt: at,
        durationMs: 120_000,
      }));
      await store.responses.insertMany(rows);
      results = await computeWaveResults(store, wave);
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store.close();
    });

    it('computes each option’s mean rank among those who ranked it and its share ranked first', () => {
      assert.equal(results.rankings?.length, 1);
      const ranking = results.rankings![0]!;
      const answered = answers.filter((a) => [1, 2, 3, 4].some((c) => a[`priorities_${c}`] !== undefined));
      assert.equal(ranking.n, answered.length);
      for (const option of ranking.options) {
        const ranks = answered.flatMap((a) => (typeof a[option.variable] === 'number' ? [a[option.variable] as number] : []));
        // unweighted wave: the plain mean and share
        assert.ok(Math.abs(option.meanRank!.estimate - ranks.reduce((s, r) => s + r, 0) / ranks.length) < 1e-12);
        assert.equal(option.meanRank!.n, ranks.length);
        assert.ok(Math.abs(option.first!.estimate - ranks.filter((r) => r === 1).length / answered.length) < 1e-12);
      }
      // the default indicators publish the share ranked first too; information texts give none
      assert.ok(results.indicators.some((i) => i.id === 'priorities_1_first'));
      assert.ok(!results.indicators.some((i) => i.variable.includes('info')));
    });

    it('shows the rankings in the dashboard and the white paper, with margins and bases', async () => {
      const page = dashboardView('en', { results, waves: [{ code: '2026', title: '2026' }], cut: null, findings: [] }).toString();
      assert.match(page, /Rank your priorities for the city: mean rank \(1 = first\) and share ranked first, 2026/);
      assert.match(
        page,
        /<th scope="row">Transport<\/th>\s*<td class="number" data-label="Mean rank">\d\.\d\d<\/td>\s*<td class="number" data-label="Margin of error">±\u00A00\.\d\d<\/td>/,
      );
      const pdf = await renderWhitePaper({ results, lang: 'fr', creationDate: new Date('2026-02-01T00:00:00Z') } as never);
      const file = join(dir, 'wp.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00A0\u202F]+/g, ' ');
      assert.match(text, /Classements/);
      assert.match(text, /Rang moyen/);
      assert.match(text, /Transports \d,\d\d ± 0,\d\d/);
    });

    it('exports one rank variable per option (empty when not ranked) and the orders shown, never an information text (CSV, codebook)', async () => {
      const csvFile = join(dir, 'wave.csv');
      const out = createWriteStream(csvFile);
      await exportWave(store, wave, 'csv', { out });
      await finished(out).catch(() => undefined);
      const [names, ...lines] = csvRecordsSync(readFileSync(csvFile, 'utf8').replace(/^\ufeff/, ''), ',').map((r) => r.cells);
      assert.ok(names);
      for (const name of ['priorities_1', 'priorities_2', 'priorities_3', 'priorities_4', 'priorities_order', 'area_order', 'services_order', 'quality_order'])
        assert.ok(names.includes(name), name);
      assert.ok(!names.some((n) => n.includes('info')));
      const k = names.indexOf('priorities_4');
      const column = lines.map((l) => l[k]);
      assert.deepEqual(
        lines.map((l) => l[names.indexOf('priorities_order')]),
        answers.map((a) => a.priorities_order),
      );
      assert.deepEqual(
        column,
        answers.map((a) => (a.priorities_4 === undefined ? '' : String(a.priorities_4))),
      );
      assert.ok(column.includes(''));

      const codebookFile = join(dir, 'codebook.csv');
      const cb = createWriteStream(codebookFile);
      await exportWave(store, wave, 'codebook', { out: cb });
      await finished(cb).catch(() => undefined);
      const codebook = readFileSync(codebookFile, 'utf8');
      assert.match(codebook, /priorities_order/);
      assert.match(codebook, /Classez vos priorités pour la ville — Transports/);
      assert.doesNotMatch(codebook, /intro_info/);
      // the markdown codebook prints the information texts as text, apart from the variables
      const markdownFile = join(dir, 'codebook.md');
      const mdOut = createWriteStream(markdownFile);
      await exportWave(store, wave, 'codebook', { out: mdOut }, { codebookFormat: 'markdown' });
      await finished(mdOut).catch(() => undefined);
      const markdown = readFileSync(markdownFile, 'utf8');
      assert.match(markdown, /## Information texts \(no variable\)\n\n- intro_info \(page priorities\)\n {2}- fr: Les questions suivantes portent sur votre ville\./);
      assert.match(markdown, /- centre_info \(page services, shown under a condition\)/);
      assert.doesNotMatch(markdown, /## intro_info/);
    });

    it('writes a .sav that R haven reads back: ranks as numbers, NA when not ranked, the order as text', async () => {
      const file = join(dir, 'wave.sav');
      const out = createWriteStream(file);
      await exportWave(store, wave, 'sav', { out });
      await finished(out).catch(() => undefined);
      const columns = JSON.parse(execFileSync('Rscript', ['-e', R_READ, file], { encoding: 'utf8' })) as { name: string; text: boolean; values: (string | null)[] }[];
      const rank = columns.find((c) => c.name === 'priorities_2')!;
      assert.equal(rank.text, false);
      assert.deepEqual(
        rank.values.map((v) => (v === null ? null : Number(v))),
        answers.map((a) => (a.priorities_2 === undefined ? null : a.priorities_2)),
      );
      const order = columns.find((c) => c.name === 'priorities_order')!;
      assert.equal(order.text, true);
      assert.deepEqual(
        order.values,
        answers.map((a) => a.priorities_order),
      );
    });

    it('writes Triple-S with a variable per rank and the orders as text', async () => {
      const metadataFile = join(dir, 'wave.sss');
      const dataFile = join(dir, 'wave.dat');
      const metadata = createWriteStream(metadataFile);
      const data = createWriteStream(dataFile);
      await exportWave(store, wave, 'triple-s', { metadata, data, dataFile: 'wave.dat' });
      await Promise.all([finished(metadata).catch(() => undefined), finished(data).catch(() => undefined)]);
      const sss = readFileSync(metadataFile, 'utf8');
      assert.match(sss, /<name>priorities_3<\/name>/);
      assert.match(sss, /<name>priorities_order<\/name>/);
      assert.doesNotMatch(sss, /intro_info/);
    });
  });
}
