import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runReferenceCasesFile, type ReferenceCase } from '../src/analysis/reference-cases.js';

// Tolerances of test/fixtures/r-reference/README.md: estimates 1e-9 relative, standard errors, bounds and
// statistics 1e-6 relative, p-values 1e-6 absolute. An expected 0 (a standard error that vanishes exactly,
// like a stratum proportion in a stratified design) is met within 1e-12 absolute.
const ESTIMATE_FIELDS = new Set(['estimate', 'sum', 'min', 'max']);
const CASES = fileURLToPath(new URL('./fixtures/r-reference/reference.json', import.meta.url));
const expected = JSON.parse(readFileSync(CASES, 'utf8')) as { cases: (ReferenceCase & { result: Record<string, unknown>[] })[] };
const computed = runReferenceCasesFile(CASES);

function within(field: string, actual: number, wanted: number): boolean {
  if (field === 'p') return Math.abs(actual - wanted) <= 1e-6;
  const rel = ESTIMATE_FIELDS.has(field) ? 1e-9 : 1e-6;
  return Math.abs(actual - wanted) <= rel * Math.abs(wanted) + 1e-12;
}

describe('R survey reference cases', () => {
  it('has the 99 cases of the reference, computed in the same order', () => {
    assert.equal(expected.cases.length, 99);
    assert.deepEqual(computed.cases.map((c) => c.id), expected.cases.map((c) => c.id));
  });

  for (const [index, want] of expected.cases.entries()) {
    it(`${want.id} matches R`, () => {
      const got = computed.cases[index];
      assert.equal(got.error, undefined, `case failed: ${got.error}`);
      const rows = got.result as Record<string, unknown>[];
      assert.ok(Array.isArray(rows), 'no result');
      assert.equal(rows.length, want.result.length, 'number of result rows');
      for (const row of want.result) {
        const mine = rows.find((r) => r.domain === row.domain && r.level === row.level);
        assert.ok(mine, `no result for domain ${String(row.domain)} level ${String(row.level)}`);
        for (const [field, value] of Object.entries(row)) {
          if (field === 'domain' || field === 'level') continue;
          const wanted = (Array.isArray(value) ? value : [value]) as number[];
          const actual = (Array.isArray(mine[field]) ? mine[field] : [mine[field]]) as number[];
          assert.equal(actual.length, wanted.length, `${field} length`);
          wanted.forEach((w, j) => assert.ok(within(field, actual[j], w), `${field}: ${actual[j]} vs R ${w}`));
        }
      }
    });
  }

  it('reports a broken case as an error and still computes the others', async () => {
    const { computeReferenceCases } = await import('../src/analysis/reference-cases.js');
    const good = expected.cases[0];
    const doc = {
      cases: [
        { ...good, id: 'unknown', estimate: { kind: 'mean' as const, variable: 'no_such_column' } },
        { ...good, id: 'text-mean', estimate: { kind: 'mean' as const, variable: 'stype' } },
        good,
      ],
    };
    let reads = 0;
    const out = computeReferenceCases(doc, (name) => { reads++; return readFileSync(new URL(`./fixtures/r-reference/${name}`, import.meta.url), 'utf8'); });
    assert.equal(reads, 1, 'the data file is read once');
    assert.match(String(out.cases[0].error), /UNKNOWN_COLUMN.*no_such_column/);
    assert.match(String(out.cases[1].error), /NOT_NUMERIC.*stype/);
    assert.equal(out.cases[0].result, undefined);
    assert.ok(Array.isArray(out.cases[2].result));
  });
});
