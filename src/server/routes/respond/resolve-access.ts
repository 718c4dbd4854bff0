import type { FastifyRequest } from 'fastify';
import { waveStudy } from '../../../analysis/wave-study.js';
import type { Invitation, ResponseRecord, Store, Wave } from '../../../store/index.js';
import type { Study } from '../../../study/index.js';
import type { RespondSecrets } from './respond-secrets.js';

/** How the respondent came: an invitation token, or the open link (with a resume id or a cookie). */
export type Credential =
  | { readonly kind: 'invitation'; readonly token: string; readonly invitation: Invitation }
  /** `test`: a signed-in researcher's test link (`?test=1`): its response is stored as a test, never counted */
  | { readonly kind: 'open'; readonly publicId?: string; readonly test?: boolean };

export type Access =
  /** no such study or wave */
  | { readonly kind: 'not-found' }
  | { readonly kind: 'closed'; readonly wave: Wave }
  /** unknown token, a token of another wave, unknown resume id: one page for all */
  | { readonly kind: 'bad-link'; readonly wave: Wave }
  /** an invitation whose response is complete: shown as bad-link, but a repeated final post still gets its thanks */
  | { readonly kind: 'used'; readonly wave: Wave; readonly study: Study; readonly credential: Credential; readonly response: ResponseRecord }
  /** the open link, when this browser (cookie) or resume id already holds a complete response */
  | { readonly kind: 'done'; readonly wave: Wave; readonly study: Study; readonly credential: Credential; readonly response: ResponseRecord }
  | { readonly kind: 'ok'; readonly wave: Wave; readonly study: Study; readonly credential: Credential; readonly response?: ResponseRecord };

/**
 * Wave lookups for a second: every page of every respondent reads the wave, and a status change (closing
 * the fieldwork) may take that long to show. Unknown waves are not cached.
 */
export function cachedWaveLookup(store: Store, ttlMs = 1000): (studyId: string, code: string) => Promise<Wave | undefined> {
  const cache = new Map<string, { wave: Wave; at: number }>();
  return async (studyId, code) => {
    const key = `${studyId}\u0000${code}`;
    const hit = cache.get(key);
    const now = Date.now();
    if (hit && now - hit.at < ttlMs) return hit.wave;
    const wave = await store.waves.getByCode(studyId, code);
    if (wave) cache.set(key, { wave, at: now });
    else cache.delete(key);
    if (cache.size > 1000) cache.delete(cache.keys().next().value!);
    return wave;
  };
}

/** The cookie that remembers an open-link response; a test response has its own, so a test never resumes a real answer. */
export const responseCookie = (wave: Wave, test = false) => `rsp${wave.id}${test ? 't' : ''}`;

/** Whether a wave takes test answers (test link, signed-in researcher): while a draft and in fieldwork, whatever its dates. */
export const isTestable = (wave: Wave): boolean => wave.status === 'draft' || wave.status === 'fieldwork';

/** Whether a wave takes answers now: in fieldwork and between its opening and closing times (when set). */
export function isOpen(wave: Wave, now: () => Date): boolean {
  if (wave.status !== 'fieldwork') return false;
  if (wave.opensAt === null && wave.closesAt === null) return true; // the usual case: no clock needed
  const at = now().toISOString();
  return (wave.opensAt === null || wave.opensAt <= at) && (wave.closesAt === null || wave.closesAt > at);
}

const queryText = (request: FastifyRequest, name: string): string | undefined => {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value.slice(0, 200) : undefined;
};

/**
 * Finds the wave, checks it is in fieldwork and inside its opening window at `now` (the app's clock), and
 * identifies the respondent. An unknown token and a used one run the same two queries (token hash, then the
 * invitation's response) and give one answer.
 */
export async function resolveAccess(
  store: Store,
  secrets: RespondSecrets,
  request: FastifyRequest,
  studyId: string,
  code: string,
  now: () => Date,
  findWave: (studyId: string, code: string) => Promise<Wave | undefined> = (s, c) => store.waves.getByCode(s, c),
  mode: { readonly test: boolean } = { test: false },
): Promise<Access> {
  const wave = await findWave(studyId, code);
  if (!wave) return { kind: 'not-found' };
  if (mode.test) return testAccess(store, request, wave);
  if (!isOpen(wave, now)) return { kind: 'closed', wave };
  const study = await waveStudy(store, wave);

  const token = queryText(request, 't');
  if (token !== undefined) {
    const invitation = await store.invitations.getByTokenHash(secrets.tokenHash(token));
    const valid = invitation !== undefined && invitation.waveId === wave.id;
    const response = await store.responses.getByInvitation(valid ? invitation.id : -1);
    if (!valid) return { kind: 'bad-link', wave };
    const credential: Credential = { kind: 'invitation', token, invitation };
    if (response?.status === 'complete') return { kind: 'used', wave, study, credential, response };
    return { kind: 'ok', wave, study, credential, response };
  }

  const resumeId = queryText(request, 'r');
  const cookie = request.cookies[responseCookie(wave)];
  const fromCookie = cookie === undefined ? undefined : request.unsignCookie(cookie);
  const publicId = resumeId ?? (fromCookie?.valid ? (fromCookie.value ?? undefined) : undefined);
  if (publicId === undefined) return { kind: 'ok', wave, study, credential: { kind: 'open' } };
  const response = await store.responses.getByPublicId(publicId);
  const mine = response !== undefined && response.waveId === wave.id && response.invitationId === null && !response.test;
  if (!mine) return resumeId !== undefined ? { kind: 'bad-link', wave } : { kind: 'ok', wave, study, credential: { kind: 'open' } };
  const credential: Credential = { kind: 'open', publicId };
  return response.status === 'complete' ? { kind: 'done', wave, study, credential, response } : { kind: 'ok', wave, study, credential, response };
}

/**
 * The test link (`?test=1`, the caller has checked the signed-in researcher): a draft or open wave, the open
 * credential marked `test`, resumed from its own cookie or `?r=` of a test response only. A finished test is
 * shown as done on its end page (`?p=done`) and on a repeated final post; any other visit starts a new test.
 */
async function testAccess(store: Store, request: FastifyRequest, wave: Wave): Promise<Access> {
  if (!isTestable(wave)) return { kind: 'closed', wave };
  const study = await waveStudy(store, wave);
  const resumeId = queryText(request, 'r');
  const cookie = request.cookies[responseCookie(wave, true)];
  const fromCookie = cookie === undefined ? undefined : request.unsignCookie(cookie);
  const publicId = resumeId ?? (fromCookie?.valid ? (fromCookie.value ?? undefined) : undefined);
  const fresh: Access = { kind: 'ok', wave, study, credential: { kind: 'open', test: true } };
  if (publicId === undefined) return fresh;
  const response = await store.responses.getByPublicId(publicId);
  const mine = response !== undefined && response.waveId === wave.id && response.test;
  if (!mine) return resumeId !== undefined ? { kind: 'bad-link', wave } : fresh;
  const credential: Credential = { kind: 'open', publicId, test: true };
  if (response.status !== 'complete') return { kind: 'ok', wave, study, credential, response };
  const finished = request.method === 'POST' || queryText(request, 'p') === 'done';
  return finished ? { kind: 'done', wave, study, credential, response } : fresh;
}
