import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { storedStudy } from '../../../analysis/stored-study.js';
import { storeStudyFile, STUDY_FILE_FORMATS, type StoreStudyFileOutcome } from '../../../exchange/index.js';
import type { Store } from '../../../store/index.js';
import { BUILT_IN_STUDIES, diffStudies, studyText, validateStudy, ZStudyId } from '../../../study/index.js';
import { can } from '../../auth/roles.js';
import { t } from '../../../messages/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { studiesView, type StudyRow, type UploadReport } from '../../views/admin/studies-view.js';
import { studyDiffView, studyView, type StudyVersionRow, type UploadOutcome } from '../../views/admin/study-view.js';

/** The largest study file the workspace accepts. */
export const MAX_STUDY_FILE_MEGABYTES = 5;

const ZUpload = z.object({
  format: z.enum(STUDY_FILE_FORMATS).default('native'),
  studyId: z
    .union([z.literal(''), ZStudyId])
    .optional()
    .transform((v) => v || undefined),
  file: z.instanceof(Buffer).optional(),
  acceptLosses: z.literal('1').optional(),
});
const ZStudyParams = z.object({ studyId: ZStudyId });
const ZVersion = z.coerce.number().int().positive();

/** The title of a stored document in the request's language, or its id when it does not validate. */
function titleOf(document: unknown, studyId: string, lang: FastifyRequest['lang']): string {
  const result = validateStudy(document);
  return result.ok ? studyText(result.study, result.study.title, lang) : studyId;
}

async function studyRows(store: Store, lang: FastifyRequest['lang']): Promise<StudyRow[]> {
  const [studies, waves] = await Promise.all([store.studies.list(), store.waves.list()]);
  return Promise.all(
    studies.map(async (s) => {
      const versions = await store.studies.listVersions(s.studyId);
      const latest = await store.studies.getVersionById(s.latestVersionId);
      const numberOf = new Map(versions.map((v) => [v.id, v.version]));
      return {
        studyId: s.studyId,
        title: titleOf(latest?.document, s.studyId, lang),
        latestVersion: s.latestVersion,
        versionCount: versions.length,
        waves: waves.filter((w) => w.studyId === s.studyId).map((w) => ({ id: w.id, code: w.code, version: numberOf.get(w.studyVersionId) ?? 0 })),
      };
    }),
  );
}

/** The upload's fields; a missing or empty file is an error of the report, not an exception. */
function uploadOf(request: FastifyRequest): { format: (typeof STUDY_FILE_FORMATS)[number]; studyId?: string; bytes?: Uint8Array; acceptLosses: boolean } {
  const parsed = ZUpload.safeParse(request.body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_INPUT', `${issue.path.join('.') || '(form)'}: ${issue.message}`);
  }
  const { format, studyId, file, acceptLosses } = parsed.data;
  return { format, studyId, bytes: file && file.length > 0 ? file : undefined, acceptLosses: acceptLosses === '1' };
}

/**
 * The workspace's studies: `/admin/studies` (every study, its versions and waves; add one from a file),
 * `/admin/studies/:studyId` (versions, downloads, diffs; upload a new version), the diff between two
 * versions and a version's JSON download. Everyone signed in reads; analysts and owners upload
 * (multipart, with the CSRF token in a form field). Invalid files are a 400 page with every error and its
 * path, and nothing is stored.
 */
