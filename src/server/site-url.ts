import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * The site's base URL for links in e-mails and resume links, from the configuration only (never from the
 * request's Host header, which anyone can forge): PUBLIC_URL, or, when it is unset (allowed only for a server
 * listening on localhost when it sends mail, see loadConfig), the address the server listens on.
 */
export function siteUrl(app: FastifyInstance): string {
  const { publicUrl, host, port } = app.config;
  if (publicUrl) return publicUrl;
  const address = app.server.address() as AddressInfo | null;
  const listening = address && typeof address === 'object' ? address.port : port;
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${listening}`;
}
