import type { BenchmarkSource } from '../../analysis/benchmark-source.js';
import type { CutCell } from '../../analysis/wave-results-types.js';
import type { Label, MaturityDimension, StudyLanguages } from '../../study/index.js';

/** A published figure the respondent is compared with: weighted share, 95 % interval, unweighted base. */
export interface BenchmarkFigure {
  readonly estimate: number | null;
  readonly ci: readonly [number, number] | null;
  readonly n: number;
  readonly lowBase: boolean;
  readonly suppressed: boolean;
}

export interface BenchmarkIndicator {
  readonly id: string;
  readonly theme: string;
  readonly label: Label;
  /** the label of the respondent's answer, null when not asked or not answered */
  readonly answer: Label | null;
  /** whether that answer counts in the indicator's percentage; null when out of its base */
  readonly counted: boolean | null;
  readonly all: BenchmarkFigure;
  /** among the respondents of the respondent's peer group; null when the size is unknown */
  readonly sameSize: BenchmarkFigure | null;
}

export interface BenchmarkDimension {
  readonly id: string;
  readonly label: Label;
  readonly definition: Label;
  /** scores 0 to 100 (NaN when not available) */
  readonly respondent: number;
  readonly all: number;
  readonly sameSize: number;
}

/** Everything the benchmark page and PDF show: plain and frozen. */
export interface BenchmarkModel {
  readonly kind: 'benchmark';
  readonly study: StudyLanguages & { readonly id: string; readonly title: Label; readonly producers: readonly string[] };
  /** the published wave compared with */
  readonly wave: { readonly code: string; readonly title: string; readonly n: number };
  /** the respondent's name (an organisation's, a household's) as typed (plain text; may be null) */
  readonly company: string | null;
  /** the respondent's level of the peer group's question (e.g. their size band), or null */
  readonly size: { readonly code: number; readonly label: Label } | null;
  /** how the study names the peers ("households of the same size"), or null when it has no peer group */
  readonly peers: Label | null;
  /** how the study names its respondents, by language (null: "respondents") */
  readonly unit: BenchmarkSource['unit'];
  readonly themes: readonly { readonly id: string; readonly label: Label }[];
  readonly indicators: readonly BenchmarkIndicator[];
  readonly dimensions: readonly BenchmarkDimension[];
  readonly recommendations: readonly { readonly dimension: string; readonly dimensionLabel: Label; readonly text: Label }[];
}

const figure = (cell: Pick<CutCell, 'estimate' | 'ci' | 'n'> & Partial<Pick<CutCell, 'lowBase' | 'suppressed'>>): BenchmarkFigure => ({
  estimate: cell.estimate,
  ci: cell.ci,
  n: cell.n,
  lowBase: cell.lowBase ?? false,
  suppressed: cell.suppressed ?? false,
});

/**
 * Two to four recommendations for the weakest dimensions: dimensions ranked by the respondent's score
 * (lowest first, unscored ones last), up to two recommendations from each, until two dimensions are covered
 * or four recommendations are picked.
 */
export function pickRecommendations(dimensions: readonly MaturityDimension[], scores: readonly number[]): BenchmarkModel['recommendations'] {
  const order = dimensions.map((d, k) => ({ d, k, score: Number.isNaN(scores[k]) ? Number.POSITIVE_INFINITY : scores[k] })).sort((a, b) => a.score - b.score || a.k - b.k);
  const picked: { dimension: string; dimensionLabel: Label; text: Label }[] = [];
  for (const { d } of order) {
    if (picked.length >= 4 || new Set(picked.map((p) => p.dimension)).size >= 2) break;
    for (const text of d.recommendations.slice(0, 2)) if (picked.length < 4) picked.push({ dimension: d.id, dimensionLabel: d.label, text });
  }
  return picked;
}

/**
 * The benchmark of one respondent against a published wave: for each indicator their answer, the
 * percentage of all respondents and of those of their peer group (margins and bases from the wave's results);
 * their maturity score in each dimension against the weighted means; recommendations for the weakest.
 */
export function benchmarkModel(source: BenchmarkSource): BenchmarkModel {
  const { results, codes } = source;
  const sizeBanner = results.banners.find((b) => b.variable === source.peerVariable);
  const sizeCode = sizeBanner ? (codes[sizeBanner.variable] ?? -1) : -1;
  const sizeLevel = sizeBanner?.levels.find((l) => l.code === sizeCode);
  const indicators = results.indicators.map((i): BenchmarkIndicator => {
    const variable = source.variables[i.variable];
    const code = codes[i.variable] ?? -1;
    const level = code >= 0 ? variable?.levels.find((l) => l.code === code) : undefined;
    const outOfBase = level === undefined || (variable?.outOfBase ?? []).includes(code);
    const cell = sizeLevel ? (i.cuts[sizeBanner!.id] ?? []).find((c) => c.code === sizeLevel.code) : undefined;
    return {
      id: i.id,
      theme: i.theme,
      label: i.label,
      answer: level?.label ?? null,
      counted: outOfBase ? null : (source.yes[i.id] ?? []).includes(code),
      all: figure(i),
      sameSize: cell ? figure(cell) : null,
    };
  });
  const dimensions = source.maturity.map(
    (d, k): BenchmarkDimension => ({
      id: d.id,
      label: d.label,
      definition: d.definition,
      respondent: source.scores.respondent[k] ?? Number.NaN,
      all: source.scores.all[k] ?? Number.NaN,
      sameSize: source.scores.sameSize[k] ?? Number.NaN,
    }),
  );
  return Object.freeze({
    kind: 'benchmark',
    study: source.study,
    wave: { code: results.wave.code, title: results.wave.title, n: results.n },
    company: source.company,
    size: sizeLevel ? { code: sizeLevel.code, label: sizeLevel.label } : null,
    peers: source.peerLabel ?? null,
    unit: source.unit ?? null,
    themes: results.themes.filter((t) => indicators.some((i) => i.theme === t.id)),
    indicators,
    dimensions,
    recommendations: pickRecommendations(source.maturity, source.scores.respondent),
  });
}
