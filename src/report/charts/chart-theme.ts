import { NUMBER_CONVENTIONS, type Lang } from '../format/index.js';
import { CHART_FONT_FAMILY } from './chart-fonts.js';

/**
 * Colours of the charts. Each colour used for a bar, line or point has a contrast of at least 3:1 against
 * the white background (WCAG 1.4.11, graphical objects) and is told apart under the common colour-vision
 * deficiencies (blue / vermilion / grey, after Okabe & Ito); text colours reach 4.5:1 (WCAG AA).
 */
export const CHART_COLORS = Object.freeze({
  background: '#ffffff',
  text: '#1a1a1a',
  mutedText: '#4d4d4d',
  axis: '#6b6b6b',
  grid: '#e3e3e3',
  /** the main series: bars of an indicator, the line of a trend, the respondent in a benchmark */
  primary: '#1f5f99',
  /** the same, lighter, for low bases (not a series colour: it always comes with a dashed outline) */
  primaryLight: '#a9c6e3',
  /** the comparison series: all respondents, the total column */
  secondary: '#858585',
  /** the third series: the respondent's peer group, partial responses */
  accent: '#c0460b',
  /** the confidence interval: error bars and bands */
  interval: '#1a1a1a',
  band: '#cfe0f1',
});

/** Colours drawn as marks; the test checks each against the background. */
export const CHART_MARK_COLORS: readonly string[] = Object.freeze([CHART_COLORS.primary, CHART_COLORS.secondary, CHART_COLORS.accent, CHART_COLORS.interval, CHART_COLORS.axis]);

/** Colours of text. */
export const CHART_TEXT_COLORS: readonly string[] = Object.freeze([CHART_COLORS.text, CHART_COLORS.mutedText]);

export const CHART_WIDTH = 640;
export const LABEL_FONT_SIZE = 11;

/** d3-format locale of a language, from the one table of number conventions (`65 %`, `1 200,5`…). */
function numberLocale(lang: Lang) {
  const c = NUMBER_CONVENTIONS[lang];
  return { decimal: c.decimal, thousands: c.group, grouping: [3], currency: ['', '\u00A0€'], percent: `${c.percentSpace}%` };
}

/** The Vega-Lite `config` shared by every chart. */
export function chartConfig(lang: Lang): Record<string, unknown> {
  return {
    locale: { number: numberLocale(lang) },
    font: CHART_FONT_FAMILY,
    background: CHART_COLORS.background,
    padding: 12,
    aria: false,
    view: { stroke: null },
    title: {
      anchor: 'start',
      color: CHART_COLORS.text,
      fontSize: 15,
      fontWeight: 'bold',
      subtitleColor: CHART_COLORS.mutedText,
      subtitleFontSize: 11.5,
      subtitlePadding: 6,
      offset: 14,
      lineHeight: 19,
      subtitleLineHeight: 15,
    },
    axis: {
      labelColor: CHART_COLORS.text,
      labelFontSize: LABEL_FONT_SIZE,
      titleColor: CHART_COLORS.mutedText,
      titleFontSize: 11,
      titleFontWeight: 'normal',
      domainColor: CHART_COLORS.axis,
      tickColor: CHART_COLORS.axis,
      gridColor: CHART_COLORS.grid,
      labelLimit: 1000,
    },
    legend: {
      labelColor: CHART_COLORS.text,
      labelFontSize: LABEL_FONT_SIZE,
      titleColor: CHART_COLORS.mutedText,
      labelLimit: 1000,
      orient: 'top',
      direction: 'horizontal',
      symbolType: 'square',
      title: null,
    },
    text: { color: CHART_COLORS.text, fontSize: LABEL_FONT_SIZE },
  };
}
