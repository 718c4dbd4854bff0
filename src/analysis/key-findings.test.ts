import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestStore, type TestStore } from '../../test/helpers/databases.js';
import { seedHouseholdWave } from '../../test/fixtures/household-study.js';
import { seedSyntheticWave } from '../../test/public/fixtures/synthetic-wave.js';
import { frenchTypography } from '../study/index.js';
import { keyFindings } from './key-findings.js';
import { computeWaveResults } from './wave-results.js';
import type { WaveResults } from './wave-results-types.js';

describe('keyFindings', () => {
  let store: TestStore;
  let results: WaveResults;
  before(async () => {
    store = await openTestStore({ name: 'sqlite' });
    await seedSyntheticWave(store, { code: '2015', n: 500, seed: 11, shift: 0 });
    const wave = await seedSyntheticWave(store, { code: '2016', n: 600, seed: 12, shift: 0.1 });
    results = await computeWaveResults(store, wave);
  });
  after(() => store.close());

  it('gives 6 to 10 findings, each with its percentage, margin of error and base in both languages', () => {
    const findings = keyFindings(results);
    assert.ok(findings.length >= 6 && findings.length <= 10, `${findings.length} findings`);
    for (const f of findings) {
      const pct = Math.round(f.estimate * 100);
      assert.ok(f.text.fr.includes(`${pct}\u00A0%`), f.text.fr);
      assert.ok(f.text.en.includes(`${pct}%`), f.text.en);
      assert.match(f.text.fr, /(±\u00A0\d+,\d|−\d+,\d\u00A0\/\u00A0\+\d+,\d)\u00A0pts/);
      assert.match(f.text.en, /(±\u00A0\d+\.\d|−\d+\.\d\u00A0\/\u00A0\+\d+\.\d)\u00A0pts/);
      assert.match(f.text.fr, /n\u00A0=\u00A0\d/);
      assert.equal(frenchTypography(f.text.fr), f.text.fr, 'French typography applied');
      assert.ok(!/ [:;?!%»]/.test(f.text.fr), `no ordinary space before French punctuation: ${f.text.fr}`);
    }
    assert.ok(findings.some((f) => f.kind === 'top-of-group'));
  });

  it('quotes a change only when it is significant and ranks the strongest first', () => {
    const findings = keyFindings(results, { max: 10 });
    const trends = findings.filter((x) => x.kind === 'trend');
    assert.ok(trends.length > 0, 'the fixture wave has significant changes to quote');
    for (const f of trends) {
      assert.equal(results.indicators.find((i) => i.id === f.indicator)!.trend!.significant, true);
    }
    const scores = findings.slice(0, new Set(findings.map((f) => f.indicator)).size).map((f) => f.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
    const noTrend: WaveResults = { ...results, previousWave: null, indicators: results.indicators.map((i) => ({ ...i, trend: null })) };
    const withoutTrends = keyFindings(noTrend);
    assert.ok(withoutTrends.length > 0, 'findings remain without a previous wave');
    assert.ok(withoutTrends.every((f) => f.kind !== 'trend'));
  });

  it('never quotes a suppressed or low-base cut column', () => {
    const gaps = keyFindings(results, { max: 10, min: 10 }).filter((x) => x.kind === 'gap');
    assert.ok(gaps.length > 0, 'the fixture wave has gaps between cut columns to quote');
    for (const f of gaps) {
      const indicator = results.indicators.find((i) => i.id === f.indicator)!;
      const cell = Object.values(indicator.cuts)
        .flat()
        .find((c) => c.estimate === f.estimate)!;
      assert.ok(!cell.lowBase && !cell.suppressed);
    }
  });
});

describe('keyFindings for any study', () => {
  let store: TestStore;
  let results: WaveResults;
  before(async () => {
    store = await openTestStore({ name: 'sqlite' });
    const wave = await seedHouseholdWave(store, { code: 'vague 1', n: 800, seed: 21 });
    results = await computeWaveResults(store, wave);
  });
  after(() => store.close());

  it("names respondents with the study's unit, never companies", () => {
    const findings = keyFindings(results, { min: 10, max: 10 });
    assert.ok(findings.length >= 6);
    for (const f of findings) {
      assert.doesNotMatch(f.text.fr, /entreprise/);
      assert.doesNotMatch(f.text.en, /compan/);
    }
    assert.ok(findings.some((f) => f.text.fr.includes('des ménages') || f.text.fr.includes('ménages à qui')));
    assert.ok(findings.some((f) => /of (the [\d,]+ )?households/.test(f.text.en)));
  });

  it('quotes any label grammatically and names a filtered base with its size', () => {
    const odd = results.indicators.find((i) => i.variable === 'car_type' && i.label.fr === 'visioconférence')!;
    assert.equal(odd.filtered, true);
    assert.ok(odd.n < results.n, 'asked of car owners only');
    const only: WaveResults = { ...results, previousWave: null, banners: [], indicators: [{ ...odd, group: null, trend: null }] };
    const [finding] = keyFindings(only, { min: 1, max: 1 });
    const pct = Math.round(odd.estimate! * 100);
    const n = odd.n.toLocaleString('en-GB');
    assert.equal(finding.kind, 'level');
    assert.match(
      finding.text.fr,
      new RegExp(
        `^« visioconférence » : ${pct} % des ${odd.n} ménages à qui la question a été posée \\((± \\d+,\\d|−\\d+,\\d / \\+\\d+,\\d) pts, n = ${odd.n}\\)\\.$`.replace(
          / /g,
          '[ \\u00A0\\u202F]',
        ),
      ),
    );
    assert.match(
      finding.text.en,
      new RegExp(
        `^“videoconferencing”: ${pct}% of the ${n} households asked \\((±\\u00A0\\d+\\.\\d|−\\d+\\.\\d\\u00A0/\\u00A0\\+\\d+\\.\\d)\\u00A0pts, n\\u00A0=\\u00A0${n}\\)\\.$`,
      ),
    );
    assert.equal(frenchTypography(finding.text.fr), finding.text.fr);
  });

  it('falls back on "respondents" for a study that names no unit, and leaves an unfiltered base unnamed', () => {
    const tenure = results.indicators.find((i) => i.variable === 'tenure')!;
    assert.equal(tenure.filtered, false);
    const plain: WaveResults = { ...results, study: { ...results.study, unit: undefined }, previousWave: null, banners: [], indicators: [{ ...tenure, group: null, trend: null }] };
    const [finding] = keyFindings(plain, { min: 1, max: 1 });
    assert.match(finding.text.fr, /\d\u00A0% des répondants \(/);
    assert.match(finding.text.en, /% of respondents \(/);
  });

  it('writes an asymmetric interval as −/+ margins, a zero-width one not at all, and a change of one point in the singular', () => {
    const tenure = results.indicators.find((i) => i.variable === 'tenure')!;
    const at = (estimate: number, ci: readonly [number, number], difference: number): WaveResults => ({
      ...results,
      previousWave: { code: 'w0', title: 'w0' },
      banners: [],
      indicators: [{ ...tenure, group: null, estimate, ci, trend: { previousWave: 'w0', previous: estimate - difference, difference, se: 0.001, p: 0.001, significant: true } }],
    });
    const trendOf = (r: WaveResults) => keyFindings(r, { min: 2, max: 2 }).find((f) => f.kind === 'trend')!;
    const asymmetric = trendOf(at(0.99, [0.96, 0.995], 0.01));
    assert.ok(asymmetric.text.fr.includes('−3,0\u00A0/\u00A0+0,5\u00A0pts'), asymmetric.text.fr);
    assert.ok(!asymmetric.text.fr.includes('±'), asymmetric.text.fr);
    assert.ok(asymmetric.text.fr.includes('+1\u00A0pt,'), `one point in the singular: ${asymmetric.text.fr}`);
    assert.ok(asymmetric.text.en.includes('+1\u00A0pt,'), asymmetric.text.en);
    const fall = trendOf(at(0.5, [0.47, 0.53], -0.03));
    assert.ok(fall.text.fr.includes('−3\u00A0pts'), `a true minus sign: ${fall.text.fr}`);
    assert.ok(fall.text.fr.includes('±\u00A03,0\u00A0pts'), fall.text.fr);
    assert.deepEqual(keyFindings(at(1, [1, 1], 0.02), { min: 1, max: 1 }), [], 'no finding states a fake ± 0');
  });
});
