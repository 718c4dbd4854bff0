import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { betaCdf, betaQuantile, chiSquareUpperTail, fUpperTail, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions.js';
import { logGamma } from './special-functions.js';

const close = (actual: number, expected: number, rel = 1e-12) => assert.ok(Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);

describe('distributions', () => {
  it('logGamma matches factorials on both sides of the Stirling switch', () => {
    let logFactorial = 0;
    for (let k = 1; k < 60; k++) {
      close(logGamma(k + 1), (logFactorial += Math.log(k)), 1e-14);
    }
    close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
  });
  it('normal quantile inverts the CDF and hits textbook values', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-14);
    close(normalQuantile(0.995), 2.5758293035489, 1e-12);
    for (const p of [1e-12, 1e-6, 0.01, 0.02425, 0.3, 0.5, 0.77, 0.999999]) close(normalCdf(normalQuantile(p)), p, 1e-12);
    close(normalCdf(-8), 6.22096057427178e-16, 1e-10);
  });
  it('student t CDF equals its closed forms for 1 and 2 degrees of freedom', () => {
    for (const t of [-30, -2.5, -0.3, 0, 0.7, 4, 100]) {
      close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-13);
      close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-13);
      close(studentTCdf(t, 2, true), 0.5 - t / (2 * Math.sqrt(2 + t * t)), 1e-13);
    }
  });
  it('student t quantile hits known values and inverts the CDF', () => {
    close(studentTQuantile(0.975, 10), 2.228138851986274, 1e-13);
    close(studentTQuantile(0.975, 1), 12.70620473617471, 1e-12);
    close(studentTQuantile(0.975, 30), 2.042272456301238, 1e-12);
    close(studentTQuantile(0.025, 100), -1.983971518523552, 1e-12);
    for (const df of [1.5, 3, 14, 197, 3177.9]) for (const p of [0.001, 0.025, 0.4, 0.95]) close(studentTCdf(studentTQuantile(p, df), df), p, 1e-12);
  });
  it('chi-square and F tails equal their closed forms', () => {
    close(chiSquareUpperTail(5.991464547107979, 2), 0.05, 1e-13);
    for (const x of [0.1, 3, 40]) close(chiSquareUpperTail(x, 2), Math.exp(-x / 2), 1e-13);
    // F(1, d) is the square of a t(d)
    for (const t of [0.5, 2, 3.3]) close(fUpperTail(t * t, 1, 7), 2 * studentTCdf(t, 7, true), 1e-12);
  });
  it('beta quantile inverts the beta CDF, including large shapes', () => {
    close(betaCdf(0.25, 2, 1), 0.0625, 1e-14);
    close(betaQuantile(0.0625, 2, 1), 0.25, 1e-13);
    for (const [a, b] of [
      [0.5, 0.5],
      [3, 7],
      [165.3, 34.7],
      [1500, 20],
    ]) {
      for (const p of [0.025, 0.5, 0.975]) close(betaCdf(betaQuantile(p, a, b), a, b), p, 1e-12);
    }
    // Beta(1, b): I_x = 1 - (1 - x)^b
    close(betaQuantile(0.3, 1, 4), 1 - 0.7 ** (1 / 4), 1e-13);
  });
});
