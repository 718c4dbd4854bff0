import { calibrationResiduals } from './calibration.js';
import type { SurveyDesign } from './design.js';

/**
 * Design-based covariance matrix of k estimators from their influence values (linearisation): the
 * calibration residuals are taken first (each calibration of the design, in order), then the totals by
 * cluster, and V = Σ_h (1 − f_h) · n_h/(n_h − 1) · Σ_i (t_hi − t̄_h)(t_hi − t̄_h)'.
 * Reference: R survey `svyrecvar` (one stage); Wolter, Introduction to Variance Estimation, ch. 6.
 * Complexity O(n·k + clusters·k²).
 * @example linearizedCovariance(design, [influence]) // Float64Array [variance]
 */
export function linearizedCovariance(design: SurveyDesign, influences: readonly Float64Array[]): Float64Array {
  const k = influences.length;
  let xs = influences;
  for (const calibration of design.calibrations) xs = xs.map((x) => calibrationResiduals(calibration, x));
  const { n, psu, nPsu, psuStratum, psuPerStratum, samplingFraction, nStrata } = design;
  const totals = new Float64Array(nPsu * k);
  for (let j = 0; j < k; j++) {
    const x = xs[j];
    for (let i = 0; i < n; i++) totals[psu[i] * k + j] += x[i];
  }
  // two passes (stratum means, then centred products) so that a constant total gives exactly 0
  const means = new Float64Array(nStrata * k);
  for (let p = 0; p < nPsu; p++) {
    const h = psuStratum[p];
    for (let a = 0; a < k; a++) means[h * k + a] += totals[p * k + a];
  }
  for (let h = 0; h < nStrata; h++) for (let a = 0; a < k; a++) means[h * k + a] /= psuPerStratum[h];
  const v = new Float64Array(k * k);
  const centred = new Float64Array(k);
  for (let p = 0; p < nPsu; p++) {
    const h = psuStratum[p];
    const nh = psuPerStratum[h];
    if (nh < 2) continue; // a lonely PSU allowed as 'certainty' contributes nothing
    const factor = ((1 - samplingFraction[h]) * nh) / (nh - 1);
    for (let a = 0; a < k; a++) centred[a] = totals[p * k + a] - means[h * k + a];
    for (let a = 0; a < k; a++) {
      const ca = centred[a] * factor;
      if (ca === 0) continue;
      for (let b = 0; b < k; b++) v[a * k + b] += ca * centred[b];
    }
  }
  return v;
}
