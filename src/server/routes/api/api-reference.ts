import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import { t } from '../../../messages/index.js';
import { OPENAPI_DOCUMENT } from './openapi-document.js';

const ACCESSIBLE_CSS = `.swagger-ui .topbar { display: none; }
.swagger-ui .info .title small { background-color: #4a5561; }
.swagger-ui .info .title small.version-stamp { background-color: #2f5d0c; }
.swagger-ui .info .url, .swagger-ui .info a { color: #1d4e89; }
.swagger-ui .opblock .opblock-summary-method, .swagger-ui .opblock.opblock-get .opblock-summary-method { background-color: #1d4e89; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #4a5561; }
`;

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
      // no deep links: Swagger UI puts their anchors inside each operation's button (nested controls)
      uiConfig: { validatorUrl: null, deepLinking: false, tryItOutEnabled: false },
      theme: {
        title: t('en', 'apiReference.title'),
        // WCAG contrast for Swagger UI's own colours (white on light green or light blue), and no top bar: it
        // holds only Swagger's logo (an image without a text alternative) and a field to load another document
        css: [{ filename: 'accessible.css', content: ACCESSIBLE_CSS }],
        favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: readFileSync(new URL('../../static/favicon.svg', import.meta.url)) }],
      },
      transformStaticCSP: (header) => `${header.replace(/;?\s*$/, '')}; style-src-attr 'unsafe-inline'`,
    });
  });
};