export const studyRoutes: FastifyPluginAsync = async (app) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_STUDY_FILE_MEGABYTES * 1024 * 1024, files: 1, fields: 8, parts: 10, fieldSize: 1024 },
  });
  const analyse = { config: { permission: 'analyse' as const } };

  const listPage = async (request: FastifyRequest, reply: FastifyReply, report?: UploadReport, status?: number) => {
    const rows = await studyRows(app.store, request.lang);
    const builtIn = BUILT_IN_STUDIES.map((s) => s.id).filter((id) => !rows.some((r) => r.studyId === id));
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.studies.title'),
      status,
      body: studiesView(request.lang, reply, { rows, builtIn, canUpload: can(request.user!.role, 'analyse'), maxMegabytes: MAX_STUDY_FILE_MEGABYTES, report }),
    });
  };

  const studyPage = async (request: FastifyRequest, reply: FastifyReply, studyId: string, outcome?: UploadOutcome, status?: number) => {
    const versions = await app.store.studies.listVersions(studyId);
    if (versions.length === 0) throw new AppError('NOT_FOUND', `study ${studyId} is not stored`);
    const latest = await app.store.studies.getVersion(studyId, versions.at(-1)!.version);
    const waves = await app.store.waves.list(studyId);
    const rows: StudyVersionRow[] = versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      waves: waves.filter((w) => w.studyVersionId === v.id).map((w) => ({ id: w.id, code: w.code })),
    }));
    const title = titleOf(latest?.document, studyId, request.lang);
    return sendAdminPage(request, reply, {
      title,
      status,
      body: studyView(request.lang, reply, { studyId, title, versions: rows, canUpload: can(request.user!.role, 'analyse'), maxMegabytes: MAX_STUDY_FILE_MEGABYTES, outcome }),
    });
  };

  const noFile = (request: FastifyRequest): UploadReport => ({ errors: [{ path: 'file', message: t(request.lang, 'admin.studies.invalid.noFile') }] });

  app.get('/admin/studies', async (request, reply) => listPage(request, reply));

  app.post('/admin/studies', analyse, async (request, reply) => {
    const upload = uploadOf(request);
    if (upload.bytes === undefined) return listPage(request, reply, noFile(request), 400);
    const outcome = await storeStudyFile(app.store, {
      bytes: upload.bytes,
      acceptLosses: upload.acceptLosses,
      format: upload.format,
      mode: 'add',
      studyId: upload.studyId,
      userId: request.user!.id,
      via: 'workspace',
    });
    if (outcome.kind === 'invalid') return listPage(request, reply, { errors: outcome.errors, warnings: outcome.warnings }, 400);
    if (outcome.kind === 'exists') return listPage(request, reply, { exists: { studyId: outcome.studyId, version: outcome.latestVersion }, warnings: outcome.warnings }, 409);
    return studyPage(request, reply, studyIdOf(outcome), uploadOutcome(outcome), outcome.kind === 'created' ? 201 : 200);
  });

  app.get('/admin/studies/:studyId', async (request, reply) => {
    const { studyId } = ZStudyParams.parse(request.params);
    return studyPage(request, reply, studyId);
  });

  app.post('/admin/studies/:studyId/versions', analyse, async (request, reply) => {
    const { studyId } = ZStudyParams.parse(request.params);
    if (!(await app.store.studies.latestVersion(studyId))) throw new AppError('NOT_FOUND', `study ${studyId} is not stored`);
    const upload = uploadOf(request);
    if (upload.bytes === undefined) return studyPage(request, reply, studyId, { kind: 'invalid', report: noFile(request) }, 400);
    const outcome = await storeStudyFile(app.store, {
      bytes: upload.bytes,
      acceptLosses: upload.acceptLosses,
      format: upload.format,
      mode: 'update',
      studyId,
      userId: request.user!.id,
      via: 'workspace',
    });
    if (outcome.kind === 'invalid') return studyPage(request, reply, studyId, { kind: 'invalid', report: { errors: outcome.errors, warnings: outcome.warnings } }, 400);
    return studyPage(request, reply, studyId, uploadOutcome(outcome), outcome.kind === 'created' ? 201 : 200);
  });

  app.get('/admin/studies/:studyId/diff', async (request, reply) => {
    const { studyId } = ZStudyParams.parse(request.params);
    const { from, to } = z.object({ from: ZVersion, to: ZVersion }).parse(request.query);
    const [before, after] = await Promise.all([storedStudy(app.store, studyId, from), storedStudy(app.store, studyId, to)]);
    const diff = diffStudies(before.study, after.study);
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.studies.diff.title', { from, to, id: studyId }),
      body: studyDiffView(request.lang, studyId, diff),
    });
  });

  app.get('/admin/studies/:studyId/versions/:version/download', async (request, reply) => {
    const { studyId, version } = z.object({ studyId: ZStudyId, version: ZVersion }).parse(request.params);
    const stored = await app.store.studies.getVersion(studyId, version);
    if (!stored) throw new AppError('NOT_FOUND', `study ${studyId} has no version ${version}`);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${studyId}-v${version}.json"`)
      .send(JSON.stringify(stored.document, null, 2) + '\n');
  });
};

function studyIdOf(outcome: Exclude<StoreStudyFileOutcome, { kind: 'invalid' }>): string {
  return 'stored' in outcome ? outcome.stored.studyId : outcome.studyId;
}

function uploadOutcome(outcome: Exclude<StoreStudyFileOutcome, { kind: 'invalid' }>): UploadOutcome {
  // an add that finds the study stored, or an update that does not, is checked before; a concurrent change is a conflict
  if (outcome.kind === 'missing' || outcome.kind === 'exists') throw new AppError('CONFLICT', `study ${outcome.studyId} changed while the file was stored; try again`);
  if (outcome.kind === 'unchanged') return { kind: 'unchanged', version: outcome.stored.version, warnings: outcome.warnings };
  return { kind: 'created', version: outcome.stored.version, previous: outcome.previous, warnings: outcome.warnings };
}
