import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WAVE_RESULTS_VERSION, type IndicatorResult, type WaveResults } from '../../analysis/wave-results-types.js';
import { pdfText } from './pdf-text.js';
import { renderWhitePaper } from './white-paper-pdf.js';

const L = (fr: string, en = fr) => ({ fr, en });

/** pdftotext of a buffer, every kind of space collapsed to one. */
function textOf(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'wp-unit-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(/[\s\u00A0\u202F]+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const indicator = (id: string, theme: string, estimate: number | null, group: string | null = null): IndicatorResult => ({
  id,
  theme,
  group,
  label: L(`Libellé ${id}`, `Label ${id}`),
  variable: id,
  estimate,
  se: estimate === null ? null : 0.02,
  ci: estimate === null ? null : [estimate - 0.04, estimate + 0.04],
  n: estimate === null ? 0 : 250,
  nEffective: estimate === null ? null : 200,
  deff: 1.25,
  trend: null,
  history: [],
  cuts: {},
});

/** A first, unweighted wave: no previous wave, no banner, one indicator without respondent. */
const FIRST_WAVE: WaveResults = {
  kind: 'waveResults',
  version: WAVE_RESULTS_VERSION,
  study: {
    id: 'pilot',
    version: 1,
    title: L('Étude pilote', 'Pilot study'),
    producers: ['Studio d’études'],
    languages: ['fr', 'en'],
    unit: { fr: { one: 'entreprise', other: 'entreprises' }, en: { one: 'company', other: 'companies' } },
  },
  wave: { id: 1, code: 'pilot-1', title: 'Première vague', opensAt: null, closesAt: null, dataVersion: 1 },
  previousWave: null,
  earlierWaves: [],
  n: 250,
  settings: { conf: 0.95, alpha: 0.05, lowBase: 30, suppressBase: 10 },
  weighting: {
    status: 'unweighted',
    reason: 'no population targets',
    source: null,
    margins: [],
    converged: null,
    iterations: null,
    trimming: null,
    efficiency: 1,
    kishDeff: 1,
    effectiveSampleSize: 250,
    minWeight: 1,
    maxWeight: 1,
  },
  themes: [
    { id: 'usage', label: L('Usage') },
    { id: 'issues', label: L('Enjeux', 'Challenges') },
    { id: 'empty', label: L('Vide') },
  ],
  banners: [],
  indicators: [
    indicator('a', 'usage', 0.62),
    indicator('b', 'usage', null),
    indicator('c1', 'issues', 0.41, 'issues'),
    indicator('c2', 'issues', 0.55, 'issues'),
    indicator('c3', 'issues', 0.12, 'issues'),
  ],
};

describe('renderWhitePaper', () => {
  it('lays out a first, unweighted wave without trends or cuts', async () => {
    const pdf = await renderWhitePaper({ results: FIRST_WAVE, lang: 'fr', creationDate: new Date('2025-01-01T00:00:00Z') });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = textOf(pdf);
    assert.match(text, /Sommaire/);
    assert.match(text, /« Libellé a » : 62 % des entreprises \(± 4,0 pts, n = 250\)\./);
    assert.match(text, /ne sont pas pondérés : no population targets/);
    assert.match(text, /La hiérarchie des enjeux/);
    assert.match(text, /« Libellé c2 » \(55 %\) arrive devant « Libellé c1 » \(41 %\)/, 'ranked, with the overlap verdict');
    assert.doesNotMatch(text, /Vide/, 'a theme without indicator has no chapter');
    assert.doesNotMatch(text, /NaN|undefined/);
  });

  it('gives the same bytes for the same input and date, and writes English figures in English', async () => {
    const input = { results: FIRST_WAVE, lang: 'en' as const, creationDate: new Date('2025-01-01T00:00:00Z') };
    const [a, b] = [await renderWhitePaper(input), await renderWhitePaper(input)];
    assert.ok(a.equals(b));
    assert.match(textOf(a), /“Label a”: 62% of companies \(± 4\.0 pts, n = 250\)\./);
  });
});

describe('pdfText', () => {
  it('removes controls, bidirectional overrides and lone surrogates, keeping the visible text', () => {
    assert.equal(pdfText('a\u202Eb\u2066c\u0000d\r\ne\tf'), 'abcd e f');
    assert.equal(pdfText('x\uD800y'), 'xy');
    assert.equal(pdfText('<script>=HYPERLINK("u")</script>'), '<script>=HYPERLINK("u")</script>');
    assert.equal(pdfText('é'.repeat(10), 4), 'éééé');
    assert.equal(pdfText(null), '');
  });
});
