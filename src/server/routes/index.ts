import type { FastifyPluginAsync } from 'fastify';
import { adminRoutes } from './admin/index.js';
import { healthRoutes } from './health.js';
import { apiRoutes } from './api/index.js';
import { homeRoutes } from './public/home.js';
import { benchmarkRoutes } from './public/benchmark.js';
import { resultsRoutes } from './public/results.js';
import { whitePaperRoutes } from './public/white-paper.js';
import { respondRoutes } from './respond/respond-routes.js';
import { siteIconRoutes } from './site-icons.js';

/**
 * Every route plugin of the app, registered in this order by createApp. Add yours in one line.
 * A plugin receives the app with `app.store` and `app.config`.
 */
export const ROUTE_PLUGINS: readonly FastifyPluginAsync[] = [
  healthRoutes,
  siteIconRoutes,
  homeRoutes,
  resultsRoutes,
  apiRoutes,
  respondRoutes,
  whitePaperRoutes,
  benchmarkRoutes,
  adminRoutes,
];
