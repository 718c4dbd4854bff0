import { randomBytes } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { waveStudy } from '../../../analysis/wave-study.js';
import { AppError } from '../../../app-error.js';
import {
  convertResponses,
  csvResponseColumns,
  importResponsesCsv,
  isResponseSource,
  RESPONSE_SOURCES_WITH_MAPPING,
  type ConvertedResponses,
  type ImportResult,
  type ResponseSource,
} from '../../../exchange/index.js';
import { t } from '../../../messages/index.js';
import type { Wave } from '../../../store/index.js';
import { IMPORT_RESPONSES_JOB, runClaimedImport, ZImportJobPayload } from '../../jobs/import-job.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { importConfirmForm, importPreviewView, type ImportPreview } from '../../views/admin/import-preview-view.js';
import { importView, sourceName, type ImportPageOptions } from '../../views/admin/import-view.js';
import { html } from '../../views/html.js';
import { formOf, redirectTo, waveOfRequest } from './admin-helpers.js';

/** The largest response file the workspace takes. */
export const MAX_IMPORT_MEGABYTES = 512;
/** The largest mapping file (kept in the pending import's payload). */
export const MAX_MAPPING_BYTES = 2 * 1024 * 1024;
/** How long a previewed import waits for its confirmation before its file is deleted. */
export const IMPORT_CONFIRM_MS = 60 * 60_000;
/** The rejects a preview lists (all are counted). */
const PREVIEW_REJECTS = 100;

const ZFile = z.object({ filename: z.string(), bytes: z.instanceof(Buffer) });
const ZUpload = z.object({
  _csrf: z.string().optional(),
  source: z.string().max(40).default('csv'),
  skipInvalid: z.literal('1').optional(),
  file: ZFile.optional(),
  mapping: ZFile.optional(),
});
const ZConfirm = z.object({ pending: z.coerce.number().int().positive(), published: z.literal('1').optional() });

/** The uploaded file's own name, without a path (some browsers send one), for the page and the audit log. */
const baseName = (filename: string) => filename.split(/[\\/]/).pop()!.slice(0, 200) || 'upload';

/** A file part kept whole with its name (the body's `file` and `mapping` fields). */
async function onFile(this: FastifyRequest, part: MultipartFile): Promise<void> {
  (part as MultipartFile & { value: unknown }).value = { filename: part.filename, bytes: await part.toBuffer() };
}

/**
 * `/admin/waves/:waveId/import`: responses imported from a file of any kind in RESPONSE_SOURCES (our CSV
 * export's columns, or another tool's file converted to them by convertResponses, with a mapping file for
 * the sources in RESPONSE_SOURCES_WITH_MAPPING), in two steps:
 * - the upload is previewed: converted, then checked line by line by a dry run of importResponsesCsv (nothing
 *   stored); the page shows how each column is read, the lines, what would be imported and the rejects. The
 *   file is kept server-side for IMPORT_CONFIRM_MS as the input file of an import job held as
 *   `waiting-confirmation`; the confirmation form carries only that job's number (checked against the wave
 *   and the user who uploaded it) and the CSRF token;
 * - the confirmation imports: a file of at least LARGE_IMPORT_BYTES through the job queue (its page shows the
 *   progress, then the result), a smaller one at once, as the same job run here. Into a wave whose results
 *   are published, the confirmation needs the box that says so.
 * Every import is in the audit log (the job writes it: source, file name, counts, user). Analysts and owners only.
 */
