import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { main } from '../main.js';

const CASES = fileURLToPath(new URL('../../../test/fixtures/r-reference/estimator-cases.json', import.meta.url));

describe('barometre stats on quantiles, ratios, regressions and panel trends', () => {
  it('computes every case of estimator-cases.json, with R field names, and exits 0', async () => {
    const stdout = new PassThrough(),
      stderr = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const code = await main(['stats', CASES], { stdout, stderr, stdin: new PassThrough(), env: {} });
    assert.equal(code, 0);
    const got = JSON.parse(out) as { cases: { id: string; result: Record<string, unknown>[] }[] };
    const want = JSON.parse(readFileSync(CASES, 'utf8')) as typeof got;
    assert.equal(got.cases.length, want.cases.length);
    const glm = got.cases.find((c) => c.id === 'clus1/glm_api00')!;
    assert.deepEqual(
      glm.result.map((r) => r.level),
      ['(Intercept)', 'ell', 'meals', 'stypeH', 'stypeM'],
    );
    const trend = got.cases.find((c) => c.id === 'panel/trend_opinion')!.result.find((r) => r.level === 'difference')!;
    const wanted = want.cases.find((c) => c.id === 'panel/trend_opinion')!.result.find((r) => r.level === 'difference')!;
    assert.ok(Math.abs((trend.se as number) - (wanted.se as number)) < 1e-6 * (wanted.se as number));
    // a bound R cannot give is null, not a number
    const small = got.cases.find((c) => c.id === 'clus1/quartiles_api00_by_stype')!.result.find((r) => r.domain === 'H' && r.level === 'api00:0.25')!;
    assert.equal(small.lower, null);
  });
});
