import type { FastifyPluginAsync } from 'fastify';
import { readPopulationTargets, ZPopulationTargets, type PopulationTargets } from '../../../../analysis/population-targets.js';
import { waveStudy } from '../../../../analysis/wave-study.js';
import { AppError } from '../../../../app-error.js';
import type { JsonValue } from '../../../../store/index.js';
import { t } from '../../../../messages/index.js';
import { sendAdminPage } from '../../../views/admin/admin-page.js';
import { weightingView } from '../../../views/admin/weighting-view.js';
import { audit, formOf, redirectTo, waveOfRequest } from '../admin-helpers.js';
import { marginCandidates, targetsFromCsv, targetsFromForm } from './weighting-targets.js';
import { weightingReport } from './weighting-report.js';

/**
 * `/admin/waves/:waveId/weighting`: the margins editor (form or CSV), running the raking, its diagnostics
 * and the main indicators weighted against unweighted. Saving targets bumps the data version.
 */
export const weightingRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  app.get('/admin/waves/:waveId/weighting', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const targets = readPopulationTargets(wave.populationTargets);
    const ran = wave.weighting !== null;
    const report = ran ? await weightingReport(app.store, wave, study) : undefined;
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.weighting.title', { wave: wave.title }),
      wave,
      scripts: ['/static/admin-forms.js'],
      body: weightingView(request.lang, reply, request.user!, wave, study, marginCandidates(study), targets, report, (request.query as { done?: string }).done),
    });
  });

  const saveTargets = async (waveId: number, targets: PopulationTargets) => {
    const parsed = ZPopulationTargets.safeParse(targets);
    if (!parsed.success) throw parsed.error;
    await app.store.waves.update(waveId, { populationTargets: parsed.data as unknown as JsonValue, weighting: null });
    return parsed.data;
  };

  app.post('/admin/waves/:waveId/weighting/targets', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const targets = await saveTargets(wave.id, targetsFromForm(study, formOf(request)));
    await audit(app.store, request, 'weighting.targets', `wave:${wave.id}`, {
      margins: targets.margins.map((m) => m.variable),
      missing: Object.fromEntries(targets.margins.map((m) => [m.variable, m.missing ?? 'impute'])),
      trimming: targets.trimming ?? null,
    });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/weighting?done=targets`);
  });

  app.post('/admin/waves/:waveId/weighting/import', { ...analyse, bodyLimit: 1024 * 1024 }, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const current = readPopulationTargets(wave.populationTargets);
    // imported counts keep each variable's missing-value policy when it had one
    const policies = new Map(current.margins.map((m) => [m.variable, { missing: m.missing, notStated: m.notStated }]));
    const margins = targetsFromCsv(study, formOf(request).csv ?? '').map((m) => ({ ...m, ...policies.get(m.variable) }));
    const targets = await saveTargets(wave.id, { ...current, margins });
    await audit(app.store, request, 'weighting.import', `wave:${wave.id}`, { margins: targets.margins.map((m) => m.variable) });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/weighting?done=targets`);
  });

  app.post('/admin/waves/:waveId/weighting/run', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const report = await weightingReport(app.store, wave, study);
    if (report.empty || !report.weighting) throw new AppError('CONFLICT', 'the wave has no kept complete response to weight');
    const w = report.weighting;
    const summary = {
      ranAt: app.clock().toISOString(),
      by: request.user!.id,
      n: report.n,
      status: w.status,
      reason: w.reason,
      converged: w.raking?.converged ?? null,
      iterations: w.raking?.iterations ?? null,
      boundsFailure: w.boundsFailure ? { ...w.boundsFailure } : null,
      missing: w.missing.map((m) => ({ ...m })),
      min: w.diagnostics.min,
      max: w.diagnostics.max,
      kishDeff: w.diagnostics.kishDeff,
      efficiency: w.diagnostics.efficiency,
    };
    // storing the run bumps the data version: results are recomputed with these weights
    await app.store.waves.update(wave.id, { weighting: summary });
    await audit(app.store, request, 'weighting.run', `wave:${wave.id}`, summary);
    const done = w.status !== 'weighted' ? 'unweighted' : w.boundsFailure ? 'bounds' : 'run';
    return redirectTo(request, reply, `/admin/waves/${wave.id}/weighting?done=${done}`);
  });
};
