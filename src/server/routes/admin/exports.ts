import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { t } from '../../../messages/index.js';
import type { Wave } from '../../../store/index.js';
import { DOWNLOAD_FORMATS, exportFileSpec, writeExportFile, ZExportQuery, type ExportFileSpec, type ExportQuery } from '../../export-file.js';
import { EXPORT_JOB } from '../../jobs/export-job.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { exportAsJobView } from '../../views/admin/export-job-view.js';
import { audit, formOf, redirectTo, waveOfRequest } from './admin-helpers.js';

const ZJobId = z.coerce.number().int().positive();

function specOf(wave: Wave, format: string, raw: unknown): { spec: ExportFileSpec; query: ExportQuery } {
  const parsed = ZExportQuery.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `export options: ${parsed.error.issues[0].message}`);
  const spec = exportFileSpec(wave, format, parsed.data);
  if (!spec) throw new AppError('NOT_FOUND', `no export format "${format}" (${DOWNLOAD_FORMATS.join(', ')})`);
  return { spec, query: parsed.data };
}

/** Sends a file whole with its Content-Length, as a download that is never cached. */
function sendDownload(reply: FastifyReply, spec: { type: string; fileName: string }, size: number, body: Readable): FastifyReply {
  return reply
    .type(spec.type)
    .header('content-disposition', `attachment; filename="${spec.fileName}"`)
    .header('cache-control', 'no-store')
    .header('content-length', String(size))
    .send(body);
}

/**
 * `/admin/waves/:waveId/export/:format` (csv, codebook, sav, jsonl, triple-s, triple-s-data): a download
 * written to a temporary file first and served whole with its Content-Length (memory stays flat; a cut
 * transfer is visibly short), options in the query string
 * (`responses=kept|all`, `labels=1`, `separator=;`, `bom=1`, `lang=en`, `codebook=markdown`, `identifying=1` to keep
 * the answers to identifying questions). A wave with at least LARGE_WAVE_RESPONSES responses is exported
 * by a job instead (src/server/jobs/export-job.ts): the page offers to start it (a POST), the job's page
 * shows its progress and then the file, downloaded from `/admin/waves/:waveId/jobs/:jobId/file` until
 * JOB_FILES_RETENTION_DAYS have passed. Needs the `analyse` permission (exports hold open answers); each
 * download and each export job is written to the audit log.
 */
export const exportRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  app.get('/admin/waves/:waveId/export/:format', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const { format } = request.params as { format: string };
    const { spec, query } = specOf(wave, format, request.query);
    const responses = await app.store.responses.count(wave.id);
    if (responses >= app.config.jobs.largeWaveResponses) {
      return sendAdminPage(request, reply, {
        title: t(request.lang, 'admin.exportJob.title', { wave: wave.title }),
        wave,
        body: exportAsJobView(request.lang, reply, wave, format, query, responses),
      });
    }
    // written to storage first, then served whole with its Content-Length: a transfer cut short can never
    // look complete (the client sees fewer bytes than announced), and memory stays flat
    const { file, remove } = await writeExportFile(app.store, wave, spec);
    const { size } = await stat(file);
    const body = createReadStream(file);
    body.on('close', () => void remove());
    await audit(app.store, request, 'export', `wave:${wave.id}`, { format, responses: query.responses, identifying: query.identifying === '1' });
    return sendDownload(reply, spec, size, body);
  });

  app.post('/admin/waves/:waveId/export/:format/job', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const { format } = request.params as { format: string };
    const { _csrf, ...fields } = formOf(request);
    const { query } = specOf(wave, format, fields);
    const now = app.clock();
    const job = await app.store.jobs.enqueue(
      { kind: EXPORT_JOB, waveId: wave.id, payload: { format, query, requestedAt: now.toISOString() }, createdBy: request.user!.email },
      now,
    );
    app.jobs.wake();
    await audit(app.store, request, 'export.job', `wave:${wave.id}`, { job: job.id, format, responses: query.responses, identifying: query.identifying === '1' });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/jobs/${job.id}`);
  });

  app.get('/admin/waves/:waveId/jobs/:jobId/file', analyse, async (request: FastifyRequest, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const id = ZJobId.safeParse((request.params as { jobId?: string }).jobId);
    const job = id.success ? await app.store.jobs.get(id.data) : undefined;
    if (!job || job.waveId !== wave.id || job.kind !== EXPORT_JOB) throw new AppError('NOT_FOUND', 'no such export job for this wave', {});
    const info = job.status === 'done' ? await app.store.jobFiles.info(job.id, 'output') : undefined;
    if (!info) throw new AppError('NOT_FOUND', job.status === 'done' ? 'this export has expired: start it again' : 'this export is not ready yet', {});
    await audit(app.store, request, 'export', `wave:${wave.id}`, { job: job.id, file: info.name, bytes: info.size });
    return sendDownload(reply, { type: info.contentType, fileName: info.name }, info.size, Readable.from(app.store.jobFiles.read(job.id, 'output')));
  });
};