export const responseImportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    onFile,
    limits: { fileSize: MAX_IMPORT_MEGABYTES * 1024 * 1024, files: 2, fields: 6, parts: 8, fieldSize: 1024 },
  });
  const analyse = { config: { permission: 'analyse' as const } };

  const page = (request: FastifyRequest, reply: FastifyReply, wave: Wave, options: ImportPageOptions & { status?: number } = {}) =>
    sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.import.title', { wave: wave.title }),
      wave,
      status: options.status,
      scripts: ['/static/admin-forms.js'],
      body: importView(request.lang, reply, wave, options),
    });

  app.get('/admin/waves/:waveId/import', analyse, async (request, reply) => page(request, reply, await waveOfRequest(app.store, request)));

  app.post('/admin/waves/:waveId/import', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const lang = request.lang;
    const parsed = ZUpload.safeParse(request.body ?? {});
    if (!parsed.success) throw new AppError('INVALID_INPUT', `${parsed.error.issues[0].path.join('.') || '(form)'}: ${parsed.error.issues[0].message}`);
    const { file, mapping, skipInvalid } = parsed.data;
    if (!isResponseSource(parsed.data.source)) return page(request, reply, wave, { error: t(lang, 'admin.import.badSource'), status: 400 });
    const source: ResponseSource = parsed.data.source;
    const name = sourceName(lang, source);
    const refuse = (error: string) => page(request, reply, wave, { error, source, status: 400 });
    if (!file || file.bytes.length === 0) return refuse(t(lang, 'admin.import.noFile'));
    const mappingBytes = mapping && mapping.bytes.length > 0 ? mapping.bytes : undefined;
    if (RESPONSE_SOURCES_WITH_MAPPING.has(source) && !mappingBytes) return refuse(t(lang, 'admin.import.mappingNeeded', { source: name }));
    if (!RESPONSE_SOURCES_WITH_MAPPING.has(source) && mappingBytes) return refuse(t(lang, 'admin.import.mappingRefused', { source: name }));
    if (mappingBytes && mappingBytes.length > MAX_MAPPING_BYTES)
      return refuse(t(lang, 'admin.import.unreadable', { source: name, reason: `mapping: more than ${MAX_MAPPING_BYTES} bytes` }));
    const now = app.clock();
    let columns: Omit<ConvertedResponses, 'csv'>;
    let result: ImportResult;
    try {
      const study = await waveStudy(app.store, wave);
      const converted = await convertResponses(source, study, file.bytes, { mapping: mappingBytes });
      columns = converted ?? csvResponseColumns(study, file.bytes);
      // every line checked and counted, the valid ones inserted then rolled back: nothing is stored
      result = await importResponsesCsv(app.store, wave, [converted ? converted.csv : file.bytes.toString('utf8')], {
        separator: converted ? ',' : undefined,
        skipInvalid: true,
        dryRun: true,
        now,
      });
    } catch (error) {
      if ((error instanceof AppError && error.code === 'INVALID_INPUT') || error instanceof SyntaxError)
        return refuse(t(lang, 'admin.import.unreadable', { source: name, reason: error.message }));
      throw error;
    }
    const fileName = baseName(file.filename);
    const wouldImport = result.rejectedCount === 0 || skipInvalid === '1' ? result.imported : 0;
    let pending: { id: number; expiresAt: string } | null = null;
    if (wouldImport > 0) {
      const expiresAt = new Date(now.getTime() + IMPORT_CONFIRM_MS);
      const held = await app.store.transaction(async (tx) => {
        const job = await tx.jobs.enqueue(
          {
            kind: IMPORT_RESPONSES_JOB,
            waveId: wave.id,
            awaitConfirmation: true,
            payload: { skipInvalid: skipInvalid === '1', userId: request.user!.id, fileName, source, mapping: mappingBytes?.toString('base64') ?? null },
            createdBy: request.user!.email,
          },
          now,
        );
        await tx.jobFiles.put({ jobId: job.id, role: 'input', name: fileName, contentType: 'application/octet-stream', bytes: file.bytes, expiresAt }, now);
        return job;
      });
      pending = { id: held.id, expiresAt: expiresAt.toISOString() };
    }
    const preview: ImportPreview = {
      fileName,
      source,
      columns: columns.columns,
      leftOut: columns.leftOut,
      unknown: columns.unknown,
      lines: result.lines,
      valid: result.imported,
      wouldImport,
      skipInvalid: skipInvalid === '1',
      rejected: result.rejected.slice(0, PREVIEW_REJECTS),
      rejectedCount: result.rejectedCount,
      pendingId: pending?.id ?? null,
      expiresAt: pending?.expiresAt ?? null,
    };
    return page(request, reply, wave, { before: importPreviewView(lang, reply, wave, preview), source });
  });

  app.post('/admin/waves/:waveId/import/confirm', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const lang = request.lang;
    const form = ZConfirm.safeParse(formOf(request));
    const job = form.success ? await app.store.jobs.get(form.data.pending) : undefined;
    const payload = job && ZImportJobPayload.safeParse(job.payload);
    // another user's or another wave's import is as unknown as one that does not exist
    if (!form.success || !job || job.kind !== IMPORT_RESPONSES_JOB || job.waveId !== wave.id || !payload?.success || payload.data.userId !== request.user!.id)
      return page(request, reply, wave, { error: t(lang, 'admin.import.unknownPending'), status: 404 });
    if (job.status === 'cancelled') return page(request, reply, wave, { error: t(lang, 'admin.import.expired'), status: 410 });
    const conflict = () => page(request, reply, wave, { error: t(lang, 'admin.import.alreadyConfirmed'), jobId: job.id, status: 409 });
    if (job.status !== 'waiting-confirmation') return conflict();
    const now = app.clock();
    const file = await app.store.jobFiles.info(job.id, 'input');
    if (!file || new Date(file.expiresAt).getTime() <= now.getTime()) {
      await app.store.jobs.cancel(job.id, now);
      return page(request, reply, wave, { error: t(lang, 'admin.import.expired'), status: 410 });
    }
    if (wave.status === 'published' && form.data.published !== '1')
      return page(request, reply, wave, {
        error: t(lang, 'admin.import.publishedRequired'),
        status: 400,
        before: html`<p class="warning">${t(lang, 'admin.import.publishedWarning')}</p>${importConfirmForm(lang, reply, wave, job.id)}`,
      });
    // the upload is kept for its job from now on, as any job's input file
    await app.store.jobFiles.keepUntil(job.id, 'input', new Date(now.getTime() + app.config.jobs.filesRetentionMs));
    if (file.size >= app.config.jobs.largeImportBytes) {
      if (!(await app.store.jobs.confirm(job.id, now))) return conflict();
      app.jobs.wake();
      return redirectTo(request, reply, `/admin/waves/${wave.id}/jobs/${job.id}`);
    }
    const owner = `import:${randomBytes(8).toString('hex')}`;
    const claimed = await app.store.jobs.claimConfirmed(job.id, { owner, leaseMs: app.config.jobs.leaseMs }, now);
    if (!claimed) return conflict();
    const done = await runClaimedImport(app.store, app.config, claimed, owner, () => app.clock());
    const outcome = done.result as { imported?: number; rejectedCount?: number } | null;
    return page(request, reply, wave, { result: done.result, jobId: done.id, status: !outcome?.imported && (outcome?.rejectedCount ?? 0) > 0 ? 400 : 200 });
  });
};
