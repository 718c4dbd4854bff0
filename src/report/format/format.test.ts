import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatInterval, formatMargin, formatMarginOfError, formatNumber, formatPercent, formatPoints, MISSING } from './index.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';
const MINUS = '\u2212';

describe('formatNumber', () => {
  it('groups thousands with a narrow no-break space in French and a comma in English', () => {
    assert.equal(formatNumber(1200, 'fr'), `1${NNBSP}200`);
    assert.equal(formatNumber(1200, 'en'), '1,200');
    assert.equal(formatNumber(1234567.891, 'fr', 2), `1${NNBSP}234${NNBSP}567,89`);
    assert.equal(formatNumber(1234567.891, 'en', 2), '1,234,567.89');
    assert.equal(formatNumber(999, 'fr'), '999');
  });

  it('rounds half away from zero, including values that binary floating point stores below the half', () => {
    assert.equal(formatNumber(1.005, 'en', 2), '1.01');
    assert.equal(formatNumber(2.5, 'en'), '3');
    assert.equal(formatNumber(-2.5, 'en'), '-3');
  });

  it('rounds tiny numbers, which JavaScript writes with an exponent (the margin of a weighting variable)', () => {
    assert.equal(formatNumber(1.957e-7, 'en', 1), '0.0');
    assert.equal(formatNumber(-3e-8, 'fr', 2), '0,00');
    assert.equal(formatMargin(0.8, [0.7999999980429402, 0.8000000019570598], 'en'), `±${NBSP}0.0${NBSP}pts`);
  });

  it('never prints a negative zero', () => {
    assert.equal(formatNumber(-0.0001, 'fr', 1), '0,0');
    assert.equal(formatNumber(-0, 'en'), '0');
  });

  it('shows missing values as a dash', () => {
    assert.equal(formatNumber(NaN, 'fr'), MISSING);
    assert.equal(formatNumber(Infinity, 'en'), MISSING);
  });
});

describe('formatPercent', () => {
  it('writes French percentages with a no-break space and a decimal comma', () => {
    assert.equal(formatPercent(0.65, 'fr'), `65${NBSP}%`);
    assert.equal(formatPercent(0.6534, 'fr', 1), `65,3${NBSP}%`);
  });

  it('writes English percentages without a space', () => {
    assert.equal(formatPercent(0.65, 'en'), '65%');
    assert.equal(formatPercent(0.6534, 'en', 1), '65.3%');
  });

  it('rounds the percentage, not the proportion', () => {
    assert.equal(formatPercent(0.0049, 'en'), '0%');
    assert.equal(formatPercent(0.005, 'en'), '1%');
    assert.equal(formatPercent(1, 'fr'), `100${NBSP}%`);
    assert.equal(formatPercent(NaN, 'fr'), MISSING);
  });
});

describe('formatMarginOfError', () => {
  it('gives the half-width in percentage points with one decimal', () => {
    assert.equal(formatMarginOfError(0.028, 'fr'), `±${NBSP}2,8${NBSP}pts`);
    assert.equal(formatMarginOfError(0.028, 'en'), `±${NBSP}2.8${NBSP}pts`);
    assert.equal(formatMarginOfError(0.03149, 'en', 2), `±${NBSP}3.15${NBSP}pts`);
  });
});

describe('formatDate', () => {
  it('writes long dates in French with 1er for the first day', () => {
    assert.equal(formatDate('2025-03-14', 'fr'), `14${NBSP}mars 2025`);
    assert.equal(formatDate('2025-08-01', 'fr'), `1er${NBSP}août 2025`);
  });

  it('writes long dates in English', () => {
    assert.equal(formatDate('2025-03-14', 'en'), `14${NBSP}March 2025`);
  });

  it('reads timestamps in UTC whatever the machine time zone', () => {
    assert.equal(formatDate('2025-12-31T23:30:00Z', 'en'), `31${NBSP}December 2025`);
    assert.equal(formatDate('2026-01-01T00:30:00+01:00', 'fr'), `31${NBSP}décembre 2025`);
  });

  it('rejects text that is not an ISO date', () => {
    assert.throws(() => formatDate('14/03/2025', 'fr'), RangeError);
    assert.throws(() => formatDate('2025-13-01', 'fr'), RangeError);
  });
});

