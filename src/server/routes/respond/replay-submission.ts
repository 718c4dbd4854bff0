import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../app-error.js';
import type { ResponseRecord, Store } from '../../../store/index.js';
import type { Access } from './resolve-access.js';
import { redirectToPage } from './page-location.js';
import { sendThanks } from './respond-pages.js';
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
 * submission id is the one that finished it (a double click on « send », a repeated post), the recorded
 * outcome is replayed: 303 to the same end page. Otherwise (an old form posted again) the page says the
 * questionnaire was already answered, with the benchmark link again, and 409.
 */
export async function replaySubmission(deps: PostDeps, request: FastifyRequest, reply: FastifyReply, access: Extract<Access, { kind: 'used' | 'done' }>, submissionId: string) {
  const repeated = await repeatedOutcome(deps.store, access.response, submissionId, access.study.pages.length);
  const token = await benchmarkToken(deps, access.response, access.study);
  if (repeated?.show === 'thanks') return redirectToPage(request, reply, 'done');
  return sendThanks(request, reply, access.study, token, access.kind === 'used' ? 'alreadyInvitation' : 'already', 409);
}
