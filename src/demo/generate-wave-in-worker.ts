import { Worker } from 'node:worker_threads';
import type { BulkResponse } from '../store/index.js';
import type { GenerateWaveOptions, WaveSummary } from './generate-wave.js';
import { decodeRowBatch } from './row-batch.js';
import type { WaveWorkerData, WaveWorkerMessage } from './wave-worker.js';

/** Rows per message from the worker, and how many messages it may run ahead of the inserter. */
const BATCH = 500;
const AHEAD = 32;

// The worker loads wave-worker.js from dist/ (npm run build), or wave-worker.ts under tsx. Node 20 does not
// pass the TypeScript hooks of tsx (`--import tsx`) on to workers: when the import fails on the .ts
// extension, the bootstrap registers tsx in the worker and imports again (under another URL: a failed
// import is cached).
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.entry).catch(async (error) => {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !workerData.tsx) throw error;
  (await import(workerData.tsx)).register();
  await import(workerData.entry + '?tsx');
});`;

/** The worker's entry beside this file: the TypeScript source under tsx, the compiled file in dist/ (npm run build). */
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./wave-worker.ts', import.meta.url) : new URL('./wave-worker.js', import.meta.url);

/** tsx's registration API, for a worker that cannot load TypeScript otherwise (null when not installed). */
function tsxApi(): string | null {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return null;
  }
}

/**
 * `generateWave` run in a worker thread: the same rows, byte for byte, with answers and page durations
 * as JSON text (`answersJson`, `pageDurationsJson`), generated while the caller inserts the previous
 * ones, so that a wave of a million responses uses both cores. `summary` is complete once `rows` is
 * consumed. An error in the worker (an invalid response) rejects the iteration; leaving the iteration
 * early stops the worker.
 */
export function generateWaveInWorker(options: GenerateWaveOptions): { rows: AsyncIterable<BulkResponse>; summary: WaveSummary } {
  const summary: WaveSummary = { generated: 0, complete: 0, partial: 0, speeders: 0, straightLiners: 0, validated: 0 };
  return { rows: rowsOf(options, summary), summary };
}

async function* rowsOf(options: GenerateWaveOptions, summary: WaveSummary): AsyncGenerator<BulkResponse> {
  const consumed = new Int32Array(new SharedArrayBuffer(4));
  const data: WaveWorkerData & { entry: string; tsx: string | null } = {
    options,
    batchSize: BATCH,
    ahead: AHEAD,
    consumed,
    entry: WORKER_ENTRY.href,
    tsx: tsxApi(),
  };
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: data });
  const queue: WaveWorkerMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: WaveWorkerMessage) => {
    queue.push(message);
    signal();
  });
  worker.on('error', (error) => {
    failure = error;
    signal();
  });
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0) failure ??= new Error(`generateWaveInWorker: the worker of ${options.year} exited with code ${code}`);
    signal();
  });
  try {
    for (;;) {
      const message = queue.shift();
      if (message === undefined) {
        if (failure) throw failure;
        if (exited) throw new Error(`generateWaveInWorker: the worker of ${options.year} stopped before its summary`);
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (message.kind === 'done') {
        Object.assign(summary, message.summary);
        return;
      }
      Atomics.add(consumed, 0, 1);
      Atomics.notify(consumed, 0);
      yield* decodeRowBatch(message.batch);
    }
  } finally {
    if (!exited) await worker.terminate();
  }
}
