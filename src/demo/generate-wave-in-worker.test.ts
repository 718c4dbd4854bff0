import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BulkResponse } from '../store/index.js';
import { BUILT_IN_STUDIES, validateStudy, type Study } from '../study/index.js';
import { demoWavePlan } from './demo-waves.js';
import { generateWave, type GenerateWaveOptions } from './generate-wave.js';
import { generateWaveInWorker } from './generate-wave-in-worker.js';

function barometer(): Study {
  const result = validateStudy(BUILT_IN_STUDIES.find((s) => s.id === 'social-media-barometer')!);
  assert.ok(result.ok);
  return result.study;
}

function options(study: Study, n: number): GenerateWaveOptions {
  const plan = demoWavePlan(2016);
  return {
    study,
    waveId: 3,
    year: 2016,
    n,
    seed: 5,
    secretKey: 'a-test-secret-of-at-least-32-bytes',
    opensAt: plan.opensAt,
    fieldworkDays: plan.fieldworkDays,
    validateAll: 500,
    validateEvery: 50,
  };
}

async function collect(rows: AsyncIterable<BulkResponse>): Promise<BulkResponse[]> {
  const out: BulkResponse[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('generateWaveInWorker', () => {
  it('gives the rows of generateWave, field for field, answers as their JSON text, and the same summary', async () => {
    const study = barometer();
    const inline = generateWave(options(study, 2345));
    const expected = [...inline.rows];
    const worker = generateWaveInWorker(options(study, 2345));
    const rows = await collect(worker.rows);
    assert.equal(rows.length, expected.length);
    rows.forEach((row, i) => {
      const e = expected[i];
      const { answers, packed, ...fields } = e;
      assert.equal(row.answers, undefined);
      assert.equal(row.answersJson, JSON.stringify(answers), `row ${i}`);
      assert.deepEqual(Buffer.from(row.packed!), Buffer.from(packed!), `row ${i}`);
      const { answersJson: _a, packed: _b, answers: _n, ...got } = row;
      assert.deepEqual(got, fields, `row ${i}`);
    });
    assert.deepEqual(worker.summary, inline.summary);
    assert.equal(worker.summary.generated, 2345);
  });

  it('rejects with the worker’s error when a response fails validation', async () => {
    const study = barometer();
    // company_name made required: the generator leaves it empty for about half the respondents
    const strict: Study = {
      ...study,
      pages: study.pages.map((page) => ({
        ...page,
        questions: page.questions.map((q) => (q.name === 'company_name' ? { ...q, required: true } : q)),
      })),
    } as Study;
    await assert.rejects(collect(generateWaveInWorker(options(strict, 1000)).rows), /generateWave: response \d+ of 2016 is invalid: company_name required/);
  });

  it('stops the worker when the consumer leaves early', async () => {
    const { rows, summary } = generateWaveInWorker(options(barometer(), 100_000));
    let seen = 0;
    for await (const _row of rows) if (++seen === 10) break;
    assert.equal(seen, 10);
    assert.equal(summary.generated, 0, 'no summary: the wave was not finished');
  });
});
