import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { t } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/lang.js';

/** The reason weighWave gives a wave without population targets (analysis/wave-weights.ts). */
const NO_TARGETS = 'the wave has no population targets';

/**
 * Why a wave's figures are not weighted, in the reader's words (undefined when they are weighted): no
 * population counts were set, or the raking could not meet them (the methodology page gives the details).
 */
export function unweightedNote(lang: Lang, results: Pick<WaveResults, 'weighting'>): string | undefined {
  if (results.weighting.status !== 'unweighted') return undefined;
  return t(lang, results.weighting.reason === NO_TARGETS ? 'results.unweighted.noTargets' : 'results.unweighted.failed');
}
