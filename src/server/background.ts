import type { FastifyInstance } from 'fastify';

/** Work started by this app after a reply (warming caches, building white papers), awaited when it closes. */
const pending = new WeakMap<FastifyInstance, Set<Promise<void>>>();
/** Apps that are closing: long background work stops between its steps. */
const closing = new WeakSet<FastifyInstance>();

/** Whether the app is closing: a background loop checks it between steps and stops early. */
export function isStopping(app: FastifyInstance): boolean {
  return closing.has(app);
}

/**
 * Runs `work` on a later turn of the event loop (`setImmediate`), outside the request that asked for it: its
 * failure is logged, never thrown at anyone. `app.close()` waits for what is still running (the store is
 * closed after the app). The job queue may take this work over later: each task is a plain function.
 */
export function runInBackground(app: FastifyInstance, name: string, work: () => Promise<unknown>): Promise<void> {
  const tasks = pending.get(app);
  if (!tasks) throw new Error('runInBackground: registerBackground(app) was not called by createApp');
  const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => app.log.warn({ err: error, task: name }, 'background task failed'),
    )
    .finally(() => tasks.delete(task));
  tasks.add(task);
  return task;
}

/** Keeps the app's background tasks and makes `app.close()` wait for them (createApp calls it). */
export function registerBackground(app: FastifyInstance): void {
  const tasks = new Set<Promise<void>>();
  pending.set(app, tasks);
  app.addHook('preClose', async () => {
    closing.add(app);
  });
  app.addHook('onClose', async () => {
    while (tasks.size > 0) await Promise.allSettled([...tasks]);
  });
}

/** Resolves once every background task of the app has ended (tests, benchmarks). */
export async function backgroundSettled(app: FastifyInstance): Promise<void> {
  const tasks = pending.get(app);
  while (tasks && tasks.size > 0) await Promise.allSettled([...tasks]);
}
