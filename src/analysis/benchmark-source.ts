import type { Label, MaturityDimension, StudyLanguages, UnitForms } from '../study/index.js';
import type { WaveResults } from './wave-results-types.js';

/**
 * What a benchmark is computed from, as plain data: the published wave's results, the respondent's codes,
 * the labels of their answers, the maturity dimensions with the respondent's and the population's scores.
 * The report part turns it into the page's and the PDF's model.
 */
export interface BenchmarkSource {
  readonly kind: 'benchmark-source';
  readonly study: StudyLanguages & { readonly id: string; readonly title: Label; readonly producers: readonly string[] };
  readonly results: WaveResults;
  /** the respondent's code for each category variable of the results' indicators and banners (−1: missing) */
  readonly codes: Readonly<Record<string, number>>;
  /** labels and out-of-base codes of those variables in the respondent's questionnaire */
  readonly variables: Readonly<Record<string, { readonly levels: readonly { readonly code: number; readonly label: Label }[]; readonly outOfBase: readonly number[] }>>;
  /** the variable of the benchmark's first peer group (peers: the same answer to it), or null */
  readonly peerVariable: string | null;
  /** how the study names those peers ("households of the same size"): the peer group's label, else its question's text */
  readonly peerLabel: Label | null;
  /** how the study names its respondents, by language (null: the interface's "respondents") */
  readonly unit: Readonly<Record<string, UnitForms>> | null;
  /** the codes counted as yes by each indicator */
  readonly yes: Readonly<Record<string, readonly number[]>>;
  /** the respondent's own name as typed in an identifying question (or their invitation's), or null */
  readonly company: string | null;
  readonly maturity: readonly MaturityDimension[];
  /** 0 to 100 by dimension (NaN: not available), in the order of `maturity`; `sameSize`: the peers' */
  readonly scores: { readonly respondent: readonly number[]; readonly all: readonly number[]; readonly sameSize: readonly number[] };
}
