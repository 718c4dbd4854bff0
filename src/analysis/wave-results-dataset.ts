import { AppError } from '../app-error.js';
import type { Store, Wave } from '../store/index.js';
import { categoricalColumn, columnLetter, createDataset, numericColumn, type Column, type Dataset } from '../stats/index.js';
import { allQuestions, numbersItemKey, rankKey, studyCuts, type Study } from '../study/index.js';
import { indicatorColumn } from './indicator-column.js';
import type { WaveColumns } from './load-wave.js';
import { loadResultColumns } from './wave-results-columns.js';
import { readPopulationTargets } from './population-targets.js';
import type { BannerInfo } from './wave-results-types.js';
import { marginColumns, weighWave, type WaveWeighting } from './wave-weights.js';
import { waveStudy } from './wave-study.js';

/** Column names inside the results dataset. */
export const indicatorColumnName = (id: string) => `indicator:${id}`;
export const bannerColumnName = (id: string) => `banner:${id}`;

/** The banners of a study: its cuts, in the study's order; a banner's id is its variable. */
export function studyBanners(study: Study): BannerInfo[] {
  return studyCuts(study).map(({ variable, question: q, label }) => {
    const options = [...q.options, ...(q.other ? [q.other] : [])];
    return {
      id: variable,
      variable,
      label,
      named: study.cuts.some((c) => c.variable === variable && c.label !== undefined),
      levels: options.map((o, j) => ({ code: o.code, letter: columnLetter(j), label: o.label })),
    };
  });
}

/** A loaded, weighted wave ready for computeTableSet. */
export interface PreparedWave {
  readonly wave: Wave;
  readonly study: Study;
  readonly columns: WaveColumns;
  readonly dataset: Dataset;
  readonly weighting: WaveWeighting;
}

/**
 * Builds the dataset of a loaded wave: one 0/1 column per indicator (out of base −1), one column per banner
 * (levels named by the banner's option codes, `banners` may come from another wave's study so that the two
 * waves share levels), the loaded number columns under their own names (the items of multiple numeric
 * questions), the weighting margins; then weighs it.
 */
export function prepareColumns(wave: Wave, study: Study, columns: WaveColumns, banners: readonly BannerInfo[]): PreparedWave {
  const list: Column[] = [];
  for (const indicator of study.indicators) {
    if (columns.layout.byName.get(indicator.variable)?.kind !== 'category') continue;
    list.push(categoricalColumn(indicatorColumnName(indicator.id), indicatorColumn(columns, columns.layout, indicator), ['0', '1']));
  }
  for (const banner of banners) {
    const codes = columns.categories.get(banner.variable);
    const index = new Map(banner.levels.map((level, j) => [level.code, j]));
    const mapped = new Int16Array(columns.n).fill(-1);
    if (codes) for (let i = 0; i < columns.n; i++) mapped[i] = index.get(codes[i]) ?? -1;
    list.push(
      categoricalColumn(
        bannerColumnName(banner.id),
        mapped,
        banner.levels.map((l) => String(l.code)),
      ),
    );
  }
  for (const [name, values] of columns.numbers) list.push(numericColumn(name, values));
  const targets = readPopulationTargets(wave.populationTargets);
  list.push(...marginColumns(columns, columns.layout, targets));
  if (list.length === 0) list.push(categoricalColumn('row', new Int8Array(columns.n), ['all']));
  const dataset = createDataset(list);
  return Object.freeze({ wave, study, columns, dataset, weighting: weighWave(dataset, targets) });
}

/** Loads a wave's kept complete responses and prepares them (see prepareColumns). */
export async function prepareWave(store: Store, wave: Wave, banners?: readonly BannerInfo[]): Promise<PreparedWave> {
  const study = await waveStudy(store, wave);
  const chosen = banners ?? studyBanners(study);
  // the rank columns of the ranking questions too, for their mean ranks
  const ranks = allQuestions(study).flatMap(({ question: q }) => (q.kind === 'ranking' ? q.options.map((o) => rankKey(q.name, o.code)) : []));
  // and the items of the multiple numeric questions, for their means
  const items = allQuestions(study).flatMap(({ question: q }) => (q.kind === 'numbers' ? q.items.map((item) => numbersItemKey(q, item)) : []));
  const columns = await loadResultColumns(store, wave, study, [...chosen.map((b) => b.variable), ...ranks], items);
  if (columns.n === 0) throw new AppError('UNAVAILABLE', `wave ${wave.code} has no complete kept response yet`, { wave: wave.code });
  return prepareColumns(wave, study, columns, chosen);
}
