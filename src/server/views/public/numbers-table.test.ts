import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CutMean } from '../../../analysis/cut-estimates.js';
import type { NumbersResult } from '../../../analysis/numbers-estimates.js';
import type { RankingResult } from '../../../analysis/ranking-estimates.js';
import { WAVE_RESULTS_VERSION, type BannerInfo, type WaveResults } from '../../../analysis/wave-results-types.js';
import { renderToString } from '../html.js';
import { numbersSection } from './numbers-table.js';
import { rankingSection } from './ranking-table.js';

const L = (en: string, fr = en) => ({ en, fr });
const BANNER: BannerInfo = {
  id: 'tenure',
  variable: 'tenure',
  label: L('tenure', 'le statut'),
  named: true,
  levels: [
    { code: 1, letter: 'A', label: L('Owner', 'Propriétaire') },
    { code: 2, letter: 'B', label: L('Tenant', 'Locataire') },
    { code: 3, letter: 'C', label: L('Other', 'Autre') },
  ],
};
const cell = (code: number, n: number, estimate: number, half: number): CutMean => ({
  code,
  letter: 'ABC'[code - 1]!,
  label: BANNER.levels[code - 1]!.label,
  n,
  estimate: n < 10 ? null : estimate,
  se: n < 10 ? null : half / 1.96,
  ci: n < 10 ? null : [estimate - half, estimate + half],
  lowBase: n < 30,
  suppressed: n < 10,
});
const NUMBERS: NumbersResult = {
  question: 'rooms',
  text: L('Rooms by use', 'Pièces par usage'),
  unit: L('rooms', 'pièces'),
  total: null,
  items: [
    {
      variable: 'rooms_sleep',
      label: L('Bedrooms', 'Chambres'),
      mean: { estimate: 2.345, se: 0.05, ci: [2.247, 2.443], n: 1234, nEffective: 1100.4 },
      cuts: { tenure: [cell(1, 800, 2.61, 0.12), cell(2, 420, 1.87, 0.16), cell(3, 6, 2, 1)] },
    },
  ],
};
const RANKING: RankingResult = {
  question: 'priorities',
  text: L('Rank your priorities'),
  n: 300,
  options: [
    {
      code: 1,
      label: L('Heating'),
      variable: 'priorities_1',
      meanRank: { estimate: 1.5, se: 0.05, ci: [1.402, 1.598], n: 200 },
      first: { estimate: 0.4, se: 0.03, ci: [0.341, 0.459], n: 300 },
      cuts: { tenure: { meanRank: [cell(1, 120, 1.4, 0.1), cell(2, 25, 1.7, 0.2), cell(3, 5, 1, 1)], first: [cell(1, 180, 0.45, 0.07), cell(2, 40, 0.3, 0.1), cell(3, 8, 0, 0)] } },
    },
  ],
};
const results = (extra: Partial<WaveResults>): WaveResults =>
  ({
    kind: 'waveResults',
    version: WAVE_RESULTS_VERSION,
    wave: { id: 1, code: '2026', title: '2026', opensAt: null, closesAt: null, dataVersion: 1 },
    settings: { conf: 0.95, alpha: 0.05, lowBase: 30, suppressBase: 10 },
    banners: [BANNER],
    ...extra,
  }) as WaveResults;
const flat = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/[ \n]+/g, ' ');

describe('the sections of means and rankings', () => {
  it('prints each mean with its margin and bases, in French with decimal commas and no-break spaces', () => {
    const fr = flat(renderToString(numbersSection('fr', results({ numbers: [NUMBERS] }))!));
    assert.match(fr, /Chambres 2,3 ±\u00A00,1 1[\u00A0\u202F]234 1[\u00A0\u202F]100/);
    assert.match(fr, /Unité\u00A0: pièces\./);
    const en = flat(renderToString(numbersSection('en', results({ numbers: [NUMBERS] }))!));
    assert.match(en, /Bedrooms 2\.3 ±\u00A00\.1 1,234 1,100/);
    assert.doesNotMatch(en, /Each answer splits/, 'no total, no sentence about one');
  });

  it('splits by the chosen cut: margins and bases per column, low bases marked, small ones suppressed with their base', () => {
    const html = renderToString(numbersSection('en', results({ numbers: [NUMBERS] }), BANNER)!);
    const table = flat(html.slice(html.indexOf('table-numbers-cut-rooms')));
    assert.match(table, /Bedrooms 2\.3 ±\u00A00\.1 · n\u00A0=\u00A01,234 2\.6 ±\u00A00\.1 · n\u00A0=\u00A0800 1\.9 ±\u00A00\.2 · n\u00A0=\u00A0420 – .*n\u00A0=\u00A06/);
    const ranking = flat(renderToString(rankingSection('en', results({ rankings: [RANKING] }), BANNER)!));
    assert.match(
      ranking,
      /Heating 1\.50 ±\u00A00\.10 · n\u00A0=\u00A0200 1\.40 ±\u00A00\.10 · n\u00A0=\u00A0120 1\.70 \* \(low base\) ±\u00A00\.20 · n\u00A0=\u00A025 – .*n\u00A0=\u00A05/,
    );
    assert.match(ranking, /Heating 40\s?% ±\u00A05\.9\u00A0pts · n\u00A0=\u00A0300 45\s?% ±\u00A07\.0\u00A0pts · n\u00A0=\u00A0180/);
  });

  it('shows no cut table for results computed before rankings were split, and no section without questions', () => {
    const { cuts: _, ...old } = RANKING.options[0]!;
    const html = renderToString(rankingSection('en', results({ rankings: [{ ...RANKING, options: [old] }] }), BANNER)!);
    assert.match(html, /table-ranking-priorities/);
    assert.doesNotMatch(html, /table-ranking-cut-/);
    assert.equal(numbersSection('en', results({}), BANNER), null);
    assert.equal(rankingSection('en', results({ rankings: [] })), null);
  });
});
