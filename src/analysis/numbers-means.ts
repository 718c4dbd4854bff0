import { AppError } from '../app-error.js';
import { categoricalColumn, createDataset, estimateMean, normalQuantile, numericColumn, type Column } from '../stats/index.js';
import type { Store, Wave } from '../store/index.js';
import { allQuestions, numbersItemKey, type Label, type NumbersQuestion } from '../study/index.js';
import { loadWave } from './load-wave.js';
import { readPopulationTargets } from './population-targets.js';
import { marginColumns, weighWave } from './wave-weights.js';
import { waveStudy } from './wave-study.js';

/** The weighted mean of one item of a multiple numeric question. */
export interface ItemMean {
  /** the item's variable, `<question>_<item>` */
  readonly variable: string;
  readonly label: Label;
  /** null when nobody gave the item a value */
  readonly estimate: number | null;
  readonly se: number | null;
  /** half the width of the confidence interval (estimate ± margin) */
  readonly margin: number | null;
  /** respondents with a value (the base) */
  readonly n: number;
  /** Kish effective base */
  readonly nEffective: number | null;
}

export interface NumbersMeans {
  readonly kind: 'numbers-means';
  readonly wave: string;
  readonly conf: number;
  /** the wave's weighting status: `weighted` (raked to its targets) or `unweighted` */
  readonly weighting: string;
  readonly questions: readonly {
    readonly question: string;
    readonly text: Label;
    readonly unit: Label | null;
    readonly total: number | null;
    readonly items: readonly ItemMean[];
  }[];
}

/**
 * The weighted mean of every item of every multiple numeric question of a wave: its kept complete
 * responses weighted as every result is (raked to the wave's population targets), each mean with its
 * Taylor-linearised standard error including the raking (R: `svymean(~item, calibrated design, na.rm = TRUE)`),
 * the margin at `conf` on the normal scale (R's `confint`), the base and the effective base. Items a
 * respondent left blank are out of that item's base. Complexity O(n · items).
 * @throws AppError UNAVAILABLE when the wave has no complete kept response.
 */
export async function computeNumbersMeans(store: Store, wave: Wave, options: { readonly conf?: number } = {}): Promise<NumbersMeans> {
  const conf = options.conf ?? 0.95;
  const study = await waveStudy(store, wave);
  const questions = allQuestions(study)
    .map(({ question }) => question)
    .filter((q): q is NumbersQuestion => q.kind === 'numbers');
  const columns = await loadWave(store, wave, study);
  if (columns.n === 0) throw new AppError('UNAVAILABLE', `wave ${wave.code} has no complete kept response yet`, { wave: wave.code });
  const targets = readPopulationTargets(wave.populationTargets);
  const list: Column[] = [...marginColumns(columns, columns.layout, targets)];
  if (list.length === 0) list.push(categoricalColumn('row', new Int8Array(columns.n), ['all']));
  for (const q of questions) for (const item of q.items) list.push(numericColumn(numbersItemKey(q, item), columns.numbers.get(numbersItemKey(q, item))!));
  const weighting = weighWave(createDataset(list), targets);
  const z = normalQuantile(1 - (1 - conf) / 2);
  return Object.freeze({
    kind: 'numbers-means',
    wave: wave.code,
    conf,
    weighting: weighting.status,
    questions: questions.map((q) => ({
      question: q.name,
      text: q.text,
      unit: q.unit ?? null,
      total: q.total ?? null,
      items: q.items.map((item): ItemMean => {
        const variable = numbersItemKey(q, item);
        const [result] = estimateMean(weighting.design, variable);
        if (result.kind !== 'mean') return { variable, label: item.label, estimate: null, se: null, margin: null, n: 0, nEffective: null };
        return { variable, label: item.label, estimate: result.estimate, se: result.se, margin: z * result.se, n: result.n, nEffective: result.nEffective };
      }),
    })),
  });
}
