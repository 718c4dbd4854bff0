import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { storeStudyFile } from '../../../exchange/index.js';
import { catalogue, t, typography, type MessageKey } from '../../../messages/index.js';
import { diffStudies, formatStudyChange, interfaceLanguageWarnings, studyIssuesIn, studyText, validateStudy, ZStudyId, type StudyChangeKind } from '../../../study/index.js';
import { csrfToken } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { studyEditorView } from '../../views/admin/study-editor-view.js';
import { previewLink } from '../../views/admin/test-answers-view.js';
import { editorScript } from './study-editor-script.js';

/** The largest study document the editor sends (texts and an inlined logo). */
const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const ZStudyParams = z.object({ studyId: ZStudyId });
/** The id the editor of a new study takes in its URL (`/admin/studies/new`). */
const RESERVED_STUDY_ID = 'new';
const ZValidateBody = z.strictObject({ document: z.unknown() });
/** `baseVersion`: the version the editor started from, null for a new study. */
const ZSaveBody = z.strictObject({ document: z.unknown(), baseVersion: z.number().int().positive().nullable() });

/** An empty study to start from: one page with one question, in the request's language. */
function emptyStudy(lang: string): Record<string, unknown> {
  const text = (s: string) => ({ [lang]: s });
  return {
    id: '',
    version: 1,
    title: text(''),
    description: text(''),
    languages: [lang],
    estimatedMinutes: 5,
    privacyNotice: text(''),
    pages: [
      {
        id: 'p1',
        title: text(''),
        questions: [
          {
            kind: 'single',
            name: 'q1',
            text: text(''),
            required: true,
            options: [
              { code: 1, label: text('') },
              { code: 2, label: text('') },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * Every message of the editor (`admin.editor.*`, and the words of study changes) in a language, for the
 * script: templates with their `{placeholders}`, set in the language's typography.
 */
function editorMessages(lang: FastifyRequest['lang']): Record<string, string> {
  const messages = catalogue(lang);
  return Object.fromEntries(
    (Object.keys(messages) as MessageKey[]).filter((k) => k.startsWith('admin.editor.')).map((k) => [k.slice('admin.editor.'.length), typography(lang, messages[k])] as const),
  );
}

/** A body parsed as JSON, or an INVALID_INPUT naming what is wrong with it. */
function bodyOf<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_INPUT', `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The questionnaire editor (`/admin/studies/:studyId/edit`, `/admin/studies/new`): a page whose script
 * (`/admin/study-editor.js`) edits the study document as a form, asks `/admin/studies/editor/validate`
 * as it goes (the same checks as `barometre study validate`, each error with its path) and saves through
 * `/admin/studies/editor/save`, which validates again and stores a new version (stored versions are
 * never changed: a wave keeps its own), answering the diff with the version the editor started from.
 * JSON endpoints, CSRF token in the `x-csrf-token` header; analysts and owners only.
 */
export const studyEditorRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };
  const json = { ...analyse, bodyLimit: MAX_DOCUMENT_BYTES };

  app.get('/admin/study-editor.js', analyse, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(editorScript()));

  const editorPage = (request: FastifyRequest, reply: FastifyReply, data: { studyId?: string; baseVersion: number | null; document: unknown; usedBy: readonly string[] }) => {
    const lang = request.lang;
    const title = data.studyId ? t(lang, 'admin.editor.title', { id: data.studyId }) : t(lang, 'admin.editor.newTitle');
    return sendAdminPage(request, reply, {
      title,
      scripts: ['/admin/study-editor.js'],
      body: studyEditorView(lang, {
        title,
        studyId: data.studyId,
        config: {
          lang,
          studyId: data.studyId ?? null,
          baseVersion: data.baseVersion,
          document: data.document,
          usedBy: data.usedBy,
          csrf: csrfToken(reply),
          urls: {
            validate: localizedPath(lang, '/admin/studies/editor/validate'),
            save: localizedPath(lang, '/admin/studies/editor/save'),
            study: localizedPath(lang, '/admin/studies/'),
            preview: data.studyId ? localizedPath(lang, `/admin/studies/${data.studyId}/preview`) : null,
          },
          messages: editorMessages(lang),
        },
      }),
    });
  };

  app.get('/admin/studies/new', analyse, async (request, reply) => editorPage(request, reply, { baseVersion: null, document: emptyStudy(request.lang), usedBy: [] }));

  app.get('/admin/studies/:studyId/edit', analyse, async (request, reply) => {
    const { studyId } = ZStudyParams.parse(request.params);
    const latest = await app.store.studies.latestVersion(studyId);
    if (!latest) throw new AppError('NOT_FOUND', `study ${studyId} is not stored`);
    const waves = (await app.store.waves.list(studyId)).filter((w) => w.studyVersionId === latest.id);
    return editorPage(request, reply, { studyId, baseVersion: latest.version, document: latest.document, usedBy: waves.map((w) => w.code) });
  });

  app.post('/admin/studies/editor/validate', json, async (request) => {
    const { document } = bodyOf(ZValidateBody, request.body);
    const result = validateStudy(document);
    // each error in the request's language, beside its field
    return { ok: result.ok, errors: studyIssuesIn(request.lang, result.errors), warnings: result.ok ? interfaceLanguageWarnings(result.study, request.lang) : [] };
  });

  app.post('/admin/studies/editor/save', json, async (request, reply) => {
    const { document, baseVersion } = bodyOf(ZSaveBody, request.body);
    const lang = request.lang;
    const result = validateStudy(document);
    if (!result.ok) return reply.code(400).send({ ok: false, errors: studyIssuesIn(lang, result.errors) });
    const studyId = result.study.id;
    const latest = await app.store.studies.latestVersion(studyId);
    // `/admin/studies/new` is the editor of a new study: a study of that id would have no page of its own
    if (baseVersion === null && studyId === RESERVED_STUDY_ID)
      return reply.code(400).send({ ok: false, errors: [{ path: 'id', message: t(lang, 'admin.editor.idReserved', { id: studyId }) }] });
    if (baseVersion === null && latest) {
      return reply.code(409).send({ ok: false, errors: [{ path: 'id', message: t(lang, 'admin.editor.idTaken', { id: studyId }) }] });
    }
    if (baseVersion !== null && !latest) throw new AppError('NOT_FOUND', `study ${studyId} is not stored`);
    if (baseVersion !== null && latest && latest.version !== baseVersion) {
      return reply.code(409).send({
        ok: false,
        conflict: true,
        latestVersion: latest.version,
        errors: [{ path: '(document)', message: t(lang, 'admin.editor.conflict', { n: latest.version, base: baseVersion }) }],
      });
    }
    const outcome = await storeStudyFile(app.store, {
      text: JSON.stringify(document),
      format: 'native',
      mode: baseVersion === null ? 'add' : 'update',
      userId: request.user!.id,
      via: 'workspace',
      now: app.clock(),
    });
    if (outcome.kind === 'invalid') return reply.code(400).send({ ok: false, errors: studyIssuesIn(lang, outcome.errors) });
    if (outcome.kind === 'exists' || outcome.kind === 'missing') throw new AppError('CONFLICT', `study ${studyId} changed while it was saved; save again`);
    const words = (kind: StudyChangeKind, params: Record<string, string | number>) => t(lang, `admin.studies.change.${kind}`, params);
    const stored = outcome.stored;
    let changes: string[] = [];
    if (outcome.kind === 'created' && outcome.previous) changes = outcome.previous.diff.changes.map((c) => formatStudyChange(c, words));
    else if (outcome.kind === 'created' && latest) {
      const before = validateStudy(latest.document);
      if (before.ok) changes = diffStudies(before.study, outcome.study).changes.map((c) => formatStudyChange(c, words));
    }
    const waves = latest ? (await app.store.waves.list(studyId)).filter((w) => w.studyVersionId === latest.id).map((w) => w.code) : [];
    return reply.code(outcome.kind === 'created' ? 201 : 200).send({
      ok: true,
      kind: outcome.kind,
      studyId,
      version: stored.version,
      previousVersion: latest?.version ?? null,
      keptBy: waves,
      changes,
      document: stored.document,
      title: studyText(result.study, result.study.title, lang),
      urls: {
        study: localizedPath(lang, `/admin/studies/${studyId}`),
        edit: localizedPath(lang, `/admin/studies/${studyId}/edit`),
        preview: previewLink(lang, studyId, stored.version),
      },
    });
  });
};
