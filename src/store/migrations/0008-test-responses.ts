import type { Kysely, Migration } from 'kysely';

/**
 * Test answers (issue 16 part 2): a researcher answering a draft or open wave through its test link stores a
 * response with `test = 1`. Every query that reads a wave's responses for results, monitor, cleaning, exports,
 * benchmarks, quotas or the publication threshold leaves them out (`counted-responses.ts`); the wave's page
 * counts them and deletes them in one click. Existing responses are not tests.
 */
export const m0008TestResponses: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .alterTable('responses')
      .addColumn('test', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.alterTable('responses').dropColumn('test').execute();
  },
};
