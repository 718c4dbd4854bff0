import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WAVE_RESULTS_VERSION, type IndicatorResult, type WaveResults } from '../../../analysis/wave-results-types.js';
import { renderToString } from '../html.js';
import { dashboardView } from './dashboard-view.js';
import { methodologyView } from './methodology-view.js';

const indicator = (id: string, estimate: number): IndicatorResult => ({
  id,
  theme: 'saving',
  group: null,
  label: { en: `Label ${id}`, de: `Bezeichnung ${id}` },
  variable: id,
  estimate,
  se: 0.02,
  ci: [estimate - 0.04, estimate + 0.04],
  n: 250,
  nEffective: 200,
  deff: 1.25,
  trend: null,
  history: [],
  cuts: {},
});

/** The results of a study of households, in English and German. */
function results(unit: WaveResults['study']['unit']): WaveResults {
  return {
    kind: 'waveResults',
    version: WAVE_RESULTS_VERSION,
    study: { id: 'households', version: 1, title: { en: 'Household panel', de: 'Haushaltspanel' }, producers: [], languages: ['en', 'de'], ...(unit ? { unit } : {}) },
    wave: { id: 1, code: '2026', title: '2026', opensAt: null, closesAt: null, dataVersion: 1 },
    previousWave: null,
    earlierWaves: [],
    n: 250,
    settings: { conf: 0.95, alpha: 0.05, lowBase: 30, suppressBase: 10 },
    weighting: {
      status: 'weighted',
      reason: null,
      source: 'census',
      margins: [],
      converged: true,
      iterations: 4,
      trimming: null,
      efficiency: 0.9,
      kishDeff: 1.1,
      effectiveSampleSize: 225,
      minWeight: 0.5,
      maxWeight: 2,
    },
    themes: [{ id: 'saving', label: { en: 'Saving', de: 'Sparen' } }],
    banners: [],
    indicators: [indicator('a', 0.62), indicator('b', 0.3)],
  } as WaveResults;
}

const HOUSEHOLDS = { en: { one: 'household', other: 'households' }, de: { one: 'Haushalt', other: 'Haushalte' } };
const page = (r: WaveResults, lang: 'en' | 'de' | 'fr') => renderToString(dashboardView(lang, { results: r, waves: [{ code: '2026', title: '2026' }], cut: null, findings: [] }));

describe('the dashboard names the study’s respondent unit', () => {
  it('says households, never companies, for a study of households', () => {
    const html = page(results(HOUSEHOLDS), 'en');
    assert.match(html, /answers of 250 households/);
    assert.match(html, /All households/);
    assert.doesNotMatch(html, /compan(y|ies)|entreprise/i);
    assert.match(renderToString(methodologyView('en', results(HOUSEHOLDS))), /population of households/);
  });

  it('uses the unit of the interface language when the study has it', () => {
    const html = page(results(HOUSEHOLDS), 'de');
    assert.match(html, /250 Haushalte/);
    assert.match(html, /Haushaltspanel/);
  });

  it('says respondents when the study names no unit, or none in the interface language', () => {
    assert.match(page(results(undefined), 'en'), /answers of 250 respondents/);
    assert.match(page(results(HOUSEHOLDS), 'fr'), /réponses de 250 répondants/);
    assert.doesNotMatch(page(results(undefined), 'en'), /compan(y|ies)/i);
  });
});

describe('the methodology page states how respondents without an answer to a margin are weighted', () => {
  it('names the margin, the count and the class’s share of the sample', () => {
    const r = results(HOUSEHOLDS);
    const withMissing = { ...r, weighting: { ...r.weighting, missing: [{ variable: 'tenure', label: { en: 'Tenure', de: 'Wohnverhältnis' }, n: 12, share: 0.048 }] } };
    const text = renderToString(methodologyView('en', withMissing));
    assert.match(text, /12 respondent\(s\) did not answer “Tenure”: they are weighted as their own class, to their share of the sample \(4\.8\s?%\)/);
    assert.doesNotMatch(renderToString(methodologyView('en', r)), /did not answer/);
  });
});
