import type { FastifyPluginAsync } from 'fastify';
import { installRequireUser } from '../../auth/require-user.js';
import type { ThrottlePolicy } from '../../auth/login-throttle.js';
import { auditRoutes } from './audit-log.js';
import { loginRoutes } from './login.js';
import { userRoutes } from './users.js';
import { waveRoutes } from './waves.js';

export interface AdminRoutesOptions {
  /** login throttling (tests shorten the delays) */
  readonly throttle?: ThrottlePolicy;
}

/**
 * The researcher workspace under /admin. Every route is private (no-store) and needs a session, except the
 * login pages; each declares the permission it needs (`config.permission`, default 'read').
 */
export function createAdminRoutes(options: AdminRoutesOptions = {}): FastifyPluginAsync {
  return async (app) => {
    installRequireUser(app);
    await app.register(loginRoutes(options.throttle));
    await app.register(waveRoutes);
    await app.register(userRoutes);
    await app.register(auditRoutes);
  };
}

export const adminRoutes: FastifyPluginAsync = createAdminRoutes();
