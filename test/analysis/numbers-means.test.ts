import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { NumbersResult } from '../../src/analysis/numbers-estimates.js';
import { computeWaveResults } from '../../src/analysis/wave-results.js';
import { responseWeights } from '../../src/analysis/wave-weights.js';
import { BUILT_IN_STUDIES } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedExchangeWave, type SeededWave } from '../exchange/fixtures/seed-exchange-wave.js';
import { withNewKinds } from '../fixtures/new-kinds-study.js';

/**
 * R: the wave calibrated by raking to its targets (calibrate(calfun = "raking")) from the wave's design weights
 * N_h / n_h of its first margin, as the wave's weighting does, then svymean of each item.
 */
const R_MEANS = `
suppressMessages({ library(survey); library(jsonlite) })
a <- fromJSON(commandArgs(TRUE)[1], simplifyVector = TRUE)
d <- as.data.frame(a$data)
d$one <- 1
sample <- list(); population <- list()
for (m in names(a$margins)) {
  d[[m]] <- factor(d[[m]], levels = a$margins[[m]]$codes)
  sample[[m]] <- as.formula(paste("~", m))
  p <- data.frame(factor(a$margins[[m]]$codes, levels = a$margins[[m]]$codes), a$margins[[m]]$population)
  names(p) <- c(m, "Freq")
  population[[m]] <- p
}
# the wave's design weights: N_h / n_h of the first margin (the wave rakes from them, see wave-weights.ts)
first <- names(a$margins)[1]
pops <- setNames(a$margins[[first]]$population, a$margins[[first]]$codes)
counts <- table(d[[first]])
d$w0 <- unname(pops[as.character(d[[first]])] / as.numeric(counts[as.character(d[[first]])]))
des <- svydesign(ids = ~1, weights = ~w0, data = d)
f <- as.formula(paste("~", paste(names(a$margins), collapse = " + ")))
totals <- c("(Intercept)" = sum(a$margins[[1]]$population))
for (m in names(a$margins)) { codes <- a$margins[[m]]$codes; pop <- a$margins[[m]]$population; for (k in seq_along(codes)[-1]) totals[paste0(m, codes[k])] <- pop[k] }
raked <- calibrate(des, f, totals, calfun = "raking", epsilon = 1e-14, maxit = 500)
out <- lapply(a$items, function(v) { m <- svymean(as.formula(paste("~", v)), raked, na.rm = TRUE); list(variable = v, estimate = unname(coef(m)), se = unname(SE(m))[1]) })
cat(toJSON(out, auto_unbox = TRUE, digits = NA))
`;

for (const database of TEST_DATABASES) {
  describe(`means of multiple numeric items [${database.name}]`, () => {
    let store: TestStore;
    let seeded: SeededWave;
    let budget: NumbersResult;
    let weighting: string;
    let dir: string;
    before(async () => {
      store = await openTestStore(database);
      seeded = await seedExchangeWave(store, 300, { study: withNewKinds(BUILT_IN_STUDIES[0]) });
      // the means as the wave's results publish them (dashboard, API, white paper)
      const results = await computeWaveResults(store, seeded.wave);
      weighting = results.weighting.status;
      budget = results.numbers!.find((q) => q.question === 'budget')!;
      dir = mkdtempSync(join(tmpdir(), 'barometre-means-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store.close();
    });

    it('gives each item its weighted mean, its base, and means that add up to the total', async () => {
      assert.equal(weighting, 'weighted');
      assert.equal(budget.total, 100);
      assert.deepEqual(
        budget.items.map((i) => i.variable),
        ['budget_ads', 'budget_content', 'budget_tools'],
      );
      const weights = await responseWeights(store, seeded.wave);
      for (const item of budget.items) {
        let sw = 0,
          swy = 0;
        weights.ids.forEach((id, k) => {
          const value = seeded.answers.get(id)![item.variable] as number;
          sw += weights.weights[k];
          swy += weights.weights[k] * value;
        });
        const mean = item.mean!;
        assert.ok(Math.abs(mean.estimate - swy / sw) < 1e-9, `${item.variable}: ${mean.estimate} against ${swy / sw}`);
        assert.equal(mean.n, weights.ids.length);
        const margin = (mean.ci[1] - mean.ci[0]) / 2;
        assert.ok(margin > 0 && Math.abs(margin - 1.959963984540054 * mean.se) < 1e-9);
      }
      // shares of a total: the means of the items add up to it
      const sum = budget.items.reduce((s, i) => s + i.mean!.estimate, 0);
      assert.ok(Math.abs(sum - 100) < 1e-9, `sum ${sum}`);
    });

    it("agrees with R survey (svymean on the design calibrated by raking from the wave's design weights): estimates and standard errors to 1e-9", async () => {
      const weights = await responseWeights(store, seeded.wave);
      const targets = seeded.wave.populationTargets as unknown as { margins: { variable: string; targets: { code: number; population: number }[] }[] };
      const items = budget.items.map((i) => i.variable);
      const data: Record<string, unknown[]> = {};
      for (const name of [...targets.margins.map((m) => m.variable), ...items]) data[name] = [...weights.ids].map((id) => seeded.answers.get(id)![name]);
      const margins = Object.fromEntries(targets.margins.map((m) => [m.variable, { codes: m.targets.map((t) => t.code), population: m.targets.map((t) => t.population) }]));
      const file = join(dir, 'wave.json');
      writeFileSync(file, JSON.stringify({ N: 1_000_000, margins, items, data }));
      const r = JSON.parse(execFileSync('Rscript', ['-e', R_MEANS, file], { encoding: 'utf8' })) as { variable: string; estimate: number; se: number }[];
      for (const item of budget.items) {
        const ref = r.find((x) => x.variable === item.variable)!;
        const mean = item.mean!;
        assert.ok(Math.abs(mean.estimate - ref.estimate) < 1e-9 * Math.abs(ref.estimate), `${item.variable} mean ${mean.estimate} against R ${ref.estimate}`);
        assert.ok(Math.abs(mean.se - ref.se) < 1e-9 * ref.se, `${item.variable} se ${mean.se} against R ${ref.se}`);
      }
    });
  });
}
