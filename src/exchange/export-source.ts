import { readPopulationTargets } from '../analysis/population-targets.js';
import { responseWeights, type ResponseWeights } from '../analysis/wave-weights.js';
import { waveStudy } from '../analysis/wave-study.js';
import { StatsError } from '../stats/index.js';
import type { Store, Wave } from '../store/index.js';
import { contentLanguage, defaultLanguage, type Language, type Study } from '../study/index.js';
import { exportBatches, exportRows, type ExportBatch, type ExportRow } from './export-rows.js';
import { exportVariables, type ExportDictionary } from './export-variables.js';

export interface ExportOptions {
  /** 'kept' (default): complete responses not excluded; 'all': every response, with status and exclusion */
  readonly responses?: 'kept' | 'all';
  /** CSV, JSON Lines: labels instead of codes (default false) */
  readonly labels?: boolean;
  /** CSV: 'source' writes the codes the source questionnaire used (`A1`, `Y`) where the study keeps them (default 'storage') */
  readonly codes?: 'storage' | 'source';
  /** CSV: ',' (default) or ';' (then decimals are written with a comma, the csv2 convention) */
  readonly separator?: ',' | ';';
  /** CSV: start with a UTF-8 byte-order mark (French Excel) */
  readonly bom?: boolean;
  /** language of labels (default, and for a language the study does not have: the study's default language) */
  readonly lang?: Language;
  /** codebook: 'csv' (default) or 'markdown' */
  readonly codebookFormat?: 'csv' | 'markdown';
  /** keep the answers to questions the study flags `identifying` (left out by default; the codebook says so) */
  readonly includeIdentifying?: boolean;
  /** called as rows stream, with the count so far */
  readonly onProgress?: (rows: number) => void;
}

/** What every export writer reads: the study, its variables, the weights and fresh row streams. */
export interface ExportSource {
  readonly kind: 'export-source';
  readonly study: Study;
  readonly wave: Wave;
  readonly dictionary: ExportDictionary;
  /** the weights the results use, of the kept complete responses by id (ascending); null when the wave is unweighted */
  readonly weights: Pick<ResponseWeights, 'ids' | 'weights'> | null;
  readonly lang: Language;
  /**
   * streams the rows in batches (each call starts over); `onTextBytes` first gets the longest UTF-8 byte
   * length of each variable's texts among the rows (same order as the variables, 0 for non-texts)
   */
  batches(options?: { readonly onTextBytes?: (maxBytes: readonly number[]) => void | Promise<void> }): AsyncIterable<ExportBatch>;
  /** streams the rows one by one (each call starts over) */
  rows(): AsyncIterable<ExportRow>;
}

/**
 * Prepares an export of a wave: its study version, its variables and the weights of its results (the
 * `weight` variable is present when the wave has population targets that can be reached).
 */
export async function prepareExport(store: Store, wave: Wave, options: ExportOptions = {}): Promise<ExportSource> {
  const study = await waveStudy(store, wave);
  const weights = await exportWeights(store, wave, study);
  const dictionary = exportVariables(study, {
    withStatus: options.responses === 'all',
    withWeight: weights !== null,
    includeIdentifying: options.includeIdentifying,
  });
  const batches = (more: { readonly onTextBytes?: (maxBytes: readonly number[]) => void | Promise<void> } = {}) =>
    exportBatches(store, wave, study, dictionary, { responses: options.responses, weights, onProgress: options.onProgress, ...more });
  return Object.freeze({
    kind: 'export-source',
    study,
    wave,
    dictionary,
    weights,
    lang: contentLanguage(study, options.lang ?? defaultLanguage(study)),
    batches,
    rows: () => exportRows(batches()),
  });
}

/**
 * The results' weights of a wave (`responseWeights`: one weighting for results and exports), or null when
 * it has no population targets, no complete kept response, or targets that cannot be reached.
 */
async function exportWeights(store: Store, wave: Wave, study: Study): Promise<Pick<ResponseWeights, 'ids' | 'weights'> | null> {
  if (readPopulationTargets(wave.populationTargets).margins.length === 0) return null;
  try {
    const { ids, weights, weighting } = await responseWeights(store, wave, study);
    // only the weights by id: the design (its columns and calibration) can go
    return weighting.status === 'weighted' ? Object.freeze({ ids, weights }) : null;
  } catch (error) {
    if (error instanceof StatsError && error.code === 'EMPTY_SAMPLE') return null;
    throw error;
  }
}
