import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldworkMonitor } from '../../../analysis/fieldwork/fieldwork-monitor.js';
import type { Wave } from '../../../store/index.js';
import type { Study } from '../../../study/index.js';
import { flagText } from './cleaning-view.js';
import { monitorView } from './monitor-view.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

/** The text of a fragment, tags removed and the escapes the html tag writes decoded. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\n]+/g, ' '); // not \s: it would take the no-break spaces

const monitor: FieldworkMonitor = {
  kind: 'fieldwork-monitor',
  completes: 1234,
  partials: 5,
  excluded: 0,
  days: [],
  funnel: [
    { page: 0, reached: 1240 },
    { page: 1, reached: 620 },
  ],
  questions: [],
  medianDurationMs: 7.25 * 60_000,
  quotas: [],
};
// the monitor reads only the wave's title, and the study only for quota labels (none here)
const wave = { title: 'Baromètre 2016' } as unknown as Wave;
const study = {} as unknown as Study;

describe('admin views: numbers', () => {
  it('writes the cleaning durations with a decimal comma in French and a point in English', () => {
    const flag = { kind: 'speeder', durationMs: 90_000, medianMs: 12.5 * 60_000 } as const;
    assert.match(flagText('fr', flag), /1,5 min.*12,5 min/);
    assert.match(flagText('en', flag), /1\.5 min.*12\.5 min/);
  });

  it('formats the monitor’s counts, median and shares for the page’s language', () => {
    const fr = textOf(String(monitorView('fr', study, wave, monitor, undefined)));
    assert.ok(fr.includes(`1${NNBSP}234`), 'thousands with a narrow no-break space');
    assert.ok(fr.includes('7,3 min'), 'median duration with a decimal comma');
    assert.ok(fr.includes(`50${NBSP}%`), 'a share with a no-break space before %');
    assert.ok(!/\d\.\d/.test(fr), `no decimal point in French: ${fr}`);
    const en = textOf(String(monitorView('en', study, wave, monitor, undefined)));
    assert.ok(en.includes('1,234') && en.includes('7.3 min') && en.includes('50%'), en);
  });
});
