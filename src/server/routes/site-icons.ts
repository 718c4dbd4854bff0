import type { FastifyPluginAsync } from 'fastify';

/**
 * The site's icons at the addresses browsers and platforms ask for without reading the page:
 * `/favicon.ico` (16, 32 and 48 px PNG images in one ICO file, served as image/vnd.microsoft.icon) and `/apple-touch-icon.png` (180 px). The
 * pages link them and `/static/favicon.svg` (`layout.ts`). Files of `static/`, made from favicon.svg.
 */
export const siteIconRoutes: FastifyPluginAsync = async (app) => {
  app.get('/favicon.ico', (_request, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('favicon.ico'));
  app.get('/apple-touch-icon.png', (_request, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('apple-touch-icon.png'));
};
