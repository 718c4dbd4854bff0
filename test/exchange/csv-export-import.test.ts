import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { csvRecords } from '../../src/analysis/read-csv.js';
import { importResponsesCsv } from '../../src/exchange/import-responses-csv.js';
import { exportWave, prepareExport, unneutraliseCell, type ExportOptions } from '../../src/exchange/index.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { collector } from './fixtures/collect.js';
import { expectedParadata, expectedValue } from './fixtures/expected-values.js';
import { seedExchangeWave, type SeededWave } from './fixtures/seed-exchange-wave.js';
import { BUILT_IN_STUDIES } from '../../src/study/index.js';
import { withNewKinds } from '../fixtures/new-kinds-study.js';

async function records(text: string, separator: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of csvRecords([text], separator)) out.push(r.cells);
  return out;
}

for (const database of TEST_DATABASES) {
  describe(`CSV export, codebook and import [${database.name}]`, () => {
    let store: TestStore;
    let seeded: SeededWave;
    const exportCsv = async (wave: Wave, options: ExportOptions = {}) => {
      const c = collector();
      await exportWave(store, wave, 'csv', { out: c.stream }, options);
      return c.text();
    };
    before(async () => {
      store = await openTestStore(database);
      // the built-in study with a date, a multiple numeric with a total and a grid of texts
      seeded = await seedExchangeWave(store, 120, { study: withNewKinds(BUILT_IN_STUDIES[0]) });
    });
    after(() => store.close());

    it('matches its codebook: every column a variable, every code and label one of the codebook', async () => {
      const codebook = collector();
      await exportWave(store, seeded.wave, 'codebook', { out: codebook.stream });
      const book = await records(codebook.text(), ',');
      const head = book[0];
      const col = (name: string) => head.indexOf(name);
      const vars = new Map<string, { type: string; codes: Map<number, string> }>();
      for (const r of book.slice(1)) {
        // identifying questions are listed as left out of the data
        if (!r[col('exported')].startsWith('yes')) continue;
        const name = r[col('variable')];
        const entry = vars.get(name) ?? { type: r[col('type')], codes: new Map() };
        if (r[col('code')] !== '') entry.codes.set(Number(r[col('code')]), r[col('code_label_fr')]);
        vars.set(name, entry);
      }
      const codes = await records(await exportCsv(seeded.wave), ',');
      const labels = await records(await exportCsv(seeded.wave, { labels: true }), ',');
      assert.deepEqual(codes[0], [...vars.keys()]);
      // the new kinds: a date, each numeric item and each grid cell its own column
      for (const name of ['founded_on', 'budget_ads', 'budget_content', 'budget_tools', 'brands_1_name', 'brands_2_country']) assert.ok(codes[0].includes(name), name);
      assert.equal(vars.get('founded_on')!.type, 'date');
      assert.deepEqual(labels[0], codes[0]);
      assert.equal(codes.length - 1, [...(await store.responses.list(seeded.wave.id))].filter((r) => r.status === 'complete' && !r.excluded).length);
      const source = await prepareExport(store, seeded.wave);
      const stored = new Map((await store.responses.list(seeded.wave.id)).map((r) => [r.id, r]));
      for (let row = 1; row < codes.length; row++) {
        const answers = seeded.answers.get(Number(codes[row][0]))!;
        const record = stored.get(Number(codes[row][0]))!;
        codes[0].forEach((name, k) => {
          const v = vars.get(name)!;
          const cell = codes[row][k];
          const variable = source.dictionary.variables[k];
          if (v.type === 'category') {
            if (cell === '') assert.equal(labels[row][k], '');
            else {
              assert.ok(v.codes.has(Number(cell)), `${name}: code ${cell} is in the codebook`);
              assert.equal(labels[row][k], v.codes.get(Number(cell)), `${name}: label of ${cell}`);
            }
          }
          if (name !== 'response_id' && name !== 'weight' && name !== 'weight_population') {
            const want = variable.source.kind === 'paradata' ? expectedParadata(variable, record) : expectedValue(variable, answers);
            const got = cell === '' ? null : v.type === 'text' ? unneutraliseCell(cell) : v.type === 'date' ? cell : Number(cell);
            assert.equal(got, want, `${name} of response ${codes[row][0]}`);
          }
        });
      }
    });

    it('writes a date as a Triple-S date (YYYYMMDD) and states the date format in the codebook', async () => {
      const metadata = collector();
      const data = collector();
      await exportWave(store, seeded.wave, 'triple-s', { metadata: metadata.stream, data: data.stream });
      const meta = metadata.text();
      const variable = /<variable ident="\d+" type="date">\s*<name>founded_on<\/name>[\s\S]*?<position start="(\d+)" finish="(\d+)"\/>/.exec(meta);
      assert.ok(variable, 'founded_on is a Triple-S date variable');
      const [start, finish] = [Number(variable[1]), Number(variable[2])];
      assert.equal(finish - start + 1, 8);
      assert.match(meta, /<variable ident="\d+" type="quantity">\s*<name>budget_ads<\/name>/);
      assert.match(meta, /<variable ident="\d+" type="character">\s*<name>brands_1_name<\/name>/);
      // positions count UTF-8 bytes: cut the lines as bytes
      const bytes = data.bytes();
      const lines: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const end = bytes.indexOf('\r\n', at);
        lines.push(bytes.subarray(at, end));
        at = end + 2;
      }
      const ids = (await store.responses.list(seeded.wave.id)).filter((r) => r.status === 'complete' && !r.excluded).map((r) => r.id);
      assert.equal(lines.length, ids.length);
      lines.forEach((line, k) => {
        const want = seeded.answers.get(ids[k])!.founded_on as string;
        assert.equal(line.subarray(start - 1, finish).toString('utf8'), want.replace(/-/g, ''));
      });
      const book = collector();
      await exportWave(store, seeded.wave, 'codebook', { out: book.stream }, { codebookFormat: 'markdown' });
      assert.match(book.text(), /## founded_on[\s\S]*?- date: YYYY-MM-DD in CSV/);
    });

    it('neutralises formulas: no text cell starts a formula, and the texts come back exactly', async () => {
      const rows = await records(await exportCsv(seeded.wave, { responses: 'all' }), ',');
      const source = await prepareExport(store, seeded.wave, { responses: 'all' });
      const texts = source.dictionary.variables.flatMap((v, k) => (v.type === 'text' && v.source.kind === 'text' ? [k] : []));
      let dangerous = 0;
      for (const r of rows.slice(1)) {
        for (const k of texts) {
          const cell = r[k];
          assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
          assert.doesNotMatch(cell.replace(/^'/, 'x'), /^[=+\-@\t\r]/);
          if (/^'[=+\-@]/.test(cell) || /[,;"]\s*[=+\-@]/.test(unneutraliseCell(cell))) dangerous++;
          const original = seeded.answers.get(Number(r[0]))![source.dictionary.variables[k].name];
          assert.equal(cell === '' ? undefined : unneutraliseCell(cell), original === '' ? undefined : original);
        }
      }
      assert.ok(dangerous > 0, 'the fixture has formula-like texts');
    });

    it('round-trips: export, import into another wave, export again gives the same data', async () => {
      const target = await store.waves.create({ studyId: seeded.study.id, code: 'copy', studyVersionId: seeded.wave.studyVersionId, title: 'Copie' });
      for (const options of [{}, { separator: ';', labels: true, bom: true }] as const) {
        const wave = await store.waves.create({
          studyId: seeded.study.id,
          code: `copy-${options.separator ?? 'comma'}`,
          studyVersionId: seeded.wave.studyVersionId,
          title: 'Copie',
          populationTargets: seeded.wave.populationTargets,
        });
        // a full copy: the identifying answers too (left out of exports unless asked for)
        const first = await exportCsv(seeded.wave, { ...options, responses: 'all', includeIdentifying: true });
        const result = await importResponsesCsv(store, wave, [first]);
        assert.deepEqual(result.rejected, []);
        assert.equal(result.imported, (await records(first, options.separator ?? ',')).length - 1);
        const second = await exportCsv(wave, { ...options, responses: 'all', includeIdentifying: true });
        // the same data but for the ids and the channel (the copies came in by import)
        const withoutIds = async (text: string) => {
          const rows = await records(text, options.separator ?? ',');
          const channel = rows[0]!.indexOf('channel');
          return rows.map((r) => r.filter((_, k) => k !== 0 && k !== channel));
        };
        assert.deepEqual(await withoutIds(second), await withoutIds(first));
        const imported = await store.responses.list(wave.id);
        const originals = await store.responses.list(seeded.wave.id);
        assert.deepEqual(
          imported.map((r) => [
            r.status,
            r.excluded,
            r.exclusionReason,
            r.answers,
            r.startedAt,
            r.completedAt,
            r.durationMs === null ? null : Math.round(r.durationMs / 1000),
            r.language,
          ]),
          originals.map((r) => [
            r.status,
            r.excluded,
            r.exclusionReason,
            r.answers,
            r.startedAt,
            r.completedAt,
            r.durationMs === null ? null : Math.round(r.durationMs / 1000),
            r.language,
          ]),
        );
      }
      assert.equal(await store.responses.count(target.id), 0);
    });

    it('lists every error by line and column and imports nothing, unless asked to skip invalid lines', async () => {
      const wave = await store.waves.create({ studyId: seeded.study.id, code: 'errors', studyVersionId: seeded.wave.studyVersionId, title: 'Erreurs' });
      // lines without line breaks inside cells, so that lines and records match
      const good = (await records(await exportCsv(seeded.wave), ',')).filter((r) => !r.some((c) => /[\r\n]/.test(c)));
      const header = good[0];
      const line = (edit: Record<string, string>, from = good[1]) =>
        header
          .map((h, k) => (h in edit ? edit[h] : from[k]))
          .map((c) => `"${c.replace(/"/g, '""')}"`)
          .join(',');
      const csv = [header.join(','), line({}), line({ company_size: '7' }), line({ importance: 'beaucoup' }), line({}, good[2]), line({ consent: '' })].join('\r\n');
      const result = await importResponsesCsv(store, wave, [csv]);
      assert.equal(result.imported, 0);
      assert.equal(await store.responses.count(wave.id), 0);
      const where = result.rejected.map((r) => [r.line, r.column, r.code]);
      assert.deepEqual(where, [
        [3, 'company_size', 'unknown_code'],
        [4, 'importance', 'unknown_code'],
        [6, 'consent', 'consent_required'],
      ]);
      const skipped = await importResponsesCsv(store, wave, [csv], { skipInvalid: true });
      assert.equal(skipped.imported, 2);
      assert.equal(await store.responses.count(wave.id), 2);

      const unknown = await importResponsesCsv(store, wave, ['response_id,colour\n1,2\n'], { skipInvalid: true });
      assert.deepEqual(
        unknown.rejected.map((r) => [r.line, r.column, r.code]),
        [[1, 'colour', 'unknown_column']],
      );
      assert.equal(unknown.imported, 0);
    });
  });
}
