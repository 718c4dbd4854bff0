import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { getWaveResults } from '../../../analysis/results-cache.js';
import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { AppError, isAppError } from '../../../app-error.js';
import { t } from '../../../messages/index.js';
import type { JsonValue, Wave, WaveStatus } from '../../../store/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { confirmView, type PublishReadiness } from '../../views/admin/wave-status-view.js';
import { PUBLICATION_NOTICES_JOB } from '../../jobs/publication-notices-job.js';
import { headlineFigures } from '../public/site-studies.js';
import { formOf, redirectTo, waveOfRequest } from './admin-helpers.js';
import { ZConfirmed } from './confirmation.js';
import {
  CONFIRMED_ACTIONS,
  closingDateProblem,
  invalidClosingDate,
  isConfirmedAction,
  sendDatesGuard,
  ZNewClosingDate,
  type ConfirmedAction,
  type DateProblem,
} from './wave-guards.js';
import { isWaveAction, WAVE_TRANSITIONS, type WaveAction } from './wave-transitions.js';
import { statusLabel } from '../../views/admin/waves-view.js';
import { runInBackground } from '../../background.js';
import { warmPublishedWave } from '../../warm-publication.js';

/** How many headline figures the publication preview shows. */
const PREVIEW_FIGURES = 6;

/**
 * A wave's status changes, with their guards: opening checks the dates (and offers a new closing date),
 * reopening clears a past closing date, closing, publishing and unpublishing ask for confirmation first
 * (`/admin/waves/:id/confirm?action=…`, a required checkbox), and publishing shows the public figures and
 * refuses a wave with fewer complete kept responses than PUBLISH_MIN_COMPLETES.
 */
