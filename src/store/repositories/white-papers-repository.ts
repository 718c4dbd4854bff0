import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

/** A white paper as stored: the PDF of one published wave in one language, and what it was made from. */
export interface StoredWhitePaper {
  readonly waveId: number;
  readonly lang: string;
  /** what the bytes were made from; a paper whose key differs from the current one is out of date */
  readonly cacheKey: string;
  /** the SHA-256 of the bytes (base64url), the download's ETag */
  readonly etag: string;
  readonly pdf: Buffer;
  readonly createdAt: string;
}

/** The stored white papers, one per (wave, language), replaced when their results change. */
export function createWhitePapersRepository({ db }: StoreContext) {
  return {
    /** The paper stored for this wave and language, whatever its key, else undefined. */
    async get(waveId: number, lang: string): Promise<StoredWhitePaper | undefined> {
      const row = await db.selectFrom('whitePapers').selectAll().where('waveId', '=', waveId).where('lang', '=', lang).executeTakeFirst();
      return row && Object.freeze({ ...row, pdf: Buffer.isBuffer(row.pdf) ? row.pdf : Buffer.from(row.pdf) });
    },

    /** Stores (or replaces) the paper of this wave and language. */
    async put(paper: Omit<StoredWhitePaper, 'createdAt'>, now = new Date()): Promise<void> {
      const createdAt = isoTime(now);
      const { waveId, lang, cacheKey, etag, pdf } = paper;
      await db
        .insertInto('whitePapers')
        .values({ waveId, lang, cacheKey, etag, pdf, createdAt })
        .onConflict((oc) => oc.columns(['waveId', 'lang']).doUpdateSet({ cacheKey, etag, pdf, createdAt }))
        .execute();
    },

    /** Drops a wave's papers (its results changed); returns how many. */
    async clear(waveId: number): Promise<number> {
      const result = await db.deleteFrom('whitePapers').where('waveId', '=', waveId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** The languages stored for a wave, with their keys (for the workspace and tests). */
    async list(waveId: number): Promise<{ lang: string; cacheKey: string; etag: string; bytes: number; createdAt: string }[]> {
      const rows = await db.selectFrom('whitePapers').select(['lang', 'cacheKey', 'etag', 'pdf', 'createdAt']).where('waveId', '=', waveId).orderBy('lang').execute();
      return rows.map(({ pdf, ...row }) => ({ ...row, bytes: pdf.length }));
    },
  };
}

export type WhitePapersRepository = ReturnType<typeof createWhitePapersRepository>;
