import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Answers } from '../../../study/index.js';

/** What a preview keeps between its pages: the answers so far and the furthest page reached. */
export interface PreviewState {
  readonly answers: Answers;
  readonly reached: number;
}

/** The largest cookie value kept (browsers keep at least 4,096 bytes per cookie, name and signature included). */
export const MAX_PREVIEW_COOKIE = 3_600;

const ZState = z.object({ answers: z.record(z.string(), z.unknown()), reached: z.number().int().min(0).max(10_000) });
const EMPTY: PreviewState = Object.freeze({ answers: {}, reached: 0 });

/** One cookie per study version previewed, so two previews in two tabs do not mix their answers. */
export const previewCookie = (studyId: string, version: number) => `pv-${studyId}-${version}`;

/**
 * The preview's answers, kept in the researcher's browser and nowhere else: a signed cookie (the app's cookie
 * secret) holding the answers as deflated JSON. Nothing of a preview reaches the database, so it needs no wave
 * and works on any node. A missing, altered or unreadable cookie is a new preview.
 */
export function readPreview(request: FastifyRequest, name: string): PreviewState {
  const cookie = request.cookies[name];
  if (cookie === undefined) return EMPTY;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return EMPTY;
  try {
    const parsed = ZState.safeParse(JSON.parse(inflateRawSync(Buffer.from(unsigned.value, 'base64url'), { maxOutputLength: 1 << 20 }).toString('utf8')));
    return parsed.success ? (parsed.data as PreviewState) : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Keeps the preview's answers; false (nothing written) when they are too long for a cookie. */
export function writePreview(reply: FastifyReply, name: string, state: PreviewState, secure: boolean): boolean {
  const value = deflateRawSync(Buffer.from(JSON.stringify(state), 'utf8')).toString('base64url');
  if (value.length > MAX_PREVIEW_COOKIE) return false;
  reply.setCookie(name, value, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure });
  return true;
}

/** Forgets the preview's answers (start again, or the end of the preview). */
export function clearPreview(reply: FastifyReply, name: string, secure: boolean): void {
  reply.clearCookie(name, { httpOnly: true, sameSite: 'lax', path: '/', secure });
}
