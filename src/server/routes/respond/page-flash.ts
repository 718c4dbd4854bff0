import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Wave } from '../../../store/index.js';
import type { FormValues } from '../../views/respond/form-values.js';

/**
 * What a questionnaire POST hands to the GET it redirects to (POST/redirect/GET, see post-answers.ts):
 * the fields as typed and the errors of a page that was not accepted, or a notice. It travels in a signed,
 * short-lived, http-only cookie read once by the next GET of that page, so every page the browser keeps in
 * its history is a GET (Back and reload never ask to resubmit a form) and any server process can show it.
 */
export interface PageFlash {
  /** the page index it belongs to (study.pages.length for the review) */
  readonly page: number;
  readonly values?: FormValues;
  readonly errors?: readonly { readonly field: string; readonly question: string; readonly code: string; readonly params: Readonly<Record<string, string | number>> }[];
  /** a message key's text, already worded in the page's language */
  readonly notice?: string;
}

const ZPageFlash = z.object({
  page: z.number().int().min(0),
  values: z.record(z.string(), z.array(z.string())).optional(),
  errors: z.array(z.object({ field: z.string(), question: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).optional(),
  notice: z.string().optional(),
});

/** Browsers keep cookies up to 4096 bytes (name, value and attributes); past this the page is sent on the POST itself. */
const MAX_COOKIE_VALUE = 3600;
const FLASH_SECONDS = 600;

const flashCookie = (wave: Wave) => `rfl${wave.id}`;

/** Sets the flash for the next GET; false when it does not fit in a cookie (the caller then renders the page on the POST). */
export function writeFlash(reply: FastifyReply, wave: Wave, flash: PageFlash, secure: boolean): boolean {
  const value = deflateRawSync(JSON.stringify(flash)).toString('base64url');
  if (value.length > MAX_COOKIE_VALUE) return false;
  reply.setCookie(flashCookie(wave), value, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: FLASH_SECONDS });
  return true;
}

/** The flash the last POST left for this page, once: it is cleared as it is read (a reload shows the stored answers). */
export function readFlash(request: FastifyRequest, reply: FastifyReply, wave: Wave, page: number): PageFlash | undefined {
  const raw = request.cookies[flashCookie(wave)];
  if (raw === undefined) return undefined;
  reply.clearCookie(flashCookie(wave), { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const parsed = ZPageFlash.safeParse(JSON.parse(inflateRawSync(Buffer.from(unsigned.value, 'base64url'), { maxOutputLength: 1 << 20 }).toString()));
    return parsed.success && parsed.data.page === page ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
