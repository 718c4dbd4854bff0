import { sql, type Selectable } from 'kysely';
import { toJson } from '../json.js';
import type { ResponsesTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { toResponseRecord } from './response-record.js';
import type { SavePageInput, SavePageResult } from './save-page.js';

/**
 * PostgreSQL's page save in ONE statement, one round trip instead of five (begin, insert the submission,
 * read the response for update, write it, commit), for the common case: a page that neither completes the
 * response nor packs its answers. The submission row is inserted from the response row, locked FOR NO KEY
 * UPDATE (READ COMMITTED re-reads its latest version after waiting), only while the response exists and is
 * not complete; the response is updated only when that insert happened, with the answers merged in SQL (jsonb
 * `||`, then `-` for the removed keys) and the page's duration added. One statement is one transaction: both
 * rows change, or neither.
 *
 * Returns undefined when nothing was written, for the caller's transactional path to tell why: the same
 * submission id came before (its outcome is returned), the response is missing (NOT_FOUND) or complete
 * (CONFLICT). Also undefined for answers PostgreSQL's jsonb refuses (a NUL character, here or already stored:
 * error 22P05, after which nothing was written), which the transactional path stores as text. Only outside a
 * transaction: inside one, that error would abort the caller's transaction.
 */
/** untranslatable_character / unsupported Unicode escape: jsonb holds no NUL */
const JSONB_REFUSED = '22P05';

export async function savePageInOneStatement(ctx: StoreContext, input: SavePageInput, at: string): Promise<SavePageResult | undefined> {
  const answers = toJson(input.answers)!;
  if (ctx.db.isTransaction || answers.includes('\\u0000')) return undefined;
  const page = String(input.page);
  const durationMs = input.pageDurationMs ?? null;
  const query = sql<Selectable<ResponsesTable>>`
    with inserted as (
      insert into submissions (submission_id, response_id, page, outcome, created_at)
      select ${input.submissionId}, r.id, ${input.page}, ${toJson(input.outcome ?? null)}, ${at}
      from responses r where r.id = ${input.responseId} and r.status <> 'complete'
      for no key update
      on conflict (submission_id) do nothing
      returning response_id
    )
    update responses set
      answers = ((answers::jsonb || ${answers}::jsonb) - ${[...(input.removeKeys ?? [])]}::text[])::text,
      page_durations = case when ${durationMs}::float8 is null then coalesce(page_durations, '{}')
        else jsonb_set(coalesce(page_durations::jsonb, '{}'::jsonb), array[${page}::text],
          to_jsonb(coalesce((page_durations::jsonb ->> ${page}::text)::float8, 0) + ${durationMs}::float8))::text end,
      current_page = ${input.currentPage},
      updated_at = ${at}
    where id = (select response_id from inserted)
    returning *`;
  let rows: Selectable<ResponsesTable>[];
  try {
    ({ rows } = await query.execute(ctx.db));
  } catch (error) {
    if ((error as { code?: unknown }).code === JSONB_REFUSED) return undefined;
    throw error;
  }
  const [row] = rows;
  return row === undefined ? undefined : { kind: 'saved', response: toResponseRecord(row), outcome: input.outcome ?? null };
}
