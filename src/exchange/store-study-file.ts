import type { JsonValue, Store, StudyVersion } from '../store/index.js';
import { diffStudies, validateStudy, type Study, type StudyDiff, type StudyIssue } from '../study/index.js';
import { readStudyBytes, readStudyFile, type StudyFileFormat } from './study-file.js';

export interface StoreStudyFileInput {
  /** the file's text (for the text formats) */
  readonly text?: string;
  /** the file's bytes (an XLSForm .xlsx needs them; any format may be given so) */
  readonly bytes?: Uint8Array;
  readonly format: StudyFileFormat;
  /** 'add': a new study (refused when its id is stored); 'update': a new version of a stored study */
  readonly mode: 'add' | 'update';
  /** the study id an import takes, and the id a native document must carry (both optional) */
  readonly studyId?: string;
  /** store an import even when a construct left out changes who sees what */
  readonly acceptLosses?: boolean;
  /** who stores it, for the audit log (null from the command line) */
  readonly userId: number | null;
  /** where from, for the audit log: 'cli' or 'workspace' */
  readonly via: 'cli' | 'workspace';
  readonly now?: Date;
}

/** What storing a study file did. Nothing is stored unless kind is 'created'. */
export type StoreStudyFileOutcome =
  | { readonly kind: 'invalid'; readonly errors: readonly StudyIssue[]; readonly warnings: readonly string[] }
  /** add: the study is already stored (update it instead) */
  | { readonly kind: 'exists'; readonly studyId: string; readonly latestVersion: number; readonly warnings: readonly string[] }
  /** update: the study is not stored (add it first) */
  | { readonly kind: 'missing'; readonly studyId: string; readonly warnings: readonly string[] }
  /** the document is the latest version's: nothing written */
  | { readonly kind: 'unchanged'; readonly stored: StudyVersion; readonly warnings: readonly string[] }
  | {
      readonly kind: 'created';
      readonly stored: StudyVersion;
      readonly study: Study;
      /** the version it follows, and what changed since (absent for a new study) */
      readonly previous?: { readonly version: number; readonly diff: StudyDiff };
      readonly warnings: readonly string[];
    };

/**
 * The document as stored: texts of every label (and the unit) in the order of the study's languages, so
 * that a file whose labels list the same texts in another order is the same document.
 */
function canonical(value: unknown, languages: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (!value || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const isLabel = keys.length > 0 && keys.every((k) => languages.includes(k));
  const ordered = isLabel ? languages.filter((lang) => keys.includes(lang)) : keys;
  return Object.fromEntries(ordered.map((k) => [k, canonical((value as Record<string, unknown>)[k], languages)]));
}

/** The audit action of a stored file: `study.import` for a converted questionnaire, else `study.add` / `study.update`. */
export function studyAuditAction(format: StudyFileFormat, mode: 'add' | 'update'): string {
  return format === 'native' ? `study.${mode}` : 'study.import';
}

/**
 * Stores a study file as a new version: reads and converts it (`readStudyFile`), validates it, then, in one
 * transaction, checks that the study is new ('add') or stored ('update'), saves the document as the next
 * version and appends an audit entry (action, study, version, format; no personal data). The version
 * number is the store's: the document's `version` field is replaced by it, so the file's own number is
 * ignored and a stored document always carries its version. A document identical to the latest version
 * (apart from that number, the order of its fields and of the languages of its texts) stores nothing
 * ('unchanged'). Stored versions are never modified: waves keep
 * theirs.
 */
export async function storeStudyFile(store: Store, input: StoreStudyFileInput): Promise<StoreStudyFileOutcome> {
  const reading = input.bytes
    ? await readStudyBytes(input.bytes, input.format, { studyId: input.studyId, acceptLosses: input.acceptLosses === true })
    : readStudyFile(input.text ?? '', input.format, { studyId: input.studyId, acceptLosses: input.acceptLosses === true });
  const warnings = reading.warnings;
  if (!reading.ok) return { kind: 'invalid', errors: reading.errors, warnings };
  const study = reading.study;
  const now = input.now ?? new Date();
  return store.transaction(async (tx): Promise<StoreStudyFileOutcome> => {
    const latest = await tx.studies.latestVersion(study.id);
    if (input.mode === 'add' && latest) return { kind: 'exists', studyId: study.id, latestVersion: latest.version, warnings };
    if (input.mode === 'update' && !latest) return { kind: 'missing', studyId: study.id, warnings };
    const withVersion = (version: number) => canonical(JSON.parse(JSON.stringify({ ...study, version })), study.languages) as JsonValue;
    const saved = await tx.studies.saveVersion(study.id, withVersion, now);
    if (saved.kind === 'unchanged') return { kind: 'unchanged', stored: saved.studyVersion, warnings };
    const stored = saved.studyVersion;
    const storedStudy = { ...study, version: stored.version };
    let previous: { version: number; diff: StudyDiff } | undefined;
    if (latest) {
      const before = validateStudy(latest.document);
      // a stored version that no longer validates (an older format) has no diff rather than a wrong one
      if (before.ok) previous = { version: latest.version, diff: diffStudies(before.study, storedStudy) };
    }
    await tx.auditLog.append(
      {
        userId: input.userId,
        action: studyAuditAction(input.format, input.mode),
        target: `study:${study.id}`,
        details: { version: stored.version, format: input.format, mode: input.mode, via: input.via, ...(latest ? { previousVersion: latest.version } : {}) },
      },
      now,
    );
    return { kind: 'created', stored, study: storedStudy, previous, warnings };
  });
}
