import type { CutMean } from '../../../analysis/cut-estimates.js';
import type { WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../report/format/lang.js';
import { RESULTS_PATHS } from '../../views/public/results-paths.js';
import { labelIn } from '../../../study/index.js';

/**
 * The results API's document for a wave: proportions between 0 and 1, intervals at 95 %, unweighted and
 * effective bases; `label` in the request's language beside `labels` in both; cuts with column letters and
 * base flags (suppressed columns carry no estimate); the trend tests against the previous published wave;
 * the rankings (mean rank, share ranked first) and the means of multiple numeric items, overall and by cut
 * (keyed by the cut's variable).
 */
export function publicResultsJson(results: WaveResults, lang: Lang, origin = '') {
  const study = results.study.id;
  const wave = results.wave.code;
  return {
    apiVersion: 1,
    study: { id: study, title: labelIn(results.study.title, lang), producers: results.study.producers },
    wave: { code: wave, title: results.wave.title, fieldwork: { start: results.wave.opensAt, end: results.wave.closesAt } },
    n: results.n,
    confidenceLevel: results.settings.conf,
    significanceLevel: results.settings.alpha,
    lowBase: results.settings.lowBase,
    suppressBelow: results.settings.suppressBase,
    previousWave: results.previousWave?.code ?? null,
    weighting: {
      status: results.weighting.status,
      variables: results.weighting.margins.map((m) => m.variable),
      efficiency: results.weighting.efficiency,
      kishDeff: results.weighting.kishDeff,
      effectiveSampleSize: results.weighting.effectiveSampleSize,
      minWeight: results.weighting.minWeight,
      maxWeight: results.weighting.maxWeight,
      margins: results.weighting.margins.map((m) => ({
        variable: m.variable,
        levels: m.levels.map((l) => ({
          code: l.code,
          label: labelIn(l.label, lang),
          population: l.population,
          target: l.targetShare,
          sample: l.sampleShare,
          achieved: l.achievedShare,
        })),
      })),
    },
    themes: results.themes.map((t) => ({ id: t.id, label: labelIn(t.label, lang) })),
    indicators: results.indicators.map((i) => ({
      id: i.id,
      theme: i.theme,
      group: i.group,
      label: labelIn(i.label, lang),
      labels: i.label,
      estimate: i.estimate,
      ci: i.ci,
      se: i.se,
      n: i.n,
      nEffective: i.nEffective,
      deff: i.deff,
      filtered: i.filtered ?? false,
    })),
    cuts: results.banners.map((b) => ({
      variable: b.id,
      question: b.variable,
      label: labelIn(b.label, lang),
      columns: b.levels.map((l) => ({ code: l.code, letter: l.letter, label: labelIn(l.label, lang) })),
      indicators: results.indicators.map((i) => ({
        id: i.id,
        cells: (i.cuts[b.id] ?? []).map((c) => ({
          code: c.code,
          letter: c.letter,
          n: c.n,
          nEffective: c.nEffective,
          estimate: c.estimate,
          ci: c.ci,
          se: c.se,
          higherThan: c.letters,
          lowBase: c.lowBase,
          suppressed: c.suppressed,
        })),
      })),
    })),
    rankings: (results.rankings ?? []).map((r) => ({
      question: r.question,
      text: labelIn(r.text, lang),
      n: r.n,
      options: r.options.map((o) => ({
        code: o.code,
        variable: o.variable,
        label: labelIn(o.label, lang),
        meanRank: o.meanRank,
        first: o.first,
        cuts: Object.fromEntries(Object.entries(o.cuts ?? {}).map(([cut, cells]) => [cut, { meanRank: cells.meanRank.map(cutMean), first: cells.first.map(cutMean) }])),
      })),
    })),
    numbers: (results.numbers ?? []).map((q) => ({
      question: q.question,
      text: labelIn(q.text, lang),
      unit: q.unit ? labelIn(q.unit, lang) : null,
      total: q.total,
      items: q.items.map((item) => ({
        variable: item.variable,
        label: labelIn(item.label, lang),
        mean: item.mean,
        cuts: Object.fromEntries(Object.entries(item.cuts).map(([cut, cells]) => [cut, cells.map(cutMean)])),
      })),
    })),
    trends: results.indicators.flatMap((i) => (i.trend ? [{ id: i.id, ...i.trend }] : [])),
    history: results.indicators.map((i) => ({ id: i.id, waves: i.history.map((h) => ({ wave: h.wave, estimate: h.estimate, ci: h.ci, n: h.n, significant: h.significant })) })),
    tables: {
      indicators: `${origin}${RESULTS_PATHS.csv(lang, study, wave, 'indicators')}`,
      cuts: Object.fromEntries(results.banners.map((b) => [b.id, `${origin}${RESULTS_PATHS.csv(lang, study, wave, `cut-${b.id}`)}`])),
    },
  };
}

/** A column of a cut for a mean, as the API gives it (the label left to the cut's `columns`). */
const cutMean = (c: CutMean) => ({ code: c.code, letter: c.letter, n: c.n, estimate: c.estimate, ci: c.ci, se: c.se, lowBase: c.lowBase, suppressed: c.suppressed });
