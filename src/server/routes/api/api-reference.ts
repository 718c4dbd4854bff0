import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { t } from '../../../messages/index.js';
import { OPENAPI_DOCUMENT } from './openapi-document.js';

/** Where the human reference of the API lives (Swagger UI, its files served from this server). */
export const API_REFERENCE_PATH = '/api/reference';

/**
 * The API reference for people: Swagger UI at `/api/reference`, reading our OpenAPI document (static mode:
 * the document is ours, not generated from the routes), every file of the interface served from this server
 * (`/api/reference/static/…`, from the @fastify/swagger-ui package; nothing from a CDN). The page keeps the
 * site's CSP (scripts from 'self' only, no inline script; Swagger UI's page has none); the one relaxation,
 * on these pages only, is `style-src-attr 'unsafe-inline'`: Swagger UI's React components set style
 * attributes (widths, hidden panels), which the nonce policy would otherwise drop. The validator badge (an
 * image from validator.swagger.io) is turned off.
 */
export const apiReferenceRoutes: FastifyPluginAsync = async (app) => {
  await app.register(async (scope) => {
    await scope.register(swagger, { mode: 'static', specification: { document: structuredClone(OPENAPI_DOCUMENT) as never } });
    await scope.register(swaggerUi, {
      routePrefix: API_REFERENCE_PATH,
      uiConfig: { validatorUrl: null, deepLinking: true, tryItOutEnabled: false },
      theme: {
        title: t('en', 'apiReference.title'),
        favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: readFileSync(new URL('../../static/favicon.svg', import.meta.url)) }],
      },
      transformStaticCSP: (header) => `${header.replace(/;?\s*$/, '')}; style-src-attr 'unsafe-inline'`,
    });
  });
};
