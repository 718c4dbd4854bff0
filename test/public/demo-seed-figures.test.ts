import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** The published 2015 figures: `| theme | \`id\` | text | 93 % |` rows of seed-figures.md. */
function seedFigures(): Map<string, number> {
  const text = readFileSync(new URL('../fixtures/seed-figures.md', import.meta.url), 'utf8');
  const figures = new Map<string, number>();
  for (const match of text.matchAll(/^\|[^|]*\|\s*`([a-z_]+)`\s*\|[^|]*\|\s*(\d+)\s*%\s*\|/gm)) figures.set(match[1], Number(match[2]) / 100);
  return figures;
}

describe("the demo database's 2015 results API", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ listen: false });
    await generateDemo(server.store, { waves: [2015] });
  });
  after(() => server.close());

  it('gives every seed indicator with the published figure inside its confidence interval', async () => {
    const figures = seedFigures();
    assert.equal(figures.size, 14);
    const res = await server.app.inject('/api/v1/studies/social-media-barometer/waves/2015/results');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { n: number; indicators: { id: string; estimate: number; ci: [number, number]; n: number; nEffective: number }[] };
    assert.ok(doc.n > 500);
    for (const [id, published] of figures) {
      const indicator = doc.indicators.find((i) => i.id === id);
      assert.ok(indicator, `indicator ${id} is in the API`);
      assert.ok(indicator.ci[0] <= published && published <= indicator.ci[1], `${id}: ${published} outside [${indicator.ci[0]}, ${indicator.ci[1]}]`);
      assert.ok(indicator.n > 0 && indicator.nEffective > 0 && indicator.nEffective <= indicator.n);
    }
  });
});
