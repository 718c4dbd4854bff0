import { t, type Lang } from '../../messages/index.js';
import { labelIn, unitWords, type UnitWords } from '../../study/index.js';
import type { BenchmarkModel } from './benchmark-model.js';

/** The words of a benchmark's sentences: `{unit(s)}`/`{Unit(s)}` from the study, and `{peers}`. */
export type BenchmarkWords = UnitWords & { readonly peers: string };

/**
 * How the benchmark names respondents (the study's unit, else "respondents") and the respondent's peer group:
 * the study's label of its peer group ("Households of the same size"), capitalised for headings, else the
 * catalogue's "{Units} of your group".
 * @example benchmarkWords(model, 'en').peers // 'Households of the same size' or 'Respondents of your group'
 */
export function benchmarkWords(model: Pick<BenchmarkModel, 'study' | 'peers'>, lang: Lang): BenchmarkWords {
  const units = unitWords(model.study, lang);
  const label = model.peers ? labelIn(model.peers, lang) : '';
  const peers = label === '' ? t(lang, 'benchmark.indicators.peers', units) : label.charAt(0).toLocaleUpperCase(lang) + label.slice(1);
  return { ...units, peers };
}
