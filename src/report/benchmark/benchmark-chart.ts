import { maturityChart, type Chart } from '../charts/index.js';
import type { Lang } from '../format/index.js';
import { benchmarkWords, bm } from './benchmark-messages.js';
import type { BenchmarkModel } from './benchmark-model.js';

/** The benchmark's chart: the respondent, all respondents and their peers (as the study names them), by dimension. */
export function benchmarkChart(model: BenchmarkModel, lang: Lang): Chart {
  const words = benchmarkWords(model, lang);
  return maturityChart({
    lang, seriesLabels: { respondent: bm(lang, 'chart.respondent'), all: bm(lang, 'indicators.all', words), sameSize: bm(lang, 'indicators.sameSize', words) }, title: bm(lang, 'maturity.chart'), subtitle: `${model.study.title[lang]} — ${model.wave.title}`,
    dimensions: model.dimensions.map((d) => ({ label: d.label[lang], respondent: d.respondent, all: d.all, sameSize: d.sameSize })),
  });
}
