import type { Lang } from '../../../report/format/lang.js';
import type { Lead, Store } from '../../../store/index.js';
import { contentLanguage, labelIn, validateStudy, type Study } from '../../../study/index.js';

/** A column of the leads table for one of the study's form fields. */
export interface LeadFieldColumn {
  readonly id: string;
  /** the field's label in the page's language (the study's, when it has it); the id for a field the study no longer declares */
  readonly label: string;
  /** option code -> label, for a choice */
  readonly options?: ReadonlyMap<number, string>;
}

/** One study's leads with the columns they need. */
export interface LeadGroup {
  readonly studyId: string;
  readonly title: string;
  /** the BCP 47 tag of the title and labels */
  readonly lang: string;
  readonly fields: readonly LeadFieldColumn[];
  /** whether some lead has the company, job title or size columns of the form before studies declared theirs */
  readonly legacy: boolean;
  /** newest first */
  readonly leads: readonly Lead[];
}

/**
 * The field columns of a study's leads: the fields its latest version declares, in order, then any field
 * id found in a stored lead that the study no longer declares (named by its id, so no answer is hidden).
 */
export function leadFieldColumns(study: Study | undefined, leads: readonly Lead[], lang: string): LeadFieldColumn[] {
  const tag = study ? contentLanguage(study, lang) : lang;
  const columns: LeadFieldColumn[] = (study?.leadForm ?? []).map((f) => ({
    id: f.id,
    label: labelIn(f.label, tag),
    options: f.options && new Map(f.options.map((o) => [o.code, labelIn(o.label, tag)])),
  }));
  const known = new Set(columns.map((c) => c.id));
  for (const lead of leads) {
    for (const id of Object.keys(lead.fields ?? {})) {
      if (!known.has(id)) {
        known.add(id);
        columns.push({ id, label: id });
      }
    }
  }
  return columns;
}

/** A lead's answer to a field as text: a choice's label (its code when the study no longer has it), else the text. */
export function leadFieldText(column: LeadFieldColumn, lead: Lead): string {
  const value = lead.fields?.[column.id];
  if (value === undefined) return '';
  if (typeof value === 'number') return column.options?.get(value) ?? String(value);
  return value;
}

const newestFirst = (a: Lead, b: Lead) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id);

/** The leads of every study that has some (or of `studyId` only), grouped by study, with their columns. */
export async function loadLeadGroups(store: Store, lang: Lang, studyId?: string): Promise<LeadGroup[]> {
  const groups: LeadGroup[] = [];
  for (const summary of await store.studies.list()) {
    if (studyId !== undefined && summary.studyId !== studyId) continue;
    const leads = [...(await store.leads.list(summary.studyId))].sort(newestFirst);
    if (leads.length === 0) continue;
    const version = await store.studies.latestVersion(summary.studyId);
    const validated = version ? validateStudy(version.document) : undefined;
    const study = validated?.ok ? validated.study : undefined;
    const tag = study ? contentLanguage(study, lang) : lang;
    groups.push({
      studyId: summary.studyId,
      title: study ? labelIn(study.title, tag) : summary.studyId,
      lang: tag,
      fields: leadFieldColumns(study, leads, lang),
      legacy: leads.some((l) => l.company !== null || l.jobTitle !== null || l.companySize !== null),
      leads,
    });
  }
  return groups;
}
