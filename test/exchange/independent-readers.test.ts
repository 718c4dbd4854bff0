import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { computeWaveResults } from '../../src/analysis/wave-results.js';
import { csvRecords } from '../../src/analysis/read-csv.js';
import { exportWave, prepareExport, unneutraliseCell } from '../../src/exchange/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { collector } from './fixtures/collect.js';
import { seedExchangeWave, type SeededWave } from './fixtures/seed-exchange-wave.js';

// Exports as independent readers read them: PSPP for the .sav, a reader that cuts byte columns for Triple-S.

const written = async (store: TestStore, seeded: SeededWave, format: 'csv', responses: 'kept' | 'all') => {
  const c = collector();
  await exportWave(store, seeded.wave, format, { out: c.stream }, { responses });
  const rows: string[][] = [];
  for await (const r of csvRecords([c.text()], ',')) rows.push(r.cells);
  return rows;
};

for (const database of TEST_DATABASES) {
  describe(`exports read by independent readers [${database.name}]`, () => {
    let store: TestStore;
    let seeded: SeededWave;
    let dir: string;
    before(async () => {
      store = await openTestStore(database);
      seeded = await seedExchangeWave(store, 160);
      dir = mkdtempSync(join(tmpdir(), 'barometre-readers-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store.close();
    });

    it('PSPP: FREQUENCIES on the .sav gives the sample N, and weighted percentages equal the dashboard figures', async () => {
      const file = join(dir, 'wave.sav');
      await exportWave(store, seeded.wave, 'sav', { out: createWriteStream(file) });
      const results = await computeWaveResults(store, seeded.wave);
      assert.equal(results.weighting.status, 'weighted');
      const indicators = results.indicators.filter((i) => i.estimate !== null && !i.filtered).slice(0, 3);
      assert.ok(indicators.length > 0);
      const variables = [...new Set(indicators.map((i) => i.variable))];
      const syntax = join(dir, 'freq.sps');
      // names and codes rather than labels in the output, to find them
      writeFileSync(syntax, `SET TVARS=NAMES TNUMBERS=VALUES.\nGET FILE='${file}'.\nFREQUENCIES VARIABLES=${variables.join(' ')} /STATISTICS=NONE.\n`);
      const out = join(dir, 'freq.csv');
      execFileSync('pspp', ['-O', 'format=csv', '-o', out, syntax]);
      const report = readFileSync(out, 'utf8');
      // N: the weighted count PSPP reports is the number of responses, not the population
      const tables = new Map(report.split(/\n(?=Table: )/).map((t) => [t.slice('Table: '.length, t.indexOf('\n')).replace(/"/g, ''), t.split('\n').slice(2)] as const));
      for (const indicator of indicators) {
        const yes = seeded.study.indicators.find((i) => i.id === indicator.id)!.yes;
        const rows = tables.get(indicator.variable);
        assert.ok(rows, `a table for ${indicator.variable} in\n${report.slice(0, 800)}`);
        let validPercent = 0;
        let total = Number.NaN;
        for (const line of rows) {
          const cells = line.split(',');
          if (cells[0] === 'Total') total = Number(cells[2]);
          else if (yes.includes(Number(cells[1])) && /%$/.test(cells[4] ?? '')) validPercent += Number(cells[4]!.replace('%', ''));
        }
        assert.equal(total, results.n, `${indicator.variable}: PSPP's N is the sample's`);
        // PSPP prints one decimal per category
        assert.ok(
          Math.abs(validPercent - 100 * indicator.estimate!) <= 0.05 * yes.length + 1e-9,
          `${indicator.id}: PSPP ${validPercent} % against the dashboard's ${(100 * indicator.estimate!).toFixed(2)} %`,
        );
      }
    });

    it('Triple-S: the data read by byte columns of the metadata equals the CSV on every cell, accented texts included', async () => {
      const source = await prepareExport(store, seeded.wave, { responses: 'all' });
      const meta = collector();
      const data = join(dir, 'wave.dat');
      await exportWave(store, seeded.wave, 'triple-s', { metadata: meta.stream, data: createWriteStream(data), dataFile: 'wave.dat' }, { responses: 'all' });
      const fields = [...meta.text().matchAll(/<variable ident="\d+" type="(\w+)">\s*<name>([^<]+)<\/name>[\s\S]*?<position start="(\d+)" finish="(\d+)"\/>/g)].map((m) => ({
        type: m[1]!,
        name: m[2]!,
        start: Number(m[3]),
        finish: Number(m[4]),
      }));
      assert.ok(fields.length > 0);
      const bytes = readFileSync(data);
      const lines: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const end = bytes.indexOf('\r\n', at);
        lines.push(bytes.subarray(at, end));
        at = end + 2;
      }
      const csv = await written(store, seeded, 'csv', 'all');
      const header = csv[0]!;
      const rows = csv.slice(1);
      assert.equal(lines.length, rows.length);
      let accented = 0;
      const variables = source.dictionary.variables;
      lines.forEach((line, r) => {
        for (const f of fields) {
          const cell = line.subarray(f.start - 1, f.finish).toString('utf8');
          if (f.type === 'multiple') {
            const dichotomies = variables.filter((v) => v.set === f.name);
            const width = (f.finish - f.start + 1) / dichotomies.length;
            const chosen = new Set<number>();
            for (let k = 0; k < dichotomies.length; k++) chosen.add(Number(cell.slice(k * width, (k + 1) * width)));
            for (const v of dichotomies) {
              const want = rows[r]![header.indexOf(v.name)]!;
              const code = Number(v.name.slice(f.name.length + 1));
              if (want === '') assert.equal(cell.trim(), '', `${v.name} row ${r}`);
              else assert.equal(chosen.has(code) ? '1' : '0', want, `${v.name} row ${r}`);
            }
            continue;
          }
          const want = rows[r]![header.indexOf(f.name)]!;
          if (f.type === 'character') {
            const text = unneutraliseCell(want).replace(/[\r\n\t]+/g, ' ');
            assert.equal(cell.trimEnd(), text.trimEnd(), `${f.name} row ${r}`);
            if (/[^\x00-\x7f]/.test(text)) accented++;
          } else if (want === '') assert.equal(cell.trim(), '', `${f.name} row ${r}`);
          else assert.ok(Math.abs(Number(cell) - Number(want)) <= 1e-6 * Math.max(1, Math.abs(Number(want))), `${f.name} row ${r}: ${cell} against ${want}`);
        }
      });
      assert.ok(accented > 10, `texts with accents or emoji: ${accented}`);
    });
  });
}
