import type { SavePageInput, SavePageResult, Store } from '../../../store/index.js';

/** How long the unsafe mode keeps a page's transaction open after answering. */
const COMMIT_DELAY_MS = 25;

/**
 * TEST ONLY (BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1, which config.ts accepts under NODE_ENV=test only): saves a page the wrong way, resolving with
 * the result while its transaction is still open and committing only a moment later, so the respondent is
 * answered before the page is durable. The crash test uses it as its negative control: a server killed in
 * that moment loses acknowledged answers, and the test must notice.
 */
export function saveAckBeforeCommit(store: Store, input: SavePageInput): Promise<SavePageResult> {
  return new Promise<SavePageResult>((resolve, reject) => {
    store
      .transaction(async (tx) => {
        resolve(await tx.responses.savePage(input));
        await new Promise((done) => setTimeout(done, COMMIT_DELAY_MS));
      })
      .catch(reject);
  });
}