describe('formatting per interface language', () => {
  it('writes a number in fr, en, de and es', () => {
    assert.equal(formatNumber(1234567.891, 'fr', 2), `1${NNBSP}234${NNBSP}567,89`);
    assert.equal(formatNumber(1234567.891, 'en', 2), '1,234,567.89');
    assert.equal(formatNumber(1234567.891, 'de', 2), '1.234.567,89');
    assert.equal(formatNumber(1234567.891, 'es', 2), `1${NNBSP}234${NNBSP}567,89`);
  });

  it('leaves four-digit numbers ungrouped in Spanish only (RAE)', () => {
    assert.equal(formatNumber(1234, 'es'), '1234');
    assert.equal(formatNumber(12345, 'es'), `12${NNBSP}345`);
    assert.equal(formatNumber(1234, 'de'), '1.234');
    assert.equal(formatNumber(-1234.5, 'es', 1), '-1234,5');
  });

  it('writes a percent in fr, en, de and es', () => {
    assert.equal(formatPercent(0.6534, 'fr', 1), `65,3${NBSP}%`);
    assert.equal(formatPercent(0.6534, 'en', 1), '65.3%');
    assert.equal(formatPercent(0.6534, 'de', 1), `65,3${NBSP}%`);
    assert.equal(formatPercent(0.6534, 'es', 1), `65,3${NBSP}%`);
  });

  it('writes a margin of error in fr, en, de and es', () => {
    assert.equal(formatMarginOfError(0.028, 'fr'), `±${NBSP}2,8${NBSP}pts`);
    assert.equal(formatMarginOfError(0.028, 'en'), `±${NBSP}2.8${NBSP}pts`);
    assert.equal(formatMarginOfError(0.028, 'de'), `±${NBSP}2,8${NBSP}Pp.`);
    assert.equal(formatMarginOfError(0.028, 'es'), `±${NBSP}2,8${NBSP}p.${NBSP}p.`);
  });

  it('writes a date in fr, en, de and es', () => {
    assert.equal(formatDate('2025-03-01', 'fr'), `1er${NBSP}mars 2025`);
    assert.equal(formatDate('2025-03-14', 'en'), `14${NBSP}March 2025`);
    assert.equal(formatDate('2025-03-14', 'de'), `14.${NBSP}März 2025`);
    assert.equal(formatDate('2025-03-14', 'es'), '14 de marzo de 2025');
  });
});

describe('formatMargin', () => {
  it('prints ± when the interval is symmetric at the printed precision', () => {
    assert.equal(formatMargin(0.5, [0.47, 0.53], 'fr'), `±${NBSP}3,0${NBSP}pts`);
    assert.equal(formatMargin(0.5, [0.4701, 0.5299], 'en'), `±${NBSP}3.0${NBSP}pts`);
    // 6.69 below and 6.78 above print 6.7 and 6.8: one unit of the last digit apart, so ± their mean
    assert.equal(formatMargin(0.4718, [0.4049, 0.5396], 'fr'), `±${NBSP}6,7${NBSP}pts`);
  });

  it('prints the distance to each bound when the interval is asymmetric, with a true minus sign', () => {
    // 99 % with a logit interval of [0.96 ; 0.995]: not "± 1.8 pts"
    assert.equal(formatMargin(0.99, [0.96, 0.995], 'fr'), `${MINUS}3,0${NBSP}/${NBSP}+0,5${NBSP}pts`);
    assert.equal(formatMargin(0.932, [0.8875, 0.9596], 'en'), `${MINUS}4.5${NBSP}/${NBSP}+2.8${NBSP}pts`);
    assert.equal(formatMargin(0.0146, [0.0053, 0.0398], 'de'), `${MINUS}0,9${NBSP}/${NBSP}+2,5${NBSP}Pp.`);
  });

  it('gives a dash, not a fake ± 0, for an estimate of 0 or 1 whose interval has no width', () => {
    assert.equal(formatMargin(1, [1, 1], 'fr'), MISSING);
    assert.equal(formatMargin(0, [0, 0], 'en'), MISSING);
    assert.equal(formatMargin(null, null, 'en'), MISSING);
    assert.equal(formatMargin(0.4, null, 'en'), MISSING);
  });

  it('shows a one-sided interval at 0 as its real extent', () => {
    assert.equal(formatMargin(0, [0, 0.031], 'fr'), `${MINUS}0,0${NBSP}/${NBSP}+3,1${NBSP}pts`);
  });
});

describe('formatInterval', () => {
  it('writes the bounds between brackets in each language', () => {
    assert.equal(formatInterval([0.888, 0.96], 'fr'), `[88,8${NBSP}%${NBSP};${NBSP}96,0${NBSP}%]`);
    assert.equal(formatInterval([0.888, 0.96], 'en'), `[88.8%;${NBSP}96.0%]`);
    assert.equal(formatInterval([0.888, 0.96], 'de'), `[88,8${NBSP}%;${NBSP}96,0${NBSP}%]`);
  });

  it('has no ordinary space, so a table never wraps inside it', () => {
    for (const lang of ['fr', 'en', 'de', 'es'] as const) assert.doesNotMatch(formatInterval([0.01, 0.5], lang), / /);
  });

  it('gives a dash for a missing or zero-width interval', () => {
    assert.equal(formatInterval(null, 'fr'), MISSING);
    assert.equal(formatInterval([1, 1], 'fr'), MISSING);
  });
});

describe('formatPoints', () => {
  it('writes 0 and 1 point in the singular in French, without a sign on zero', () => {
    assert.equal(formatPoints(0, 'fr'), `0${NBSP}pt`);
    assert.equal(formatPoints(-0.004, 'fr'), `0${NBSP}pt`);
    assert.equal(formatPoints(-0.012, 'fr'), `${MINUS}1${NBSP}pt`);
    assert.equal(formatPoints(0.05, 'fr'), `+5${NBSP}pts`);
  });

  it('writes only 1 point in the singular in English', () => {
    assert.equal(formatPoints(0.001, 'en'), `0${NBSP}pts`);
    assert.equal(formatPoints(0.01, 'en'), `+1${NBSP}pt`);
    assert.equal(formatPoints(-0.03, 'en'), `${MINUS}3${NBSP}pts`);
  });

  it('uses the language’s abbreviation', () => {
    assert.equal(formatPoints(-0.03, 'de'), `${MINUS}3${NBSP}Pp.`);
    assert.equal(formatPoints(0.03, 'es'), `+3${NBSP}p.${NBSP}p.`);
  });
});
