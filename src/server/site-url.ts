import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from './config.js';

/**
 * The site's base URL for links in e-mails and resume links, from the configuration only (never from the
 * request's Host header, which anyone can forge): PUBLIC_URL, or, when it is unset (allowed only for a server
 * listening on localhost when it sends mail, see loadConfig), the address the server listens on.
 */
export function siteUrl(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | null;
  return configuredSiteUrl(app.config, address && typeof address === 'object' ? address.port : undefined);
}

/**
 * The same from the configuration alone, for code that runs without a request or a listening server (the job
 * worker): PUBLIC_URL, or the configured host and port (`listeningPort` when the server listens elsewhere).
 */
export function configuredSiteUrl(config: Pick<AppConfig, 'publicUrl' | 'host' | 'port'>, listeningPort?: number): string {
  const { publicUrl, host, port } = config;
  if (publicUrl) return publicUrl;
  const listening = listeningPort ?? port;
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${listening}`;
}
