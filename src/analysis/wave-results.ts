import { AppError } from '../app-error.js';
import { compareWaves, type Store, type Wave } from '../store/index.js';
import { allQuestions, columnLayout, findQuestion, mayBeHidden, rankKey, type Label } from '../study/index.js';
import { rankingEstimates } from './ranking-estimates.js';
import { numbersEstimates } from './numbers-estimates.js';
import type { MeanCuts } from './cut-estimates.js';
import { computeTableSet, waveDifference, type TableCell } from '../stats/index.js';
import { studyLanguages } from '../study/index.js';
import { bannerColumnName, indicatorColumnName, prepareWave, studyBanners, type PreparedWave } from './wave-results-dataset.js';
import {
  LOW_BASE,
  SUPPRESS_BASE,
  WAVE_RESULTS_VERSION,
  type BannerInfo,
  type CutCell,
  type HistoryPoint,
  type IndicatorResult,
  type ResultTrend,
  type WaveResults,
  type WeightingResult,
} from './wave-results-types.js';
import { waveStudy } from './wave-study.js';

export interface WaveResultsOptions {
  /** cut columns under this base are marked low base (default: the wave's `settings.lowBase`, else 30) */
  readonly lowBase?: number;
  /** cut columns under this base are suppressed (default: the wave's `settings.suppressBase`, else 10) */
  readonly suppressBase?: number;
  /** the results of an earlier published wave, for the history (the cache passes its own reader) */
  readonly resultsOf?: (wave: Wave) => Promise<WaveResults>;
}

/** Base thresholds and test levels of a wave's results: options, then the wave's settings, then defaults. */
export function resultSettings(wave: Wave, options: Pick<WaveResultsOptions, 'lowBase' | 'suppressBase'> = {}): WaveResults['settings'] {
  const settings = wave.settings && typeof wave.settings === 'object' && !Array.isArray(wave.settings) ? wave.settings : {};
  const number = (value: unknown, fallback: number) => (typeof value === 'number' && value >= 0 ? value : fallback);
  return Object.freeze({
    conf: 0.95,
    alpha: 0.05,
    lowBase: options.lowBase ?? number(settings.lowBase, LOW_BASE),
    suppressBase: options.suppressBase ?? number(settings.suppressBase, SUPPRESS_BASE),
  });
}

/** The published waves of the study before this one in series order (`compareWaves`), oldest first. */
export async function earlierPublishedWaves(store: Store, wave: Wave): Promise<Wave[]> {
  const published = await store.waves.listPublished(wave.studyId);
  return published.filter((w) => w.id !== wave.id && compareWaves(w, wave) < 0);
}

/**
 * A wave's results: its kept complete responses weighted to its population targets, every indicator of
 * its study overall and by each profile variable (column letters at 5 %, low-base and suppression flags),
 * the trend against the previous published wave and the history of all earlier published waves. One
 * computeTableSet call over all indicators and banners. Plain JSON: what the cache stores, the API returns
 * and the dashboard, white paper and benchmark read.
 * @throws AppError UNAVAILABLE when the wave has no complete kept response.
 */
