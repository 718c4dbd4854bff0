import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IndicatorResult, WaveResults } from '../../analysis/wave-results-types.js';
import { themeComments } from './white-paper-commentary.js';

const results = {
  previousWave: { code: '2015', title: 'Vague 2015' },
  study: { unit: { fr: { one: 'ménage', other: 'ménages' }, en: { one: 'household', other: 'households' } } },
} as unknown as WaveResults;

const indicator = (id: string, label: string, difference: number, significant: boolean, filtered = false): IndicatorResult =>
  ({
    id,
    label: { fr: label, en: label },
    estimate: 0.5 + difference,
    ci: [0.45 + difference, 0.55 + difference],
    n: filtered ? 205 : 800,
    filtered,
    trend: { previousWave: '2015', previous: 0.5, difference, se: 0.01, p: significant ? 0.001 : 0.5, significant },
  }) as unknown as IndicatorResult;

/** no-break spaces as ordinary ones, to read the sentences */
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

describe('themeComments', () => {
  it('says once for all the indicators that did not move significantly, not once per indicator', () => {
    const indicators = [indicator('a', 'Visioconférence', 0.08, true), ...['b', 'c', 'd'].map((id) => indicator(id, `Libellé ${id}`, 0.01, false))];
    const fr = themeComments(results, indicators, 'fr');
    assert.equal(fr.length, 5);
    assert.equal(fr.filter((c) => c.includes('pas d’évolution significative')).length, 1, fr.join('\n'));
    assert.match(fr[4], /^Pour les 3 autres indicateurs, l’écart avec 2015/);
    assert.match(plain(fr[0]), /hausse significative de 8 pts depuis 2015/);
    const en = themeComments(results, indicators.slice(0, 3), 'en');
    assert.match(en[3], /^For the other 2 indicators, the change since 2015 is within the margin of error/);
    assert.match(themeComments(results, indicators.slice(1), 'en')[3], /^For each of these indicators/);
  });

  it('quotes the label, whatever its grammar, and names a filtered base', () => {
    const [comment] = themeComments(results, [indicator('v', 'visioconférence', 0.45, true, true)], 'fr');
    assert.match(plain(comment), /^« visioconférence » : 95 % des 205 ménages à qui la question a été posée \(± 5,0 pts, n = 205\)\./);
    const [one] = themeComments(results, [indicator('s', 'Libellé', 0.004, false)], 'fr');
    assert.match(plain(one), /\(50 %, 0 pt\) reste dans la marge d’erreur/, 'a change under half a point is 0 pt, without a sign');
  });
});
