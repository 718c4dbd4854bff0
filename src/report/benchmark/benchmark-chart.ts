import { maturityChart, type Chart } from '../charts/index.js';
import type { Lang } from '../format/index.js';
import { bm } from './benchmark-messages.js';
import type { BenchmarkModel } from './benchmark-model.js';

/** The benchmark's chart: the respondent, all companies and companies of their size, by dimension. */
export function benchmarkChart(model: BenchmarkModel, lang: Lang): Chart {
  return maturityChart({
    lang, title: bm(lang, 'maturity.chart'), subtitle: `${model.study.title[lang]} — ${model.wave.title}`,
    dimensions: model.dimensions.map((d) => ({ label: d.label[lang], respondent: d.respondent, all: d.all, sameSize: d.sameSize })),
  });
}
