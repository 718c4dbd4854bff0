import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../app-error.js';
import type { ResponseRecord, Store } from '../../../store/index.js';
import type { Access } from './resolve-access.js';
import { sendNotice, sendThanks } from './respond-pages.js';
import { benchmarkToken, type Outcome, type PostDeps } from './submission.js';

/** Whether this submission id was already written for the response (a repeated post): its recorded outcome. */
async function repeatedOutcome(store: Store, response: ResponseRecord, submissionId: string, page: number): Promise<Outcome | undefined> {
  try {
    const result = await store.responses.savePage({ responseId: response.id, submissionId, page, answers: {}, currentPage: response.currentPage });
    return result.kind === 'duplicate' ? ((result.outcome ?? {}) as Outcome) : undefined;
  } catch (error) {
    if (isAppError(error) && error.code === 'CONFLICT') return undefined;
    throw error;
  }
}

/**
 * A post on a link whose response is finished (`done`) or whose invitation was used (`used`). When the
 * submission id is the one that finished it (a double click on « send », a reload), the recorded outcome is
 * replayed: the same thanks page. Otherwise a used invitation is an invalid link (404) and a finished
 * response shows the thanks page with 409.
 */
export async function replaySubmission(deps: PostDeps, request: FastifyRequest, reply: FastifyReply, access: Extract<Access, { kind: 'used' | 'done' }>, submissionId: string) {
  const repeated = await repeatedOutcome(deps.store, access.response, submissionId, access.study.pages.length);
  if (repeated?.show === 'thanks') return sendThanks(request, reply, access.study, await benchmarkToken(deps, access.response, access.study));
  if (access.kind === 'used') return sendNotice(request, reply, 'badLink', 404);
  return sendThanks(request, reply, access.study, await benchmarkToken(deps, access.response, access.study), true, 409);
}
