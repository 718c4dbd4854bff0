import type { Store, Wave } from '../store/index.js';
import type { Language, Study } from '../study/index.js';
import { waveStudy } from '../analysis/wave-study.js';
import { exportRows, type ExportRow } from './export-rows.js';
import { exportVariables, type ExportDictionary } from './export-variables.js';
import { waveWeights, type WaveWeightsResult } from './wave-weights.js';

export interface ExportOptions {
  /** 'kept' (default): complete responses not excluded; 'all': every response, with status and exclusion */
  readonly responses?: 'kept' | 'all';
  /** CSV, JSON Lines: labels instead of codes (default false) */
  readonly labels?: boolean;
  /** CSV: ',' (default) or ';' (then decimals are written with a comma, the csv2 convention) */
  readonly separator?: ',' | ';';
  /** CSV: start with a UTF-8 byte-order mark (French Excel) */
  readonly bom?: boolean;
  /** language of labels (default: the study's first language) */
  readonly lang?: Language;
  /** codebook: 'csv' (default) or 'markdown' */
  readonly codebookFormat?: 'csv' | 'markdown';
  /** called as rows stream, with the count so far */
  readonly onProgress?: (rows: number) => void;
}

/** What every export writer reads: the study, its variables, the weighting and a fresh row stream. */
export interface ExportSource {
  readonly kind: 'export-source';
  readonly study: Study;
  readonly wave: Wave;
  readonly dictionary: ExportDictionary;
  readonly weighting: WaveWeightsResult;
  readonly lang: Language;
  /** streams the rows (each call starts over) */
  rows(): AsyncIterable<ExportRow>;
}

/**
 * Prepares an export of a wave: its study version, its variables and its raking weights (the `weight`
 * variable is present when the wave has population targets that can be reached).
 */
export async function prepareExport(store: Store, wave: Wave, options: ExportOptions = {}): Promise<ExportSource> {
  const study = await waveStudy(store, wave);
  const weighting = await waveWeights(store, wave, study);
  const dictionary = exportVariables(study, { withStatus: options.responses === 'all', withWeight: weighting.kind === 'weighted' });
  const weights = weighting.kind === 'weighted' ? weighting.weights : null;
  return Object.freeze({
    kind: 'export-source',
    study,
    wave,
    dictionary,
    weighting,
    lang: options.lang ?? study.languages[0],
    rows: () => exportRows(store, wave, study, dictionary, { responses: options.responses, weights, onProgress: options.onProgress }),
  });
}
