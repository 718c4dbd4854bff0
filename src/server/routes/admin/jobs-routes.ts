import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { t } from '../../../messages/index.js';
import type { Job, Store } from '../../../store/index.js';
import { INVITATION_JOB_KINDS } from '../../jobs/invitation-job.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { jobsView, jobView } from '../../views/admin/jobs-view.js';
import { html } from '../../views/html.js';
import { audit, redirectTo, waveOfRequest } from './admin-helpers.js';

/** Seconds between two refreshes of a progress page while its job waits or runs (no JavaScript needed). */
const REFRESH_SECONDS = 3;
const SENDING_KINDS = Object.keys(INVITATION_JOB_KINDS);
const ZJobId = z.coerce.number().int().positive();

/** True while an invitation or reminder job of the wave waits or runs: uncertain contacts are not released then. */
async function sending(store: Store, waveId: number): Promise<{ jobs: Job[]; busy: boolean }> {
  const jobs = await store.jobs.listByWave(waveId);
  return { jobs, busy: jobs.some((j) => SENDING_KINDS.includes(j.kind) && (j.status === 'queued' || j.status === 'running')) };
}

/**
 * A wave's sendings (jobs, see src/server/jobs/): their list, one job's progress page, cancelling, and the
 * release of uncertain contacts (claimed by a send that stopped mid-mail: see invitation-job.ts).
 */
export const jobRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  const jobOf = async (waveId: number, raw: unknown): Promise<Job> => {
    const id = ZJobId.safeParse(raw);
    const job = id.success ? await app.store.jobs.get(id.data) : undefined;
    if (!job || job.waveId !== waveId) throw new AppError('NOT_FOUND', 'no such job for this wave', {});
    return job;
  };

  app.get('/admin/waves/:waveId/jobs', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const [{ jobs, busy }, uncertain] = await Promise.all([sending(app.store, wave.id), app.store.invitations.listUncertain(wave.id)]);
    const running = jobs.some((j) => j.status === 'queued' || j.status === 'running');
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.jobs.title', { wave: wave.title }),
      wave,
      head: running ? html`<meta http-equiv="refresh" content="${REFRESH_SECONDS * 5}">` : undefined,
      body: jobsView(request.lang, reply, wave, jobs, uncertain, busy),
    });
  });

  app.get('/admin/waves/:waveId/jobs/:jobId', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const job = await jobOf(wave.id, (request.params as { jobId?: string }).jobId);
    const [{ busy }, uncertain] = await Promise.all([sending(app.store, wave.id), app.store.invitations.listUncertain(wave.id)]);
    const active = job.status === 'queued' || job.status === 'running';
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.jobs.jobTitle', { kind: t(request.lang, `admin.jobs.kind.${job.kind}` as 'admin.jobs.kind.invitations'), wave: wave.title }),
      wave,
      head: active ? html`<meta http-equiv="refresh" content="${REFRESH_SECONDS}">` : undefined,
      body: jobView(request.lang, reply, wave, job, uncertain, busy, app.clock(), job.status === 'done' ? await app.store.jobFiles.info(job.id, 'output') : undefined),
    });
  });

  app.post('/admin/waves/:waveId/jobs/:jobId/cancel', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const job = await jobOf(wave.id, (request.params as { jobId?: string }).jobId);
    const cancelled = await app.store.jobs.cancel(job.id, app.clock());
    if (cancelled) await audit(app.store, request, 'job.cancel', `wave:${wave.id}`, { job: job.id, kind: job.kind });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/jobs/${job.id}`);
  });

  app.post('/admin/waves/:waveId/jobs/uncertain/release', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    if ((await sending(app.store, wave.id)).busy) throw new AppError('CONFLICT', 'a sending of this wave is waiting or running: release uncertain contacts once it has ended', {});
    // the ids the page listed (what the operator checked), not whatever is uncertain by now
    const raw = (request.body as Record<string, unknown> | undefined)?.invitation;
    const ids = z
      .array(z.coerce.number().int().positive())
      .max(1_000_000)
      .safeParse([raw ?? []].flat());
    if (!ids.success) throw new AppError('INVALID_INPUT', 'invitation: expected invitation ids', { field: 'invitation' });
    const released = await app.store.invitations.releaseUncertain(wave.id, ids.data);
    await audit(app.store, request, 'invitations.release-uncertain', `wave:${wave.id}`, { released });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/jobs`);
  });
};
