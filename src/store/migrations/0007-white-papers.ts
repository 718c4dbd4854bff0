import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * The stored white papers (issue 18 part 6): the PDF of a published wave in one language, made once (at
 * publication or on the first download) and served from here afterwards. `cache_key` names what the bytes
 * were made from (the wave's data version, the results' key, the study version and the renderer's version):
 * a row whose key no longer matches is rebuilt. `etag` is the SHA-256 of the bytes.
 *
 * Numbered 0007 so that it runs after 0006 (the job queue of another branch) when both exist; it depends
 * on nothing but `waves`, so it also runs when 0006 does not.
 */
export const m0007WhitePapers: Migration = {
  async up(db: Kysely<any>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('white_papers')
      .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('cache_key', 'text', (c) => c.notNull())
      .addColumn('etag', 'text', (c) => c.notNull())
      .addColumn('pdf', t.blob, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('white_papers_pk', ['wave_id', 'lang'])
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.dropTable('white_papers').execute();
  },
};
