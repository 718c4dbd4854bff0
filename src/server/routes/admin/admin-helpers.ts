import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { JsonValue, Store, Wave } from '../../../store/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { siteUrl } from '../../site-url.js';

/** 303 to a workspace path in the request's language. */
export function redirectTo(request: FastifyRequest, reply: FastifyReply, path: string): FastifyReply {
  return reply.redirect(localizedPath(request.lang, path), 303);
}

/** Appends to the audit log as the signed-in user: who, what, on what, when. */
export async function audit(store: Store, request: FastifyRequest, action: string, target: string | null, details?: JsonValue): Promise<void> {
  await store.auditLog.append({ userId: request.user?.id ?? null, action, target, details });
}

const ZWaveParams = z.object({ waveId: z.coerce.number().int().positive() });

/** The wave of `/admin/waves/:waveId/…` (404 when absent). */
export async function waveOfRequest(store: Store, request: FastifyRequest): Promise<Wave> {
  const { waveId } = ZWaveParams.parse(request.params);
  return store.waves.getOrThrow(waveId);
}

/** A form body as a record of strings (repeated fields keep the last value). */
export function formOf(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value.at(-1) === 'string') out[key] = value.at(-1) as string;
  }
  return out;
}

/** The site's own base URL for links in e-mails: from the configuration only, never from the Host header (site-url.ts). */
export function baseUrl(request: FastifyRequest): string {
  return siteUrl(request.server);
}
