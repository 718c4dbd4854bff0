import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODEL_ITEMS, itemTarget } from './answer-model.js';
import { calibrateModel, modelPopulationShare } from './calibrate-model.js';
import { POPULATION_TOTAL, populationTargets } from './population.js';

describe('calibrateModel', () => {
  it('solves intercepts whose population share is each item’s target, every demo year', () => {
    for (const year of [2015, 2016, 2017]) {
      assert.equal(calibrateModel(year).length, MODEL_ITEMS.length);
      for (const item of MODEL_ITEMS) assert.ok(Math.abs(modelPopulationShare(item.key, year) - itemTarget(item, year)) < 1e-6, `${item.key} ${year}`);
    }
  });

  it('continues the trend after 2017 without leaving (0, 1)', () => {
    for (const item of MODEL_ITEMS) {
      const t = itemTarget(item, 2030);
      assert.ok(t > 0 && t < 1);
    }
  });
});

describe('populationTargets', () => {
  it('gives size and sector margins that both total the population table', () => {
    const targets = populationTargets();
    assert.deepEqual(
      targets.margins.map((m) => m.variable),
      ['company_size', 'sector'],
    );
    for (const m of targets.margins)
      assert.equal(
        m.targets.reduce((s, t) => s + t.population, 0),
        POPULATION_TOTAL,
      );
    assert.equal(POPULATION_TOTAL, 3_816_087);
  });
});
