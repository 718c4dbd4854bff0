import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { responseWeights } from '../../src/analysis/wave-weights.js';
import { exportWave, prepareExport, type ExportVariable } from '../../src/exchange/index.js';
import { utf8Truncate } from '../../src/exchange/sav-dictionary.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { expectedParadata, expectedValue } from './fixtures/expected-values.js';
import { seedExchangeWave, type SeededWave } from './fixtures/seed-exchange-wave.js';
import { isoDayNumber } from '../../src/exchange/export-rows.js';
import { BUILT_IN_STUDIES } from '../../src/study/index.js';
import { withNewKinds } from '../fixtures/new-kinds-study.js';

/** Reads a .sav with R's haven (user-defined missing values kept) and returns every column as JSON. */
const R_READ = `
suppressMessages({ library(haven); library(jsonlite) })
d <- read_sav(commandArgs(TRUE)[1], user_na = TRUE)
out <- lapply(names(d), function(n) {
  x <- d[[n]]
  l <- attr(x, "labels")
  list(name = n, label = attr(x, "label"), codes = if (is.null(l)) list() else as.numeric(l),
       codeLabels = if (is.null(l)) list() else names(l), missing = if (is.null(attr(x, "na_values"))) list() else attr(x, "na_values"),
       text = is.character(x), date = inherits(x, "Date"), values = if (is.character(x)) as.character(x) else { v <- as.numeric(unclass(x)); ifelse(is.na(v), NA, sprintf("%.17g", v)) })
})
cat(toJSON(out, auto_unbox = TRUE, na = "null", null = "null"))
`;

interface HavenColumn {
  name: string;
  label: string | null;
  codes: number[] | number;
  codeLabels: string[] | string;
  missing: number[] | number;
  text: boolean;
  date: boolean;
  values: (number | string | null)[];
}
const list = <T>(x: T[] | T): T[] => (Array.isArray(x) ? x : [x]);

for (const database of TEST_DATABASES) {
  describe(`SPSS .sav export read back by R haven [${database.name}]`, () => {
    let store: TestStore;
    let seeded: SeededWave;
    let dir: string;
    let columns: HavenColumn[];
    let variables: readonly ExportVariable[];
    let file: string;
    before(async () => {
      store = await openTestStore(database);
      // the built-in study with a date, a multiple numeric with a total and a grid of texts
      seeded = await seedExchangeWave(store, 150, { study: withNewKinds(BUILT_IN_STUDIES[0]) });
      dir = mkdtempSync(join(tmpdir(), 'barometre-sav-'));
      file = join(dir, 'wave.sav');
      await exportWave(store, seeded.wave, 'sav', { out: createWriteStream(file) }, { responses: 'all' });
      variables = (await prepareExport(store, seeded.wave, { responses: 'all' })).dictionary.variables;
      columns = JSON.parse(execFileSync('Rscript', ['-e', R_READ, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
      // numbers come as %.17g strings: exact doubles
      for (const c of columns) if (!c.text) c.values = c.values.map((x) => (x === null ? null : Number(x)));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store.close();
    });

    it('has every variable, in order, with its label (cut at 255 bytes)', () => {
      assert.deepEqual(
        columns.map((c) => c.name),
        variables.map((v) => v.name),
      );
      for (const [k, v] of variables.entries()) {
        assert.equal(columns[k].label, utf8Truncate(v.label.fr, 255).toString('utf8'), v.name);
      }
    });

    it('has every value label and declares "don\'t know" codes missing', () => {
      for (const [k, v] of variables.entries()) {
        const c = columns[k];
        assert.deepEqual(
          list(c.codes),
          v.levels.map((l) => l.code),
          v.name,
        );
        assert.deepEqual(
          list(c.codeLabels),
          v.levels.map((l) => utf8Truncate(l.label.fr, 120).toString('utf8')),
          v.name,
        );
        assert.deepEqual(list(c.missing), [...v.missing], v.name);
      }
      assert.ok(
        variables.some((v) => v.missing.length > 0),
        'the study has "don\'t know" codes',
      );
    });

    it('gives back every value of every response, texts longer than 255 bytes included', async () => {
      const ids = columns[0].values as number[];
      assert.deepEqual(ids, [...seeded.answers.keys()]);
      const records = await store.responses.list(seeded.wave.id);
      const weights = await responseWeights(store, seeded.wave);
      assert.equal(weights.weighting.status, 'weighted');
      let longTexts = 0;
      let dates = 0;
      ids.forEach((id, row) => {
        const answers = seeded.answers.get(id)!;
        const record = records.find((r) => r.id === id)!;
        for (const [k, v] of variables.entries()) {
          const got = columns[k].values[row];
          let want: number | string | null;
          if (v.name === 'response_id') want = id;
          else if (v.name === 'status') want = record.status === 'complete' ? 1 : 2;
          else if (v.name === 'excluded') want = record.excluded ? 1 : 0;
          else if (v.name === 'weight' || v.name === 'weight_population') {
            const i = weights!.ids.indexOf(id);
            const total = weights!.weights.reduce((a, b) => a + b, 0);
            want = i < 0 ? null : v.name === 'weight' ? (weights!.weights[i]! * weights!.ids.length) / total : weights!.weights[i]!;
          } else if (v.source.kind === 'paradata') want = expectedParadata(v, record);
          else want = expectedValue(v, answers);
          if (v.type === 'date') {
            // a Date in R: days since 1970-01-01
            assert.ok(columns[k].date, `${v.name} is read as a Date`);
            assert.equal(got, want === null ? null : isoDayNumber(want as string), `${v.name} of response ${id}`);
            if (want !== null) dates++;
          } else if (v.type === 'text') {
            // SPSS strings are space-padded: trailing spaces are not significant
            assert.equal(got, want === null ? '' : (want as string).trimEnd(), `${v.name} of response ${id}`);
            if (typeof want === 'string' && Buffer.byteLength(want) > 255) longTexts++;
          } else if (v.name === 'weight' && typeof want === 'number') assert.ok(Math.abs((got as number) - want) < 1e-12 * want, `${v.name} of response ${id}`);
          else assert.equal(got, want, `${v.name} of response ${id}`);
        }
      });
      assert.ok(longTexts > 0, 'some texts are over 255 bytes');
      assert.ok(dates > 100, 'the dates are there');
      for (const name of ['budget_ads', 'brands_1_name'])
        assert.ok(
          variables.some((v) => v.name === name),
          name,
        );
    });

    it('weights the file by `weight` (mean 1: N is the sample), and carries `weight_population` adding up to the population', () => {
      const bytes = readFileSync(file);
      const weightIndex = bytes.readInt32LE(76);
      const caseSize = bytes.readInt32LE(68);
      // the two weights are the last variables, numeric ones: `weight` takes the element before the last
      assert.equal(weightIndex, caseSize - 1);
      const [weight, population] = columns.slice(-2);
      assert.equal(weight!.name, 'weight');
      assert.equal(population!.name, 'weight_population');
      const sum = (values: unknown[]) => (values as (number | null)[]).reduce<number>((a, w) => a + (w ?? 0), 0);
      const n = (weight!.values as (number | null)[]).filter((w) => w !== null).length;
      assert.ok(Math.abs(sum(weight!.values) - n) < 1e-9 * n, `weights total ${sum(weight!.values)}, n = ${n}`);
      assert.ok(Math.abs(sum(population!.values) - 1_000_000) < 1e-6 * 1_000_000, `population weights total ${sum(population!.values)}`);
    });
  });
}