export async function computeWaveResults(store: Store, wave: Wave, options: WaveResultsOptions = {}): Promise<WaveResults> {
  const settings = resultSettings(wave, options);
  const study = await waveStudy(store, wave);
  const banners = studyBanners(study);
  const current = await prepareWave(store, wave, banners);
  const earlier = await earlierPublishedWaves(store, wave);
  const indicators = study.indicators.filter((i) => current.dataset.columns.has(indicatorColumnName(i.id)));
  const set = computeTableSet({
    wave: current.weighting.design,
    indicators: indicators.map((i) => ({ id: i.id, column: indicatorColumnName(i.id), yes: [1] })),
    banners: banners.map((b) => bannerColumnName(b.id)),
    options: { conf: settings.conf, alpha: settings.alpha },
  });
  // earlier waves through their own (cached) results: the trend is the test of two independent waves on
  // the overall estimates and standard errors, as computeTableSet's `previous` gives it, without loading
  // the previous wave's responses again
  const resultsOf = options.resultsOf ?? ((w: Wave) => computeWaveResults(store, w, { lowBase: settings.lowBase, suppressBase: settings.suppressBase }));
  const history = new Map<string, HistoryPoint[]>();
  let previous: WaveResults | null = null;
  for (const w of earlier) {
    let results: WaveResults;
    try {
      results = await resultsOf(w);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAVAILABLE') continue;
      throw error;
    }
    previous = results;
    for (const r of results.indicators) {
      if (r.estimate === null || r.ci === null) continue;
      const list = history.get(r.id) ?? [];
      list.push(Object.freeze({ wave: w.code, title: w.title, estimate: r.estimate, ci: r.ci, n: r.n, significant: r.trend?.significant ?? false }));
      history.set(r.id, list);
    }
  }
  const trendOf = (id: string, cell: TableCell): ResultTrend | null => {
    const before = previous?.indicators.find((i) => i.id === id);
    if (!previous || cell.kind !== 'estimate' || !before || before.estimate === null || before.se === null) return null;
    const test = waveDifference({ estimate: cell.estimate, se: cell.se }, { estimate: before.estimate, se: before.se }, { alpha: settings.alpha });
    return { previousWave: previous.wave.code, previous: before.estimate, difference: test.difference, se: test.se, p: test.p, significant: test.significant };
  };
  const layout = columnLayout(study);
  // a question behind a display condition (its own, its page's, a carry forward) was asked of some respondents only: sentences name that base
  const filtered = (variable: string) => {
    const column = layout.byName.get(variable);
    const question = column === undefined ? undefined : findQuestion(study, column.question);
    return question !== undefined && mayBeHidden(study, question);
  };
  // rankings and multiple numeric means split by the same cuts as the indicators, with the same base thresholds
  const split: MeanCuts = {
    cuts: banners.map((b) => ({ id: b.id, column: bannerColumnName(b.id), levels: b.levels })),
    lowBase: settings.lowBase,
    suppressBase: settings.suppressBase,
  };
  const results: WaveResults = {
    kind: 'waveResults',
    version: WAVE_RESULTS_VERSION,
    study: { id: study.id, version: study.version, title: study.title, producers: study.producers.map((p) => p.name), ...studyLanguages(study) },
    wave: { id: wave.id, code: wave.code, title: wave.title, opensAt: wave.opensAt, closesAt: wave.closesAt, dataVersion: wave.dataVersion },
    previousWave: previous ? { code: previous.wave.code, title: previous.wave.title } : null,
    earlierWaves: earlier.map((w) => ({ code: w.code, title: w.title })),
    n: current.columns.n,
    settings,
    weighting: weightingResult(current, study.languages),
    themes: study.themes.map((t) => ({ id: t.id, label: t.label })),
    banners,
    indicators: indicators.map((indicator, k): IndicatorResult => {
      const table = set.indicators[k];
      const overall = table.overall;
      const cuts: Record<string, CutCell[]> = {};
      banners.forEach((banner, b) => {
        const cells = table.banners[b].columns.map((column, j) => cutCell(column.cell, banner.levels[j], settings));
        // a letter never points at a suppressed column
        const hidden = new Set(cells.filter((c) => c.suppressed).map((c) => c.letter));
        cuts[banner.id] = hidden.size === 0 ? cells : cells.map((c) => ({ ...c, letters: [...c.letters].filter((l) => !hidden.has(l)).join('') }));
      });
      const estimate = overall.kind === 'estimate' ? overall : null;
      const trend = trendOf(indicator.id, overall);
      return {
        id: indicator.id,
        theme: indicator.theme,
        group: indicator.group ?? null,
        label: indicator.label,
        variable: indicator.variable,
        estimate: estimate?.estimate ?? null,
        se: estimate?.se ?? null,
        ci: estimate ? [estimate.ci[0], estimate.ci[1]] : null,
        n: estimate?.n ?? 0,
        nEffective: estimate?.nEffective ?? null,
        deff: estimate?.deff ?? null,
        filtered: filtered(indicator.variable),
        trend,
        cuts,
        history: history.get(indicator.id) ?? [],
      };
    }),
    rankings: allQuestions(study).flatMap(({ question: q }) => {
      if (q.kind !== 'ranking' || q.identifying) return [];
      const ranks = q.options.map((o) => current.columns.categories.get(rankKey(q.name, o.code)) ?? new Int16Array(current.columns.n).fill(-1));
      return [rankingEstimates(current.weighting.design, q, ranks, settings.conf, split)];
    }),
    numbers: allQuestions(study).flatMap(({ question: q }) => {
      if (q.kind !== 'numbers' || q.identifying) return [];
      return [numbersEstimates(current.weighting.design, q, settings.conf, split)];
    }),
  };
  // a JSON round trip: the fresh object is exactly what the cache gives back (no typed arrays, no -0, no undefined)
  return JSON.parse(JSON.stringify(results)) as WaveResults;
}

function cutCell(cell: TableCell, level: BannerInfo['levels'][number], settings: WaveResults['settings']): CutCell {
  const n = cell.kind === 'estimate' ? cell.n : 0;
  const suppressed = n < settings.suppressBase;
  const shown = cell.kind === 'estimate' && !suppressed ? cell : null;
  return {
    code: level.code,
    letter: level.letter,
    label: level.label,
    n,
    nEffective: shown?.nEffective ?? null,
    estimate: shown?.estimate ?? null,
    se: shown?.se ?? null,
    ci: shown ? [shown.ci[0], shown.ci[1]] : null,
    letters: shown?.letters ?? '',
    lowBase: n < settings.lowBase,
    suppressed,
  };
}

function weightingResult(prepared: PreparedWave, languages: readonly string[]): WeightingResult {
  const plain = (text: string): Label => Object.fromEntries(languages.map((lang) => [lang, text]));
  const { weighting, columns } = prepared;
  const d = weighting.diagnostics;
  return {
    status: weighting.status,
    reason: weighting.reason,
    source: weighting.source,
    margins: weighting.margins.map((margin) => {
      const column = columns.layout.byName.get(margin.variable);
      const levels = column?.kind === 'category' ? column.levels : [];
      return {
        variable: margin.variable,
        label: column?.label ?? plain(margin.variable),
        levels: margin.levels.map((level) => ({
          ...level,
          label: levels.find((l) => l.code === level.code)?.label ?? plain(String(level.code)),
        })),
      };
    }),
    converged: weighting.raking?.converged ?? null,
    iterations: weighting.raking?.iterations ?? null,
    trimming: weighting.trimming,
    missing: weighting.missing.map((m) => ({ ...m, label: columns.layout.byName.get(m.variable)?.label ?? plain(m.variable) })),
    efficiency: d.efficiency,
    kishDeff: d.kishDeff,
    effectiveSampleSize: d.effectiveSampleSize,
    minWeight: d.min,
    maxWeight: d.max,
  };
}
