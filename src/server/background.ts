import type { FastifyInstance, FastifyReply } from 'fastify';

/** The app's background work: what is running, and whether the app is closing. */
interface BackgroundTasks {
  readonly running: Set<Promise<void>>;
  stopping: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** work started after a reply (warming caches, building white papers); see runInBackground */
    readonly backgroundTasks: BackgroundTasks;
  }
}

/** Keeps the app's background tasks and makes `app.close()` wait for them (createApp calls it). */
export function registerBackground(app: FastifyInstance): void {
  const tasks: BackgroundTasks = { running: new Set(), stopping: false };
  app.decorate('backgroundTasks', { getter: () => tasks });
  app.addHook('preClose', async () => {
    tasks.stopping = true;
  });
  app.addHook('onClose', async () => {
    while (tasks.running.size > 0) await Promise.allSettled([...tasks.running]);
  });
}

/** Whether the app is closing: a background loop checks it between steps and stops early. */
export function isStopping(app: FastifyInstance): boolean {
  return app.backgroundTasks.stopping;
}

/**
 * Runs `work` on a later turn of the event loop (`setImmediate`; with `after`, once that reply has been
 * sent), outside the request that asked for it: its
 * failure is logged, never thrown at anyone. `app.close()` waits for what is still running (the store is
 * closed after the app). The job queue may take this work over later: each task is a plain function.
 */
export function runInBackground(app: FastifyInstance, name: string, work: () => Promise<unknown>, options: { readonly after?: FastifyReply } = {}): Promise<void> {
  const { running } = app.backgroundTasks;
  // started once the reply has left (its last bytes handed to the system): CPU-heavy steps must not hold it back
  const raw = options.after?.raw;
  const start = raw && !raw.writableFinished ? new Promise<void>((resolve) => (raw.once('finish', resolve), raw.once('close', resolve))) : Promise.resolve();
  const task: Promise<void> = start
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(work)
    .then(
      () => undefined,
      (error: unknown) => app.log.warn({ err: error, task: name }, 'background task failed'),
    )
    .finally(() => running.delete(task));
  running.add(task);
  return task;
}

/** Resolves once every background task of the app has ended (tests, benchmarks). */
export async function backgroundSettled(app: FastifyInstance): Promise<void> {
  const { running } = app.backgroundTasks;
  while (running.size > 0) await Promise.allSettled([...running]);
}
