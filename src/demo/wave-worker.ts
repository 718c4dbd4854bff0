// Worker-thread entry of `generateWaveInWorker`: generates one demo wave with `generateWave` and posts its
// rows to the parent in batches (encoded by a RowBatchEncoder: answers serialised here), then the summary. It
// waits (Atomics.wait on the shared counter of consumed batches) when AHEAD batches are unconsumed, so
// that a slow inserter bounds its memory.
import { parentPort, workerData } from 'node:worker_threads';
import { generateWave, type GenerateWaveOptions, type WaveSummary } from './generate-wave.js';
import { createRowBatchEncoder, type RowBatch } from './row-batch.js';

/** What the parent sends: the wave's options, batch size, and the counter it bumps per batch consumed. */
export interface WaveWorkerData {
  readonly options: GenerateWaveOptions;
  readonly batchSize: number;
  readonly ahead: number;
  /** Int32Array over a SharedArrayBuffer: [batches consumed by the parent] */
  readonly consumed: Int32Array;
}

export type WaveWorkerMessage = { readonly kind: 'rows'; readonly batch: RowBatch } | { readonly kind: 'done'; readonly summary: WaveSummary };

function run(data: WaveWorkerData): void {
  const port = parentPort!;
  const { rows, summary } = generateWave(data.options);
  let posted = 0;
  const encoder = createRowBatchEncoder(data.batchSize);
  const post = () => {
    for (let consumed = Atomics.load(data.consumed, 0); posted - consumed >= data.ahead; consumed = Atomics.load(data.consumed, 0)) {
      Atomics.wait(data.consumed, 0, consumed);
    }
    const batch = encoder.take();
    port.postMessage({ kind: 'rows', batch } satisfies WaveWorkerMessage, [batch.numbers.buffer, batch.packed.buffer]);
    posted++;
  };
  for (const row of rows) {
    encoder.add(row);
    if (encoder.count === data.batchSize) post();
  }
  if (encoder.count > 0) post();
  port.postMessage({ kind: 'done', summary: { ...summary } } satisfies WaveWorkerMessage);
}

if (parentPort && workerData?.options) run(workerData as WaveWorkerData);
