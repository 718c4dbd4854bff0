import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { challengesInput } from './chart-samples.test-helper.js';
import { rankedBarChart, renderPng, renderSvg, svgSize } from './index.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('renderPng', () => {
  it("gives a PNG of the asked width with the height of the chart's aspect ratio", async () => {
    const svg = await renderSvg(rankedBarChart(challengesInput('fr')));
    const png = renderPng(svg, { width: 1280 });
    assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.equal(png.readUInt32BE(16), 1280);
    const { width, height } = svgSize(svg);
    const chart = rankedBarChart(challengesInput('fr'));
    assert.deepEqual([width, height], [(chart.spec as { width: number }).width, (chart.spec as { height: number }).height]);
    assert.equal(png.readUInt32BE(20), Math.round((height * 1280) / width));
  });

  it('draws the text with the bundled font: a chart with labels has far more ink than one without', async () => {
    const withText = renderPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="DejaVu Sans, sans-serif" font-size="24">65 % Été</text></svg>',
      { width: 200 },
    );
    const empty = renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>', { width: 200 });
    assert.ok(withText.length > empty.length + 200, `${withText.length} vs ${empty.length}`);
  });

  it('refuses a width that is not a sensible whole number, and malformed SVG', () => {
    assert.throws(() => renderPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { width: 0 }), { code: 'INVALID_INPUT' });
    assert.throws(() => renderPng('<svg xmlns="http://www.w3.org/2000/svg"/>', { width: 10.5 }), { code: 'INVALID_INPUT' });
    assert.throws(() => renderPng('<svg><text>&</text></svg>', { width: 100 }), { code: 'INVALID_INPUT' });
  });
});
