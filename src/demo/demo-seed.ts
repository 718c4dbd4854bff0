import type { PopulationTargets } from '../analysis/population-targets.js';

/**
 * What the demo knows of a study beyond its document, for the generic generator: the waves a fresh
 * installation gets, the weighting targets of its margins (made-up or published national counts), how
 * respondents spread over its languages, and sample texts for its open questions. Everything is optional
 * but the waves: a study without a seed gets uneven shares, no targets and neutral texts.
 */
export interface DemoSeed {
  /** wave codes, any order (see waveCodePeriod) */
  readonly waves: readonly string[];
  /** how many of the latest waves are in fieldwork (the earlier ones are published) */
  readonly inFieldwork: number;
  /** responses per wave, partial ones included */
  readonly n: number;
  readonly populationTargets?: PopulationTargets;
  /** share of respondents per language tag (the study's default language takes what is left) */
  readonly languageShares?: Readonly<Record<string, number>>;
  /**
   * sample answers per answer key (a text question's name, or `<question>_other`), per language tag, `*`
   * for every language
   */
  /**
   * typical answers where the study's model should not be left to chance, by variable: the shares of a
   * single choice's options, of a scale's or matrix item's points (in order, "don't know" aside); the
   * probability of a multiple choice's option (`<question>_<code>`: one number); a number's typical value
   */
  readonly priors?: Readonly<Record<string, readonly number[]>>;
  readonly texts?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}
