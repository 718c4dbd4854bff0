import { createDataset, estimateMean, normalQuantile, numericColumn, type SurveyDesign } from '../stats/index.js';
import { rankKey, type Label, type RankingQuestion } from '../study/index.js';
import { meansByCut, type CutMean, type MeanCuts } from './cut-estimates.js';

/** A weighted mean or share with its Taylor-linearised standard error and normal interval. */
export interface RankingEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly ci: readonly [number, number];
  /** respondents in the base (unweighted) */
  readonly n: number;
}

export interface RankingOptionResult {
  readonly code: number;
  readonly label: Label;
  /** the variable of the option's rank, `<question>_<code>` */
  readonly variable: string;
  /** mean rank among the respondents who ranked the option (1 = first); null when nobody did */
  readonly meanRank: RankingEstimate | null;
  /** share who ranked the option first among the respondents who answered the ranking; null when nobody did */
  readonly first: RankingEstimate | null;
  /** by cut id: the mean rank and the share ranked first in each column of the cut; absent in results of an older shape */
  readonly cuts?: Readonly<Record<string, { readonly meanRank: readonly CutMean[]; readonly first: readonly CutMean[] }>>;
}

export interface RankingResult {
  readonly question: string;
  readonly text: Label;
  /** respondents who answered the ranking (unweighted) */
  readonly n: number;
  readonly options: readonly RankingOptionResult[];
}

/**
 * The estimates of one ranking question on a weighted design, per option:
 * - the mean rank ȳ = Σw·rank / Σw over the respondents who ranked the option (R: `svymean(~rank, design,
 *   na.rm = TRUE)`, the unranked as NA: a domain mean, Taylor-linearised);
 * - the share ranked first among the respondents who answered the ranking (R: `svymean(~I(rank == 1),
 *   design, na.rm = TRUE)` with the unranked options of those respondents as 0, NA for the others);
 * each with a normal interval at `conf`. `ranks` are the packed codes of each option's rank column (rank,
 * 0 not ranked, -1 question not answered), in the question's option order. With `split`, both also in each
 * column of each cut, as domain estimates (R: `svyby(~rank, ~cut, design, svymean, na.rm = TRUE)`; see
 * meansByCut). Complexity O(n · options · (1 + levels)).
 */
export function rankingEstimates(design: SurveyDesign, question: RankingQuestion, ranks: readonly Int16Array[], conf = 0.95, split?: MeanCuts): RankingResult {
  const z = normalQuantile(1 - (1 - conf) / 2);
  const name = 'ranking:value';
  const withValues = (values: Float64Array): SurveyDesign => ({ ...design, dataset: createDataset([...design.dataset.columns.values(), numericColumn(name, values)]) });
  const estimate = (values: Float64Array): RankingEstimate | null => {
    const [result] = estimateMean(withValues(values), name);
    if (!result || result.kind !== 'mean') return null;
    return { estimate: result.estimate, se: result.se, ci: [result.estimate - z * result.se, result.estimate + z * result.se], n: result.n };
  };
  const byCut = (rank: Float64Array, first: Float64Array) => {
    if (!split) return undefined;
    const meanRank = meansByCut(withValues(rank), name, conf, split);
    const shareFirst = meansByCut(withValues(first), name, conf, split);
    return Object.fromEntries(split.cuts.map((cut) => [cut.id, { meanRank: meanRank[cut.id]!, first: shareFirst[cut.id]! }]));
  };
  let answered = 0;
  for (let i = 0; i < design.n; i++) if (ranks.some((column) => column[i]! >= 0)) answered++;
  const options = question.options.map((o, k): RankingOptionResult => {
    const codes = ranks[k]!;
    const rank = new Float64Array(design.n);
    const first = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) {
      const c = codes[i]!;
      rank[i] = c >= 1 ? c : Number.NaN;
      first[i] = c < 0 ? Number.NaN : c === 1 ? 1 : 0;
    }
    const cuts = byCut(rank, first);
    return { code: o.code, label: o.label, variable: rankKey(question.name, o.code), meanRank: estimate(rank), first: estimate(first), ...(cuts ? { cuts } : {}) };
  });
  return { question: question.name, text: question.text, n: answered, options };
}
