import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from 'vega-lite';
import { AppError } from '../../app-error.js';
import { formatPercent } from '../format/index.js';
import { adoptionInput, challengesInput, dailyInput, maturityInput, sizeCutInput, trendInput } from './chart-samples.test-helper.js';
import { cutBarChart, dailyCountsChart, indicatorBarChart, maturityChart, rankedBarChart, renderSvg, trendLineChart, type Chart } from './index.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

type Values = { values: Record<string, unknown>[] };
const rowsOf = (chart: Chart) => (chart.spec as unknown as { data: Values }).data.values;

const builders: [string, (lang: 'fr' | 'en') => Chart][] = [
  ['rankedBarChart', (lang) => rankedBarChart(challengesInput(lang))],
  ['indicatorBarChart', (lang) => indicatorBarChart(adoptionInput(lang))],
  ['cutBarChart', (lang) => cutBarChart(sizeCutInput(lang))],
  ['trendLineChart', (lang) => trendLineChart(trendInput(lang))],
  ['maturityChart', (lang) => maturityChart(maturityInput(lang))],
  ['dailyCountsChart', (lang) => dailyCountsChart(dailyInput(lang))],
];

describe('every chart builder', () => {
  for (const [name, build] of builders) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${name} (${lang}) returns a frozen spec that compiles, with a title, a description and a fixed size`, () => {
        const chart = build(lang);
        assert.equal(chart.kind, 'chart');
        assert.ok(Object.isFrozen(chart) && Object.isFrozen(chart.spec) && Object.isFrozen(rowsOf(chart)));
        const spec = chart.spec as unknown as Record<string, any>;
        assert.equal(typeof spec['width'], 'number');
        assert.equal(typeof spec['height'], 'number');
        assert.equal(spec['description'], chart.alternative);
        assert.ok(String(spec['title'].text).length > 0);
        assert.match(spec['config'].font, /DejaVu Sans.*sans-serif$/);
        assert.equal(spec['config'].locale.number.decimal, lang === 'fr' ? ',' : '.');
        const vega = compile(structuredClone(spec) as never).spec;
        assert.ok(Array.isArray(vega.marks) && vega.marks.length > 0);
        assert.ok(chart.table.rows.length > 0);
        for (const row of chart.table.rows) assert.equal(row.length, chart.table.columns.length);
      });
    }
  }
});

describe('rankedBarChart', () => {
  it('sorts the indicators from the highest estimate down, in the chart, the text and the table', () => {
    const chart = rankedBarChart(challengesInput('fr'));
    const estimates = rowsOf(chart).map((r) => r['estimate'] as number);
    assert.deepEqual(
      estimates,
      [...estimates].sort((a, b) => b - a),
    );
    assert.deepEqual(
      chart.table.rows.map((r) => r[1]),
      [`65${NBSP}%`, `55${NBSP}%`, `51${NBSP}%`, `29${NBSP}%`],
    );
    assert.ok(chart.alternative.indexOf('Mesurer') < chart.alternative.indexOf('Coordonner'));
    assert.ok(chart.alternative.startsWith('Les principaux défis des médias sociaux, par ordre décroissant. Plusieurs réponses possibles. '));
  });

  it('gives a French text alternative with every value, its margin of error and French typography', () => {
    const input = challengesInput('fr');
    const chart = rankedBarChart(input);
    for (const d of input.indicators) {
      const margin = ((d.ci[1] - d.ci[0]) / 2) * 100;
      assert.ok(
        chart.alternative.includes(`${d.label}${NBSP}: ${formatPercent(d.estimate, 'fr')} (±${NBSP}${margin.toFixed(1).replace('.', ',')}${NBSP}pts)`),
        `${d.label} missing from: ${chart.alternative}`,
      );
    }
    assert.match(chart.alternative, new RegExp(`base${NBSP}: 1${NNBSP}234 répondants\\.$`));
    assert.ok(chart.alternative.includes(`${NNBSP}; `));
  });

  it('leaves a missing estimate out of the bars and shows it as a dash in the table', () => {
    const input = challengesInput('en');
    const chart = rankedBarChart({ ...input, indicators: [...input.indicators, { label: 'Not asked', estimate: NaN, ci: [NaN, NaN], n: 0 }] });
    assert.equal(rowsOf(chart).length, 4);
    assert.deepEqual(chart.table.rows.at(-1)!.slice(0, 3), ['Not asked', '–', '–']);
  });

  it('refuses an estimate outside 0..1 or an inverted interval', () => {
    assert.throws(() => rankedBarChart({ lang: 'fr', title: 'T', indicators: [{ label: 'a', estimate: 65, ci: [60, 70], n: 1 }] }), AppError);
    assert.throws(() => rankedBarChart({ lang: 'fr', title: 'T', indicators: [{ label: 'a', estimate: 0.5, ci: [0.6, 0.4], n: 1 }] }), AppError);
    assert.throws(() => rankedBarChart({ lang: 'fr', title: '  ', indicators: [] }), AppError);
  });
});

describe('charts without data', () => {
  it('say so in their text alternative and still render', async () => {
    const empty = [
      rankedBarChart({ lang: 'fr', title: 'Vide', indicators: [] }),
      cutBarChart({ lang: 'fr', title: 'Vide', columns: [] }),
      trendLineChart({ lang: 'en', title: 'Empty', waves: [] }),
      maturityChart({ lang: 'fr', title: 'Vide', dimensions: [] }),
      dailyCountsChart({ lang: 'en', title: 'Empty', days: [] }),
    ];
    for (const chart of empty) {
      assert.match(chart.alternative, /Aucune donnée|No data/, chart.type);
      assert.match(await renderSvg(chart), /^<svg role="img"/);
    }
  });
});

describe('indicatorBarChart', () => {
  it('keeps the given order and the asked digits, with a decimal comma in French', () => {
    const chart = indicatorBarChart(adoptionInput('fr'));
    assert.deepEqual(
      rowsOf(chart).map((r) => r['value']),
      [`93,1${NBSP}%`, `88,0${NBSP}%`],
    );
    assert.ok(chart.alternative.includes(`Utilisent les médias sociaux${NBSP}: 93,1${NBSP}%`));
    assert.match(chart.alternative, /bases\u00A0: de 1\u202F198 à 1\u202F234 répondants/);
    const en = indicatorBarChart(adoptionInput('en'));
    assert.deepEqual(
      rowsOf(en).map((r) => r['value']),
      ['93.1%', '88.0%'],
    );
  });
});

describe('cutBarChart', () => {
  const chart = cutBarChart(sizeCutInput('fr'));
  it('draws low bases light, leaves suppressed columns out and names them in a note', () => {
    const rows = rowsOf(chart);
    assert.deepEqual(
      rows.map((r) => r['style']),
      ['total', 'normal', 'normal', 'low'],
    );
    assert.ok(!rows.some((r) => String(r['key']).includes('Grandes')));
    assert.ok(chart.alternative.includes(`Non publié (n < 10)${NBSP}: Grandes entreprises (D)`));
    assert.ok(!chart.alternative.includes('80'), 'a suppressed value must not leak into the text');
    assert.deepEqual(chart.table.rows.at(-1), ['Grandes entreprises (D)', '–', '–', '–', '7', 'non publié']);
    assert.ok(JSON.stringify(chart.spec).includes('base faible (n < 30)'));
  });

  it('writes the significance letters after the values and in the text', () => {
    assert.equal(rowsOf(chart)[2]!['value'], `66${NBSP}%${NBSP}A`);
    assert.ok(chart.alternative.includes('n = 620), supérieur à A'));
  });

  it('follows configurable thresholds', () => {
    const loose = cutBarChart({ ...sizeCutInput('en'), lowBase: 5, suppressBelow: 5 });
    assert.equal(rowsOf(loose).length, 5);
    assert.ok(rowsOf(loose).every((r) => r['style'] !== 'low'));
    assert.throws(() => cutBarChart({ ...sizeCutInput('en'), lowBase: 5, suppressBelow: 10 }), AppError);
  });
});

describe('trendLineChart', () => {
  it('orders the waves by year and marks significant changes with arrows', () => {
    const chart = trendLineChart(trendInput('fr'));
    assert.deepEqual(
      rowsOf(chart).map((r) => r['year']),
      [2013, 2014, 2015, 2017],
    );
    assert.equal(rowsOf(chart)[2]!['value'], `65${NBSP}%${NBSP}▲`);
    assert.ok(chart.alternative.includes(`2015${NBSP}: 65${NBSP}% (±${NBSP}2,7${NBSP}pts), hausse significative`));
    assert.deepEqual(
      chart.table.rows.map((r) => r[0]),
      ['2013', '2014', '2015', '2017'],
    );
  });
});

describe('maturityChart', () => {
  it('gives three bars per dimension and lists every score in the text', () => {
    const input = maturityInput('en');
    const chart = maturityChart(input);
    assert.equal(rowsOf(chart).length, 18);
    for (const d of input.dimensions) {
      for (const score of [d.respondent, d.all, d.sameSize]) assert.ok(chart.alternative.includes(`: ${Math.round(score)}`), `${score}`);
    }
    assert.ok(chart.alternative.includes('Presence — You: 80, All companies: 62, Companies of your group: 70'));
  });

  it('refuses a score outside 0..100 and duplicate series names', () => {
    const input = maturityInput('fr');
    assert.throws(() => maturityChart({ ...input, dimensions: [{ label: 'x', respondent: 120, all: 1, sameSize: 1 }] }), AppError);
    assert.throws(() => maturityChart({ ...input, seriesLabels: { all: 'Vous' } }), AppError);
  });
});

describe('dailyCountsChart', () => {
  it('stacks completes and partials by calendar day and totals them in the table', () => {
    const input = dailyInput('fr');
    const chart = dailyCountsChart(input);
    assert.equal(rowsOf(chart).length, 2 * input.days.length);
    const completes = input.days.reduce((s, d) => s + d.completes, 0);
    assert.equal(chart.table.rows.at(-1)![1], completes.toLocaleString('fr-FR').replace(/\s/g, NNBSP));
    assert.ok(chart.alternative.includes(`1er${NBSP}mars 2025${NBSP}: 40 complets, 0 partiel`));
    for (const d of input.days) assert.ok(chart.alternative.includes(`${d.completes.toLocaleString('fr-FR').replace(/\s/g, NNBSP)} complets`));
  });

  it('refuses dates that are not calendar dates and counts that are not whole numbers', () => {
    assert.throws(() => dailyCountsChart({ lang: 'en', title: 'T', days: [{ date: '2025-13-01', completes: 1, partials: 0 }] }), AppError);
    assert.throws(() => dailyCountsChart({ lang: 'en', title: 'T', days: [{ date: '03/01/2025', completes: 1, partials: 0 }] }), AppError);
    assert.throws(() => dailyCountsChart({ lang: 'en', title: 'T', days: [{ date: '2025-03-01', completes: 1.5, partials: 0 }] }), AppError);
  });
});
