import type { SurveyDesign } from '../stats/index.js';
import { numbersItemKey, type Label, type NumbersQuestion } from '../study/index.js';
import { meanFigure, meansByCut, type CutMean, type MeanCuts, type MeanFigure } from './cut-estimates.js';

export interface NumbersItemResult {
  /** the item's variable, `<question>_<item>` */
  readonly variable: string;
  readonly label: Label;
  /** the weighted mean among the respondents who gave the item a value; null when nobody did */
  readonly mean: MeanFigure | null;
  /** by cut id: the item's mean in each column of the cut */
  readonly cuts: Readonly<Record<string, readonly CutMean[]>>;
}

/** The means of the items of one multiple numeric question. */
export interface NumbersResult {
  readonly question: string;
  readonly text: Label;
  readonly unit: Label | null;
  /** the total the items add up to, when the question sets one */
  readonly total: number | null;
  readonly items: readonly NumbersItemResult[];
}

/**
 * The estimates of one multiple numeric question on a weighted design whose dataset holds each item's
 * numeric column (named `numbersItemKey`, NaN for no value): per item its weighted mean among those who gave
 * a value with its Taylor-linearised standard error and normal interval at `conf` (R: `svymean(~item,
 * design, na.rm = TRUE)`), and with `split` the same in each column of each cut as domain estimates (R:
 * `svyby(~item, ~cut, design, svymean, na.rm = TRUE)`). Complexity O(n · items · (1 + levels)).
 */
export function numbersEstimates(design: SurveyDesign, question: NumbersQuestion, conf = 0.95, split?: MeanCuts): NumbersResult {
  return {
    question: question.name,
    text: question.text,
    unit: question.unit ?? null,
    total: question.total ?? null,
    items: question.items.map((item): NumbersItemResult => {
      const variable = numbersItemKey(question, item);
      return { variable, label: item.label, mean: meanFigure(design, variable, conf), cuts: split ? meansByCut(design, variable, conf, split) : {} };
    }),
  };
}
