import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import type { Lang } from '../report/format/lang.js';
import type { Store } from '../store/index.js';
import type { AppConfig } from './config.js';
import { cookieSigner } from './cookie-signer.js';
import { registerCsrf } from './csrf.js';
import { classifyError, registerErrorHandlers, sendError } from './error-handler.js';
import { langOfUrl, stripLangPrefix } from './i18n/localized-path.js';
import { ROUTE_PLUGINS } from './routes/index.js';
import { registerHostCheck } from './host-check.js';
import { JOB_HANDLERS } from './jobs/job-handlers.js';
import { createJobWorker, type JobWorker } from './jobs/job-worker.js';
import { databaseRateLimitStore, sharesCounters } from './rate-limit-store.js';
import { registerSecurity } from './security.js';
import { registerBackground } from './background.js';
import { siteUrl } from './site-url.js';

declare module 'fastify' {
  interface FastifyInstance {
    readonly store: Store;
    readonly config: AppConfig;
    /** the time source of time-based policies (login throttling, TOTP); tests inject one instead of sleeping */
    readonly clock: () => Date;
    /** true: publication warms the wave's results, dashboard and white paper in the background (AppDeps.warm) */
    readonly warmCaches: boolean;
    /** the job worker of this process (src/server/jobs/); running when `AppDeps.startJobWorker` */
    readonly jobs: JobWorker;
  }
  interface FastifyRequest {
    /** from the path: /en/… is English, everything else French */
    lang: Lang;
  }
}

export interface AppDeps {
  readonly store: Store;
  readonly config: AppConfig;
  /** true: one JSON line per request on stdout; an object to send them elsewhere (tests). Default false. */
  readonly logger?: boolean | { readonly stream: NodeJS.WritableStream; readonly level?: string };
  /** the time source of login throttling and TOTP checks; default the system clock */
  readonly clock?: () => Date;
  /** the route plugins; default ROUTE_PLUGINS (src/server/routes/index.ts) */
  readonly routes?: readonly FastifyPluginAsync[];
  /** warm a wave's results, dashboard and white paper in the background when it is published; default false (tests) */
  readonly warm?: boolean;
  /** runs the job worker in this process until the app closes (`barometre serve` passes config.jobs.worker); default false */
  readonly startJobWorker?: boolean;
}

/** Form posts (questionnaire pages, lead form); JSON bodies get Fastify's limit below. */
export const FORM_BODY_LIMIT = 256 * 1024;
export const JSON_BODY_LIMIT = 1024 * 1024;
const FALLBACK_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
const STATIC_ROOT = fileURLToPath(new URL('./static/', import.meta.url));

function loggerOption(logger: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  // requests are logged by the onResponse hook below; these serializers keep URLs (tokens) and bodies out
  const serializers = {
    req: (req: { method?: string }) => ({ method: req.method }),
    res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  };
  return logger === true ? { level: 'info', serializers } : { level: logger.level ?? 'info', stream: logger.stream, serializers };
}

/**
 * Builds the web app (not listening): security headers, cookies, forms, CSRF, opt-in rate limits,
 * static files under /static/, the /en language prefix, error pages, then every route plugin.
 */
export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app: FastifyInstance = Fastify({
    logger: loggerOption(deps.logger),
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'], // false, a hop count (works at run time) or a list of proxies: never true (config.ts)
    bodyLimit: JSON_BODY_LIMIT,
    requestTimeout: 60_000,
    return503OnClosing: true,
    rewriteUrl: (req) => stripLangPrefix(req.url ?? '/'),
    // errors before routing (a malformed URL): no hook has run, so the headers are set here
    frameworkErrors: (error, request, reply) => {
      const raw = request.raw as { originalUrl?: string; url?: string };
      request.lang = langOfUrl(raw.originalUrl ?? raw.url ?? '/');
      reply.headers(FALLBACK_SECURITY_HEADERS);
      return sendError(request, reply, classifyError(error));
    },
  });

  app.decorate('store', deps.store);
  app.decorate('config', config);
  app.decorate('clock', deps.clock ?? (() => new Date()));
  app.decorate('warmCaches', deps.warm ?? false);
  registerBackground(app);
  const jobs = createJobWorker({ store: deps.store, config, handlers: JOB_HANDLERS, clock: () => app.clock(), siteUrl: () => siteUrl(app), log: (entry) => app.log.info(entry) });
  app.decorate('jobs', jobs);
  if (deps.startJobWorker) {
    app.addHook('onReady', async () => jobs.start());
    app.addHook('onClose', async () => jobs.stop());
  }
  app.decorateRequest('lang', 'fr');
  app.addHook('onRequest', async (request) => {
    request.lang = langOfUrl(request.originalUrl);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? '(no route)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  registerErrorHandlers(app);
  await registerSecurity(app, config);
  registerHostCheck(app);
  await app.register(cookie, { secret: cookieSigner(config.secretKey) });
  await app.register(formbody, { bodyLimit: FORM_BODY_LIMIT });
  await registerCsrf(app, config);
  // on PostgreSQL (several nodes possible) the counters are in the database: one budget per installation
  await app.register(rateLimit, { global: false, ...(sharesCounters(app) && { store: databaseRateLimitStore(deps.store) }) });
  await app.register(fastifyStatic, { root: STATIC_ROOT, prefix: '/static/', index: false, list: false, maxAge: '1h' });

  for (const routes of deps.routes ?? ROUTE_PLUGINS) await app.register(routes);
  return app;
}