export const waveStatusRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  /** How many complete kept responses the wave has against the threshold, and its figures when it has any. */
  const readiness = async (wave: Wave, lang: FastifyRequest['lang']): Promise<PublishReadiness> => {
    const completes = await app.store.responses.count(wave.id, { status: 'complete', includeExcluded: false });
    let results: WaveResults | undefined;
    if (completes > 0) {
      try {
        results = await getWaveResults(app.store, wave);
      } catch (error) {
        if (!(isAppError(error) && error.code === 'UNAVAILABLE')) throw error;
      }
    }
    const headlines = results ? headlineFigures(results, lang, PREVIEW_FIGURES) : [];
    return { kind: 'publish-readiness', completes, needed: app.config.publishMinCompletes, results, headlines };
  };

  /** The status an action leads to; CONFLICT in the user's words when it does not apply to the wave's status. */
  const transition = (request: FastifyRequest, wave: Wave, action: WaveAction): WaveStatus => {
    const { from, to } = WAVE_TRANSITIONS[action];
    if (from.includes(wave.status)) return to;
    const words = { action: t(request.lang, `admin.action.${action}`), status: statusLabel(request.lang, wave.status) };
    throw new AppError('CONFLICT', t(request.lang, 'admin.status.conflict', words), { status: wave.status, action });
  };
  const badAction = (request: FastifyRequest, actions: readonly string[]) =>
    new AppError('INVALID_INPUT', t(request.lang, 'admin.status.badAction', { actions: actions.join(', ') }), { field: 'action' });

  const showConfirm = async (request: FastifyRequest, reply: FastifyReply, wave: Wave, action: ConfirmedAction, status = 200, missingConfirmation = false) => {
    transition(request, wave, action);
    const publish = action === 'publish' ? await readiness(wave, request.lang) : undefined;
    return sendAdminPage(request, reply, {
      title: t(request.lang, `admin.confirm.title.${action}`, { wave: wave.title }),
      wave,
      status: publish && publish.completes < publish.needed ? 409 : status,
      body: confirmView(request.lang, reply, wave, action, { publish, missingConfirmation }),
    });
  };

  const showDates = (request: FastifyRequest, reply: FastifyReply, wave: Wave, action: 'open', problem: DateProblem, status: number) =>
    sendDatesGuard(request, reply, wave, { action }, problem, status);

  app.get('/admin/waves/:waveId/confirm', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const action = (request.query as { action?: unknown }).action;
    if (typeof action !== 'string' || !isConfirmedAction(action)) throw badAction(request, CONFIRMED_ACTIONS);
    return showConfirm(request, reply, wave, action);
  });

  app.post('/admin/waves/:waveId/status', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const form = formOf(request);
    const action = form.action;
    if (!isWaveAction(action)) throw badAction(request, Object.keys(WAVE_TRANSITIONS));
    const status = transition(request, wave, action);
    const now = app.clock();
    const patch: { opensAt?: string; closesAt?: string | null } = {};
    if (action === 'open') {
      const newClosing = ZNewClosingDate.safeParse(form.closesAt);
      if (!newClosing.success) return showDates(request, reply, wave, 'open', invalidClosingDate(wave), 400);
      const opensAt = wave.opensAt ?? now.toISOString();
      if (!wave.opensAt) patch.opensAt = opensAt;
      let closesAt = wave.closesAt;
      if (newClosing.data !== undefined) closesAt = patch.closesAt = newClosing.data;
      // reopening a closed wave clears a closing date already past (closing set it to the moment of closing)
      else if (wave.status === 'closed' && closesAt !== null && closesAt <= now.toISOString()) closesAt = patch.closesAt = null;
      // a date typed in the guard's form must itself let respondents in (400); a stored one is a conflict (409)
      const problem = closingDateProblem({ opensAt, closesAt }, now);
      if (problem) return showDates(request, reply, wave, 'open', problem, newClosing.data === undefined ? 409 : 400);
    }
    if (isConfirmedAction(action)) {
      if (!ZConfirmed.parse(form.confirm)) return showConfirm(request, reply, wave, action, 400, true);
      if (action === 'publish') {
        const completes = await app.store.responses.count(wave.id, { status: 'complete', includeExcluded: false });
        if (completes < app.config.publishMinCompletes) return showConfirm(request, reply, wave, action);
      }
    }
    if (action === 'close' && (!wave.closesAt || wave.closesAt > now.toISOString())) patch.closesAt = now.toISOString();
    await app.store.transaction(async (tx) => {
      if (Object.keys(patch).length > 0) await tx.waves.update(wave.id, patch, now);
      await tx.waves.setStatus(wave.id, status, now);
      if (action === 'publish' || action === 'unpublish') {
        // the dashboard, white paper and benchmarks read cached results keyed by the data version: rebuild them
        await tx.resultsCache.clear(wave.id);
        await tx.whitePapers.clear(wave.id);
        await tx.waves.bumpDataVersion(wave.id, now);
      }
      const details: Record<string, JsonValue> = { from: wave.status, to: status };
      if (patch.closesAt !== undefined) details.closesAt = { from: wave.closesAt, to: patch.closesAt };
      await tx.auditLog.append({ userId: request.user!.id, action: `wave.${action}`, target: `wave:${wave.id}`, details }, now);
    });
    // respondents who asked to be told get their benchmark link (issue 7); never blocks the publication
    // sent by a job (src/server/jobs/publication-notices-job.ts), so the publication never waits on the mail server
    if (action === 'publish' && app.config.smtpUrl) {
      await app.store.jobs.enqueue({ kind: PUBLICATION_NOTICES_JOB, waveId: wave.id, createdBy: request.user!.email }, now);
      app.jobs.wake();
    }
    // the first reader finds the results computed, the dashboard rendered and the white paper stored
    if (action === 'publish' && app.warmCaches) void runInBackground(app, 'warm publication', () => warmPublishedWave(app, wave.id), { after: reply });
    return redirectTo(request, reply, `/admin/waves/${wave.id}?done=${action satisfies WaveAction}`);
  });
};
