import type { Kysely, Migration } from 'kysely';

/** The roles of the first document format, in the banner order it implied. */
const LEGACY_ROLES = ['size', 'sector', 'region', 'function'];

type Doc = Record<string, unknown> & { pages?: { questions?: Record<string, unknown>[] }[] };

/**
 * Rewrites a study document of the first format, where single-choice questions carried a `profile` role,
 * into the current one: the role questions become the study's cuts and weighting margins (in role order),
 * and the `size` one its benchmark's peer group when the study has maturity dimensions. A document without
 * roles is returned unchanged (null).
 */
export function upgradeStudyDocument(doc: Doc): Doc | null {
  const byRole = new Map<string, string>();
  for (const page of doc.pages ?? []) {
    for (const q of page.questions ?? []) {
      if (typeof q.profile !== 'string') continue;
      if (!byRole.has(q.profile)) byRole.set(q.profile, String(q.name));
      delete q.profile;
    }
  }
  if (byRole.size === 0) return null;
  const names = LEGACY_ROLES.filter((r) => byRole.has(r)).map((r) => byRole.get(r)!);
  doc.cuts ??= names.map((variable) => ({ variable }));
  doc.margins ??= names;
  const size = byRole.get('size');
  if (size && Array.isArray(doc.maturity) && doc.maturity.length > 0) doc.benchmark ??= { peerGroups: [{ variable: size }] };
  return doc;
}

/**
 * Studies become generic: stored documents of the first format are upgraded (see upgradeStudyDocument);
 * waves get an explicit place in their series (`series_order`, for codes without opening dates); leads keep
 * the answers to the study's own form fields (`fields`, JSON).
 */
export const m0003GenericStudies: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('waves').addColumn('series_order', 'integer').execute();
    await db.schema.alterTable('leads').addColumn('fields', 'text').execute();
    const rows = await db.selectFrom('study_versions').select(['id', 'document']).execute();
    for (const row of rows as { id: number; document: string }[]) {
      const upgraded = upgradeStudyDocument(JSON.parse(row.document) as Doc);
      if (upgraded)
        await db
          .updateTable('study_versions')
          .set({ document: JSON.stringify(upgraded) })
          .where('id', '=', row.id)
          .execute();
    }
  },

  async down(db: Kysely<any>) {
    await db.schema.alterTable('leads').dropColumn('fields').execute();
    await db.schema.alterTable('waves').dropColumn('series_order').execute();
  },
};
