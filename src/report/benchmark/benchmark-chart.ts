import { maturityChart, type Chart } from '../charts/index.js';
import type { Lang } from '../format/index.js';
import type { BenchmarkModel } from './benchmark-model.js';
import { t } from '../../messages/index.js';
import { labelIn } from '../../study/index.js';
import { benchmarkWords } from './benchmark-words.js';

/**
 * The benchmark's chart: the respondent, all respondents and their peers (as the study names them), by
 * dimension; drawn for `width` pixels (640 by default, the narrow variant below 480).
 */
export function benchmarkChart(model: BenchmarkModel, lang: Lang, width?: number): Chart {
  const words = benchmarkWords(model, lang);
  return maturityChart({
    lang,
    width,
    title: t(lang, 'benchmark.maturity.chart'),
    subtitle: `${labelIn(model.study.title, lang)} — ${model.wave.title}`,
    dimensions: model.dimensions.map((d) => ({ label: labelIn(d.label, lang), respondent: d.respondent, all: d.all, sameSize: d.sameSize })),
    units: words,
    seriesLabels: { sameSize: words.peers },
  });
}
