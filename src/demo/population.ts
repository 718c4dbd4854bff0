import type { PopulationTargets } from '../analysis/population-targets.js';

/**
 * French companies by size band × sector: the demo's weighting targets.
 *
 * Size totals (rows): INSEE, « Les entreprises en France », édition 2017 (Insee Références), fiche
 * « Catégories d'entreprises » (the same text is in the « Tableaux de l'économie française »): in 2015 the
 * non-agricultural market sectors counted 3.82 million companies in the economic sense of the 2008 law
 * (décret n° 2008-1354), of which 3.67 million microentreprises (96 %), 140,000 PME other than
 * microentreprises, 5,800 ETI and 287 GE. The product's size bands (fewer than 10, 10–249, 250–4,999,
 * 5,000 or more employees) are the employee thresholds of those categories (which also use turnover and
 * balance sheet), so the category counts serve as band counts.
 *
 * Split by sector (columns): ILLUSTRATIVE. No published table of this exact five-sector grouping was at
 * hand; the shares are rounded orders of magnitude consistent with INSEE's publication (micro companies
 * mostly in retail, business and personal services; ETI and GE oriented towards industry; finance
 * concentrated in large companies). Do not quote them as statistics.
 *
 * The next edition (2016 data: 4.2 million companies, 3.9 million microentreprises counting the
 * micro-entrepreneurs) changes the picture little for weighting; the demo uses the 2015 table for every wave.
 */
export const POPULATION_SOURCE = 'Insee, Les entreprises en France, édition 2017 (catégories d’entreprises en 2015) ; répartition par secteur illustrative';

/** Company size codes of the study (`company_size`): 1 < 10, 2 10–249, 3 250–4,999, 4 5,000+ employees. */
export const SIZE_CODES = [1, 2, 3, 4] as const;
/** Sector codes of the study (`sector`), in the order of the table's columns. */
export const SECTOR_CODES = [1, 2, 3, 4, 5] as const;

/**
 * Company counts: POPULATION[size − 1][sector − 1]. Sectors: 1 manufacturing and construction, 2 retail,
 * transport, hotels and restaurants, 3 information, communication, finance and insurance, 4 business
 * services, 5 other services.
 */
export const POPULATION: readonly (readonly number[])[] = Object.freeze([
  Object.freeze([697_300, 990_900, 330_300, 880_800, 770_700]), // 3,670,000 microentreprises
  Object.freeze([46_200, 46_200, 9_800, 23_800, 14_000]), //          140,000 PME
  Object.freeze([2_090, 1_680, 700, 870, 460]), //                       5,800 ETI
  Object.freeze([95, 77, 57, 37, 21]), //                                  287 GE
]);

/** Total number of companies in the table. */
export const POPULATION_TOTAL = POPULATION.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);

/** The table's size and sector margins in the shape of a wave's `populationTargets`. */
export function populationTargets(): PopulationTargets {
  const bySize = SIZE_CODES.map((code, s) => ({ code, population: POPULATION[s].reduce((a, b) => a + b, 0) }));
  const bySector = SECTOR_CODES.map((code, k) => ({ code, population: POPULATION.reduce((sum, row) => sum + row[k], 0) }));
  return {
    source: POPULATION_SOURCE,
    margins: [
      { variable: 'company_size', targets: bySize },
      { variable: 'sector', targets: bySector },
    ],
  };
}
