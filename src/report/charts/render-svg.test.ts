import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertGolden } from './assert-golden.test-helper.js';
import { adoptionInput, challengesInput, dailyInput, maturityInput, sizeCutInput, trendInput } from './chart-samples.test-helper.js';
import { NARROW_CHART_WIDTH } from './chart-theme.js';
import { cutBarChart, dailyCountsChart, indicatorBarChart, maturityChart, rankedBarChart, renderPng, renderSvg, svgSize, trendLineChart } from './index.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('renderSvg golden files', () => {
  const cases = {
    'ranked-bar-fr': () => rankedBarChart(challengesInput('fr')),
    'ranked-bar-en': () => rankedBarChart(challengesInput('en')),
    'indicator-bar-fr': () => indicatorBarChart(adoptionInput('fr')),
    'cut-bar-fr': () => cutBarChart(sizeCutInput('fr')),
    'trend-line-fr': () => trendLineChart(trendInput('fr')),
    'maturity-fr': () => maturityChart(maturityInput('fr')),
    'daily-counts-en': () => dailyCountsChart(dailyInput('en')),
    // the narrow variants that phones are shown: labels above the bars, fewer ticks, bigger text
    'ranked-bar-fr-narrow': () => rankedBarChart({ ...challengesInput('fr'), width: NARROW_CHART_WIDTH }),
    'cut-bar-fr-narrow': () => cutBarChart({ ...sizeCutInput('fr'), width: NARROW_CHART_WIDTH }),
    'trend-line-fr-narrow': () => trendLineChart({ ...trendInput('fr'), width: NARROW_CHART_WIDTH }),
    'maturity-fr-narrow': () => maturityChart({ ...maturityInput('fr'), width: NARROW_CHART_WIDTH }),
  };
  for (const [name, build] of Object.entries(cases)) {
    it(`renders ${name} as its golden file`, async () => {
      assertGolden(name, await renderSvg(build(), { id: name }));
    });
  }
});

describe('renderSvg', () => {
  it('prints French percentages with a no-break space and thousands with a narrow one, in labels and axes', async () => {
    const svg = await renderSvg(rankedBarChart(challengesInput('fr')));
    assert.ok(svg.includes(`>65${NBSP}%</text>`), 'value label');
    assert.ok(svg.includes(`>20${NBSP}%</text>`), 'axis label from the Vega locale');
    assert.ok(svg.includes(`1${NNBSP}234 répondants`));
    const adoption = await renderSvg(indicatorBarChart(adoptionInput('fr')));
    assert.ok(adoption.includes(`>93,1${NBSP}%</text>`));
    const daily = await renderSvg(dailyCountsChart(dailyInput('fr')));
    assert.ok(daily.includes(`>1${NNBSP}200</text>`) || daily.includes(`>1${NNBSP}000</text>`), 'count axis grouped with U+202F');
    const en = await renderSvg(rankedBarChart(challengesInput('en')));
    assert.ok(en.includes('>65%</text>') && en.includes('1,234 respondents'));
  });

  it('makes the root an image labelled by its title and text alternative', async () => {
    const chart = rankedBarChart(challengesInput('en'));
    const svg = await renderSvg(chart, { id: 'challenges' });
    const root = /^<svg[^>]*>/.exec(svg)![0];
    assert.match(root, /role="img"/);
    assert.match(root, /aria-labelledby="challenges-title challenges-desc"/);
    assert.ok(svg.includes('<title id="challenges-title">The main social-media challenges</title>'));
    assert.ok(svg.includes(`<desc id="challenges-desc">${chart.alternative}</desc>`));
  });

  it('escapes hostile text from data and drops bidi overrides and XML-invalid controls', async () => {
    const hostile = '<script>alert("x")</script> & \'quoted\' \u202Eevil\u0001';
    const chart = rankedBarChart({
      lang: 'fr',
      title: `Titre ${hostile}`,
      indicators: [
        { label: hostile, estimate: 0.4, ci: [0.35, 0.45], n: 100 },
        { label: '"]]><svg onload=alert(1)>', estimate: 0.2, ci: [0.15, 0.25], n: 100 },
      ],
    });
    const svg = await renderSvg(chart);
    assert.ok(!/<script/i.test(svg), 'no script element');
    assert.ok(!/<svg[^>]*onload/i.test(svg), 'no injected element');
    assert.ok(svg.includes('&lt;script&gt;alert'), 'label text escaped by Vega');
    assert.ok(svg.includes('<title id=') && svg.includes('Titre &#60;script&#62;alert(&#34;x&#34;)'), 'title escaped');
    assert.ok(!svg.includes('\u202E') && !svg.includes('\u0001'));
    assert.equal(svg.match(/<svg\b/g)!.length, 1);
    assert.ok(renderPng(svg, { width: 200 }).length > 0, 'still well-formed XML for a strict parser');
  });

  it("is deterministic: ids come from the document, not from Vega's process-wide counters", async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 200,
      height: 100,
      data: {
        values: [
          { x: 1, y: 2 },
          { x: 3, y: 9 },
        ],
      },
      mark: { type: 'line', clip: true },
      encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0, 2] } }, y: { field: 'y', type: 'quantitative' } },
    } as const;
    const first = await renderSvg(spec as never, { id: 'a' });
    await renderSvg({ ...spec, width: 210 } as never, { id: 'b' }); // moves Vega's clip counter on
    const again = await renderSvg({ ...spec, height: 100.0 } as never, { id: 'c' });
    assert.match(first, /clip-path="url\(#a-def1\)"/);
    assert.equal(again.replaceAll('c-', 'a-'), first);
  });

  it('gives each chart its own ids, so that two charts can sit in one page', async () => {
    const a = await renderSvg(rankedBarChart(challengesInput('fr')));
    const b = await renderSvg(trendLineChart(trendInput('fr')));
    const ids = (svg: string) => [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids(a).length >= 2);
    assert.equal(ids(a).filter((id) => ids(b).includes(id)).length, 0);
  });

  it('refuses a spec that does not compile', async () => {
    await assert.rejects(renderSvg({ mark: 'nonsense' } as never), { code: 'INVALID_INPUT' });
  });
});

describe('chart text sizes', () => {
  const builders = {
    ranked: (width: number) => rankedBarChart({ ...challengesInput('fr'), width }),
    indicator: (width: number) => indicatorBarChart({ ...adoptionInput('en'), width }),
    cut: (width: number) => cutBarChart({ ...sizeCutInput('fr'), width }),
    trend: (width: number) => trendLineChart({ ...trendInput('fr'), width }),
    maturity: (width: number) => maturityChart({ ...maturityInput('fr'), width }),
  };
  const sizes = (svg: string) => [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
  for (const [name, build] of Object.entries(builders)) {
    it(`${name}: no text under 11 px in the wide variant, nor under 11 px once the narrow one is shrunk to a 320 px screen`, async () => {
      const wide = sizes(await renderSvg(build(640)));
      assert.ok(wide.length > 3 && Math.min(...wide) >= 11, `wide: ${Math.min(...wide)}`);
      const narrowSvg = await renderSvg(build(NARROW_CHART_WIDTH));
      assert.equal(svgSize(narrowSvg).width, NARROW_CHART_WIDTH, 'drawn at its width, not wider: a page would shrink it');
      const narrow = sizes(narrowSvg);
      // the narrow variant is shown at 288 CSS px or more (a 320 px screen less 2 × 16 px of margin)
      assert.ok(narrow.length > 3 && (Math.min(...narrow) * 288) / NARROW_CHART_WIDTH >= 11, `narrow: ${Math.min(...narrow)}`);
    });
  }
});
