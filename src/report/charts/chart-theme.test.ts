import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHART_COLORS, CHART_MARK_COLORS, CHART_TEXT_COLORS } from './chart-theme.js';
import { contrastRatio } from './contrast-ratio.js';
import { measureText } from './text-metrics.js';
import { wrapText } from './wrap-text.js';

describe('chart colours', () => {
  it('reach 4.5:1 for text and 3:1 for marks against the background (WCAG AA)', () => {
    for (const color of CHART_TEXT_COLORS) assert.ok(contrastRatio(color, CHART_COLORS.background) >= 4.5, color);
    for (const color of CHART_MARK_COLORS) assert.ok(contrastRatio(color, CHART_COLORS.background) >= 3, color);
  });

  it('computes the WCAG ratio: 21 for black on white, 1 for a colour on itself, symmetric', () => {
    assert.equal(Math.round(contrastRatio('#000000', '#ffffff') * 100) / 100, 21);
    assert.equal(contrastRatio('#1f5f99', '#1f5f99'), 1);
    assert.equal(contrastRatio('#767676', '#ffffff'), contrastRatio('#ffffff', '#767676'));
    assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
  });
});

describe('measureText', () => {
  it('reads the advance widths of DejaVu Sans: proportional, bold wider, accents as wide as their letters', () => {
    assert.ok(Math.abs(measureText('ab', 22) - 2 * measureText('ab', 11)) < 1e-9);
    assert.ok(measureText('iiii', 11) < measureText('MMMM', 11));
    assert.ok(measureText('Mesurer', 11, true) > measureText('Mesurer', 11));
    assert.equal(measureText('é', 11), measureText('e', 11));
    assert.ok(measureText('\u202F', 10) > 0 && measureText('\u202F', 10) < measureText(' ', 10), 'narrow no-break space has its own glyph');
    assert.equal(measureText('', 11), 0);
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width and keeps every word', () => {
    const text = 'Mesurer les résultats et le retour sur investissement des actions';
    const lines = wrapText(text, 150, 11);
    assert.ok(lines.length > 1);
    assert.equal(lines.join(' '), text);
    for (const line of lines) assert.ok(measureText(line, 11) <= 150 || !line.includes(' '), line);
  });

  it('never breaks at a no-break space and keeps a too-long word whole', () => {
    assert.deepEqual(wrapText(`65${'\u00A0'}% anticonstitutionnellement`, 30, 11), [`65${'\u00A0'}%`, 'anticonstitutionnellement']);
    assert.deepEqual(wrapText('', 100, 11), ['']);
  });
});
