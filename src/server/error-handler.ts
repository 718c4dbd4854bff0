import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppErrorCode } from '../app-error.js';
import type { MessageKey } from '../messages/index.js';
import { databaseUnavailable } from '../store/index.js';
import { t } from '../messages/index.js';
import { localizedPath } from './i18n/localized-path.js';
import { markPrivate } from './security.js';
import { html } from './views/html.js';
import { sendPage } from './views/send-page.js';

/** The one table from application error codes to HTTP statuses. */
export const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = Object.freeze({
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
});

/** Codes for 4xx statuses Fastify and its plugins raise themselves (body too large, CSRF, rate limit, …). */
const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export interface ErrorOutcome {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** our own wording (AppError, zod), fit to show the user on a 4xx page */
  readonly showMessage: boolean;
  /** the database could not serve (lost connection, restart, timeout, busy, disk full): a "try again" page */
  readonly databaseUnavailable?: boolean;
}

interface ZodLikeError {
  name: string;
  issues: { path: PropertyKey[]; message: string; code: string }[];
}

function isZodError(error: unknown): error is ZodLikeError {
  const e = error as Partial<ZodLikeError> | null;
  return typeof e === 'object' && e !== null && e.name === 'ZodError' && Array.isArray(e.issues);
}

/** What an error becomes in a response. Unknown errors and 5xx become INTERNAL (500) without their message. */
export function classifyError(error: unknown): ErrorOutcome {
  if (isAppError(error)) {
    return { status: HTTP_STATUS[error.code], code: error.code, message: error.message, details: error.details, showMessage: true };
  }
  if (isZodError(error)) {
    const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
    const first = issues[0];
    const message = first ? `${first.path || '(input)'}: ${first.message}` : 'invalid input';
    return { status: 400, code: 'INVALID_INPUT', message, details: { issues }, showMessage: true };
  }
  const unavailable = databaseUnavailable(error);
  if (unavailable !== undefined) {
    return {
      status: 503,
      code: 'UNAVAILABLE',
      message: 'the database is unavailable; try again in a moment',
      details: { reason: unavailable.reason },
      showMessage: false,
      databaseUnavailable: true,
    };
  }
  const statusCode = (error as Partial<FastifyError> | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const fastifyCode = (error as FastifyError).code;
    return {
      status: statusCode,
      code: CODE_OF_STATUS[statusCode] ?? 'BAD_REQUEST',
      message: (error as Error).message,
      details: typeof fastifyCode === 'string' ? { reason: fastifyCode } : {},
      showMessage: false,
    };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error', details: {}, showMessage: false };
}

function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

/** Retry-After of a 503 for an unavailable database: a restart or failover usually takes a few seconds. */
const RETRY_AFTER_SECONDS = '5';

const PAGE_STATUSES = new Set([400, 401, 403, 404, 409, 410, 413, 415, 429, 500, 503]);

/** Sends the error as JSON on /api/ paths and as a polite page in the request's language elsewhere. */
export function sendError(request: FastifyRequest, reply: FastifyReply, outcome: ErrorOutcome, errorId?: string) {
  markPrivate(reply.code(outcome.status));
  if (outcome.databaseUnavailable) reply.header('retry-after', RETRY_AFTER_SECONDS);
  if (isApiRequest(request)) {
    const details = errorId ? { ...outcome.details, errorId } : outcome.details;
    return reply.type('application/json; charset=utf-8').send({ error: { code: outcome.code, message: outcome.message, details } });
  }
  const lang = request.lang;
  const pageStatus = PAGE_STATUSES.has(outcome.status) ? outcome.status : outcome.status >= 500 ? 500 : 400;
  const title = t(lang, `error.${pageStatus}.title` as MessageKey);
  const text = outcome.databaseUnavailable ? t(lang, 'error.database.text') : t(lang, `error.${pageStatus}.text` as MessageKey);
  const body = html`<section class="error-page">
  <h1>${title}</h1>
  <p>${text}</p>
  ${outcome.showMessage && outcome.status < 500 ? html`<p class="error-detail">${outcome.message}</p>` : null}
  ${errorId ? html`<p class="error-reference">${t(lang, 'error.reference', { id: errorId })}</p>` : null}
  <p><a class="button" href="${localizedPath(lang, '/')}">${t(lang, 'error.back')}</a></p>
</section>`;
  return sendPage(request, reply, { title, body, status: outcome.status });
}

/**
 * Installs the error handler and the not-found handler. Unknown errors get an id, are logged with it
 * (name, code, message, stack: never the request body or query) and become a 500 page showing the id.
 */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const outcome = classifyError(error);
    let errorId: string | undefined;
    if (outcome.databaseUnavailable) {
      // an outage, not a bug: the driver's code and our reason, never the statement or its parameters
      errorId = randomUUID();
      const e = error as Partial<FastifyError>;
      request.log.warn({ errorId, route: request.routeOptions.url, reason: outcome.details.reason, code: e?.code ?? databaseUnavailable(error)?.code }, 'database unavailable');
    } else if (outcome.status >= 500) {
      errorId = randomUUID();
      const e = error as Partial<FastifyError>;
      request.log.error({ errorId, route: request.routeOptions.url, error: { name: e?.name, code: e?.code, message: e?.message, stack: e?.stack } }, 'unhandled error');
    }
    if (reply.sent) return;
    return sendError(request, reply, outcome, errorId);
  });

  app.setNotFoundHandler((request, reply) => {
    return sendError(request, reply, { status: 404, code: 'NOT_FOUND', message: 'no such page', details: {}, showMessage: false });
  });
}
