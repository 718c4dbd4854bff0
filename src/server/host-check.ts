import type { FastifyInstance } from 'fastify';
import { AppError } from '../app-error.js';

/** Paths a load balancer probes by address, whatever Host it sends. */
const PROBES = new Set(['/healthz', '/readyz']);

/** The host part of a Host header, lower case, without its port (`[::1]:80` → `::1`). */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(1, value.indexOf(']'));
  return value.replace(/:\d*$/, '');
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * When PUBLIC_URL is set, a request must name it in its Host header (or X-Forwarded-Host from a trusted
 * proxy, as Fastify reads it): another name answers 400. Loopback names stay allowed for
 * the operator on the machine and for local probes; /healthz and /readyz accept any name. Links are never
 * built from Host anyway (src/server/site-url.ts): this closes DNS rebinding and cache poisoning by Host.
 */
export function registerHostCheck(app: FastifyInstance): void {
  const publicUrl = app.config.publicUrl;
  if (!publicUrl) return;
  const expected = new URL(publicUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  app.addHook('onRequest', async (request) => {
    if (PROBES.has(request.url.split('?')[0]!)) return;
    const name = hostName(request.host ?? '');
    if (name === expected || LOOPBACK.has(name)) return;
    throw new AppError('INVALID_INPUT', `this site answers for ${expected}, not for the host "${name.slice(0, 100)}"`, { host: name.slice(0, 100) });
  });
}
