import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { importResponsesCsv } from '../../../exchange/index.js';
import { t } from '../../../messages/index.js';
import { auditImport, IMPORT_RESPONSES_JOB, importResultJson } from '../../jobs/import-job.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { importView } from '../../views/admin/import-view.js';
import { redirectTo, waveOfRequest } from './admin-helpers.js';

/** The largest response file the workspace takes. */
export const MAX_IMPORT_MEGABYTES = 512;

const ZUpload = z.object({
  _csrf: z.string().optional(),
  skipInvalid: z.literal('1').optional(),
  file: z.instanceof(Buffer).optional(),
});

/**
 * `/admin/waves/:waveId/import`: responses imported from a CSV file (the columns of the wave's CSV export,
 * importResponsesCsv). A file of at least LARGE_IMPORT_BYTES is stored as a job's input file and imported by
 * a job (src/server/jobs/import-job.ts), whose page shows its progress and then its result; a smaller one is
 * imported at once and its result shown. Every import is in the audit log. Analysts and owners only.
 */
export const responseImportRoutes: FastifyPluginAsync = async (app) => {
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_IMPORT_MEGABYTES * 1024 * 1024, files: 1, fields: 4, parts: 6, fieldSize: 1024 } });
  const analyse = { config: { permission: 'analyse' as const } };

  const page = (
    request: Parameters<typeof waveOfRequest>[1],
    reply: Parameters<typeof sendAdminPage>[1],
    wave: Awaited<ReturnType<typeof waveOfRequest>>,
    options: { result?: unknown; error?: string; status?: number } = {},
  ) =>
    sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.import.title', { wave: wave.title }),
      wave,
      status: options.status,
      body: importView(request.lang, reply, wave, options),
    });

  app.get('/admin/waves/:waveId/import', analyse, async (request, reply) => page(request, reply, await waveOfRequest(app.store, request)));

  app.post('/admin/waves/:waveId/import', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const parsed = ZUpload.safeParse(request.body ?? {});
    if (!parsed.success) throw new AppError('INVALID_INPUT', `${parsed.error.issues[0].path.join('.') || '(form)'}: ${parsed.error.issues[0].message}`);
    const { file, skipInvalid } = parsed.data;
    if (!file || file.length === 0) return page(request, reply, wave, { error: t(request.lang, 'admin.import.noFile'), status: 400 });
    const now = app.clock();
    if (file.length >= app.config.jobs.largeImportBytes) {
      const job = await app.store.transaction(async (tx) => {
        const queued = await tx.jobs.enqueue(
          {
            kind: IMPORT_RESPONSES_JOB,
            waveId: wave.id,
            payload: { skipInvalid: skipInvalid === '1', userId: request.user!.id, fileName: 'upload.csv' },
            createdBy: request.user!.email,
          },
          now,
        );
        await tx.jobFiles.put(
          { jobId: queued.id, role: 'input', name: 'upload.csv', contentType: 'text/csv', bytes: file, expiresAt: new Date(now.getTime() + app.config.jobs.filesRetentionMs) },
          now,
        );
        return queued;
      });
      app.jobs.wake();
      return redirectTo(request, reply, `/admin/waves/${wave.id}/jobs/${job.id}`);
    }
    const result = await importResponsesCsv(app.store, wave, [file.toString('utf8')], { skipInvalid: skipInvalid === '1', now });
    await auditImport(app.store, request.user!.id, wave.id, result);
    return page(request, reply, wave, { result: importResultJson(result), status: result.imported === 0 && result.rejectedCount > 0 ? 400 : 200 });
  });
};
