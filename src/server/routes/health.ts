import type { FastifyPluginAsync } from 'fastify';
import { databaseUnavailable } from '../../store/index.js';
import { markPrivate } from '../security.js';

/** /readyz gives up on the database after this long: a load balancer's probe must not hang. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * Probes for a load balancer or an orchestrator, answered as small JSON documents, never cached:
 * - `GET /healthz`: the process is up and serving (200), whatever the database does; restart it when this fails;
 * - `GET /readyz`: 200 when the database answers within READINESS_TIMEOUT_MS and every migration of this code
 *   is applied; 503 otherwise (`reason`: the outage, or `migrations-pending` with their names); send it no
 *   traffic meanwhile.
 */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async (_request, reply) => {
    markPrivate(reply);
    return { status: 'ok' };
  });

  app.get('/readyz', async (request, reply) => {
    markPrivate(reply);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('readiness probe timed out'), { code: 'ETIMEDOUT' })), READINESS_TIMEOUT_MS);
      });
      const { pendingMigrations } = await Promise.race([app.store.readiness(), timeout]);
      if (pendingMigrations.length > 0) return reply.code(503).send({ status: 'unavailable', reason: 'migrations-pending', pendingMigrations });
      return { status: 'ready' };
    } catch (error) {
      const unavailable = databaseUnavailable(error);
      request.log.warn({ reason: unavailable?.reason ?? 'unknown', code: unavailable?.code }, 'not ready');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ status: 'unavailable', reason: unavailable?.reason ?? 'database-error' });
    } finally {
      clearTimeout(timer);
    }
  });
};
