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

/**
 * The width of the narrow variant of every chart, for phones: a page shows it wherever it has less than
 * {@link CHART_WIDTH} pixels for a chart (see `WIDE_CHART_MEDIA`), never narrower than 288 CSS px (a 320 px
 * screen less its margins), so its text, drawn at {@link NARROW_FONT_SIZE}, is shown at 11.5 CSS px or more.
 */
export const NARROW_CHART_WIDTH = 300;
export const NARROW_FONT_SIZE = 12;

/** Charts drawn narrower than this take the narrow layout (labels above bars, fewer ticks, bigger text). */
export const NARROW_LAYOUT_BELOW = 480;

/** The font sizes (and line heights) of a chart, from the width it is drawn for. */
export interface ChartFonts {
  readonly narrow: boolean;
  readonly label: number;
  readonly labelLine: number;
  readonly title: number;
  readonly titleLine: number;
  readonly subtitle: number;
  readonly subtitleLine: number;
}

const WIDE_FONTS: ChartFonts = Object.freeze({ narrow: false, label: LABEL_FONT_SIZE, labelLine: 14, title: 15, titleLine: 19, subtitle: 11.5, subtitleLine: 15 });
const NARROW_FONTS: ChartFonts = Object.freeze({ narrow: true, label: NARROW_FONT_SIZE, labelLine: 15, title: 15, titleLine: 19, subtitle: NARROW_FONT_SIZE, subtitleLine: 15 });

/** The narrow fonts below {@link NARROW_LAYOUT_BELOW} pixels, the wide ones from there. */
export function chartFonts(width: number): ChartFonts {
  return width < NARROW_LAYOUT_BELOW ? NARROW_FONTS : WIDE_FONTS;
}

/** d3-format locale of a language, from the one table of number conventions (`65 %`, `1 200,5`…). */
function numberLocale(lang: Lang) {
  const c = NUMBER_CONVENTIONS[lang];
  return { decimal: c.decimal, thousands: c.group, grouping: [3], currency: ['', '\u00A0€'], percent: `${c.percentSpace}%` };
}

/** The Vega-Lite `config` shared by every chart. */
export function chartConfig(lang: Lang, fonts: ChartFonts = WIDE_FONTS): Record<string, unknown> {
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
      fontSize: fonts.title,
      fontWeight: 'bold',
      subtitleColor: CHART_COLORS.mutedText,
      subtitleFontSize: fonts.subtitle,
      subtitlePadding: 6,
      offset: 14,
      lineHeight: fonts.titleLine,
      subtitleLineHeight: fonts.subtitleLine,
    },
    axis: {
      labelColor: CHART_COLORS.text,
      labelFontSize: fonts.label,
      titleColor: CHART_COLORS.mutedText,
      titleFontSize: fonts.label,
      titleFontWeight: 'normal',
      domainColor: CHART_COLORS.axis,
      tickColor: CHART_COLORS.axis,
      gridColor: CHART_COLORS.grid,
      labelLimit: 1000,
    },
    legend: {
      labelColor: CHART_COLORS.text,
      labelFontSize: fonts.label,
      titleColor: CHART_COLORS.mutedText,
      labelLimit: 1000,
      orient: 'top',
      direction: 'horizontal',
      symbolType: 'square',
      title: null,
    },
    text: { color: CHART_COLORS.text, fontSize: fonts.label },
  };
}
