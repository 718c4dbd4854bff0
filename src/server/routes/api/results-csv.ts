import type { IndicatorResult, WaveResults } from '../../../analysis/wave-results-types.js';
import { AppError } from '../../../app-error.js';
import { csvTextCell } from '../../../exchange/csv-cell.js';
import type { Lang } from '../../../report/format/lang.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';

type Cell = string | number | boolean | null;
const SEPARATOR = ',';

/** A number at a fixed precision (no rounding noise in spreadsheets), a text neutralised against formulas. */
function cell(value: Cell, digits = 6): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(digits))) : '';
  return csvTextCell(value, SEPARATOR);
}

function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${[header.map((h) => cell(h)), ...rows.map((r) => r.map((v) => cell(v)))].map((r) => r.join(SEPARATOR)).join('\r\n')}\r\n`;
}

function overallRows(lang: Lang, indicators: readonly IndicatorResult[]) {
  return indicators.map((i) => [
    i.id,
    i.theme,
    labelIn(i.label, lang),
    i.estimate,
    i.ci?.[0] ?? null,
    i.ci?.[1] ?? null,
    i.se,
    i.n,
    i.nEffective,
    i.deff,
    i.trend?.previousWave ?? null,
    i.trend?.previous ?? null,
    i.trend?.difference ?? null,
    i.trend?.p ?? null,
    i.trend ? i.trend.significant : null,
  ]);
}

/**
 * A results table as CSV (UTF-8 with BOM, comma-separated, proportions 0..1 with six decimals, texts
 * neutralised against spreadsheet formulas): `indicators`, `theme-<theme>`, `cut-<banner>`,
 * `cut-<banner>-<theme>`, `trend-<indicator>`.
 * @throws AppError NOT_FOUND for an unknown table.
 */
export function resultsCsv(results: WaveResults, table: string, lang: Lang): string {
  const overallHeader = [
    'id',
    'theme',
    t(lang, 'results.table.indicator'),
    t(lang, 'results.csv.estimate'),
    t(lang, 'results.csv.ciLow'),
    t(lang, 'results.csv.ciHigh'),
    'se',
    'n',
    'n_effective',
    'deff',
    t(lang, 'results.csv.previous'),
    `${t(lang, 'results.csv.estimate')} (${t(lang, 'results.csv.previous')})`,
    t(lang, 'results.csv.difference'),
    t(lang, 'results.csv.trendP'),
    t(lang, 'results.csv.trendSignificant'),
  ];
  if (table === 'indicators') return csv(overallHeader, overallRows(lang, results.indicators));
  const theme = results.themes.find((t) => table === `theme-${t.id}`);
  if (theme)
    return csv(
      overallHeader,
      overallRows(
        lang,
        results.indicators.filter((i) => i.theme === theme.id),
      ),
    );
  for (const banner of results.banners) {
    if (table !== `cut-${banner.id}` && !table.startsWith(`cut-${banner.id}-`)) continue;
    const themeId = table === `cut-${banner.id}` ? null : table.slice(`cut-${banner.id}-`.length);
    if (themeId !== null && !results.themes.some((t) => t.id === themeId)) break;
    const indicators = results.indicators.filter((i) => themeId === null || i.theme === themeId);
    const header = [
      'id',
      t(lang, 'results.table.indicator'),
      t(lang, 'results.csv.letter'),
      t(lang, 'results.csv.level'),
      'n',
      t(lang, 'results.csv.estimate'),
      t(lang, 'results.csv.ciLow'),
      t(lang, 'results.csv.ciHigh'),
      'se',
      'n_effective',
      t(lang, 'results.csv.letters'),
      t(lang, 'results.csv.lowBase'),
      t(lang, 'results.csv.suppressed'),
    ];
    const rows = indicators.flatMap((i) => [
      [i.id, labelIn(i.label, lang), '', t(lang, 'results.cut.total'), i.n, i.estimate, i.ci?.[0] ?? null, i.ci?.[1] ?? null, i.se, i.nEffective, '', false, false],
      ...(i.cuts[banner.id] ?? []).map((c) => [
        i.id,
        labelIn(i.label, lang),
        c.letter,
        labelIn(c.label, lang),
        c.n,
        c.estimate,
        c.ci?.[0] ?? null,
        c.ci?.[1] ?? null,
        c.se,
        c.nEffective,
        c.letters,
        c.lowBase,
        c.suppressed,
      ]),
    ]);
    return csv(header, rows);
  }
  const indicator = results.indicators.find((i) => table === `trend-${i.id}`);
  if (indicator) {
    const rows = [
      ...indicator.history.map((h) => [h.wave, h.title, h.estimate, h.ci[0], h.ci[1], h.n, h.significant]),
      [results.wave.code, results.wave.title, indicator.estimate, indicator.ci?.[0] ?? null, indicator.ci?.[1] ?? null, indicator.n, indicator.trend?.significant ?? false],
    ];
    return csv(
      [
        'wave',
        t(lang, 'results.trendPage.wave'),
        t(lang, 'results.csv.estimate'),
        t(lang, 'results.csv.ciLow'),
        t(lang, 'results.csv.ciHigh'),
        'n',
        t(lang, 'results.csv.trendSignificant'),
      ],
      rows,
    );
  }
  throw new AppError('NOT_FOUND', `no table ${table}`);
}
