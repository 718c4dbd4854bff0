import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { BUILT_IN_STUDIES } from '../../../study/index.js';
import { t } from '../../../messages/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { newWaveView, wavesView } from '../../views/admin/waves-view.js';
import { waveOverviewView } from '../../views/admin/wave-overview-view.js';
import { testAnswersView } from '../../views/admin/test-answers-view.js';
import { html } from '../../views/html.js';
import { audit, formOf, redirectTo, waveOfRequest } from './admin-helpers.js';
import { parseQuotaLines } from '../../../analysis/fieldwork/quotas.js';

const ZDate = z
  .union([z.literal(''), z.iso.date()])
  .optional()
  .transform((v) => (v ? `${v}T00:00:00.000Z` : null));
/** The wave's place in its study's series: a whole number, empty (by opening date: null), absent (unchanged). */
const ZSeriesOrder = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^-?\d{1,6}$/, 'the place in the series is a whole number of at most 6 digits'),
  ])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === '' ? null : Number(v)));
export const ZNewWave = z.object({
  study: z.string().min(1).max(200),
  // 2015, 2025-T4, T1-2026, vague 3: a code is any short name (it is encoded in paths, never sorted)
  code: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]{0,30}[\p{L}\p{N}._-])?$/u, 'a code is 1 to 32 letters, digits, spaces, . _ -'),
  title: z.string().trim().min(1).max(200),
  opensAt: ZDate,
  closesAt: ZDate,
  seriesOrder: ZSeriesOrder,
});
const ZSettings = z.object({
  title: z.string().trim().min(1).max(200),
  opensAt: ZDate,
  closesAt: ZDate,
  seriesOrder: ZSeriesOrder,
  quotas: z.string().max(20_000).default(''),
});

/** Studies and waves: the list, a new wave from a study version, a wave's settings (its status: wave-status-routes.ts). */
export const waveRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  app.get('/admin', async (request, reply) => {
    const [studies, waves] = await Promise.all([app.store.studies.list(), app.store.waves.list()]);
    return sendAdminPage(request, reply, { title: t(request.lang, 'admin.waves.title'), body: wavesView(request.lang, request.user!, studies, waves) });
  });

  app.get('/admin/waves/new', analyse, async (request, reply) => {
    const stored = await app.store.studies.list();
    const versions = await Promise.all(stored.map(async (s) => ({ studyId: s.studyId, versions: await app.store.studies.listVersions(s.studyId) })));
    const builtIn = BUILT_IN_STUDIES.map((s) => s.id).filter((id) => !stored.some((s) => s.studyId === id));
    return sendAdminPage(request, reply, { title: t(request.lang, 'admin.waves.new'), body: newWaveView(request.lang, reply, versions, builtIn) });
  });

  app.post('/admin/waves', analyse, async (request, reply) => {
    const form = ZNewWave.parse(formOf(request));
    let versionId: number;
    let studyId: string;
    if (form.study.startsWith('builtin:')) {
      const study = BUILT_IN_STUDIES.find((s) => s.id === form.study.slice('builtin:'.length));
      if (!study) throw new AppError('NOT_FOUND', `no built-in study ${form.study}`);
      const saved = await app.store.studies.saveVersion(study.id, study as never);
      versionId = saved.studyVersion.id;
      studyId = study.id;
      await audit(app.store, request, 'study.version', `study:${study.id}`, { version: saved.studyVersion.version, kind: saved.kind });
    } else {
      const id = Number(form.study);
      const version = Number.isInteger(id) ? await app.store.studies.getVersionById(id) : undefined;
      if (!version) throw new AppError('NOT_FOUND', `study version ${form.study} does not exist`);
      versionId = version.id;
      studyId = version.studyId;
    }
    const wave = await app.store.waves.create({
      studyId,
      code: form.code,
      studyVersionId: versionId,
      title: form.title,
      opensAt: form.opensAt,
      closesAt: form.closesAt,
      seriesOrder: form.seriesOrder,
    });
    await audit(app.store, request, 'wave.create', `wave:${wave.id}`, { studyId, code: wave.code, studyVersionId: versionId, seriesOrder: form.seriesOrder ?? null });
    return redirectTo(request, reply, `/admin/waves/${wave.id}`);
  });

  app.get('/admin/waves/:waveId', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const [counts, tests, version] = await Promise.all([
      app.store.responses.countByStatus(wave.id),
      app.store.responses.countTests(wave.id),
      app.store.studies.getVersionById(wave.studyVersionId),
    ]);
    const done = (request.query as { done?: string }).done;
    return sendAdminPage(request, reply, {
      title: wave.title,
      wave,
      body: html`${waveOverviewView(request.lang, reply, request.user!, wave, counts, version?.version ?? 0, done, app.clock())}
${testAnswersView(request.lang, reply, request.user!, wave, version?.version ?? 0, tests)}`,
    });
  });

  app.post('/admin/waves/:waveId/settings', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const form = ZSettings.parse(formOf(request));
    const quotas = parseQuotaLines(form.quotas);
    await app.store.waves.update(wave.id, { title: form.title, opensAt: form.opensAt, closesAt: form.closesAt, seriesOrder: form.seriesOrder, quotas });
    await audit(app.store, request, 'wave.settings', `wave:${wave.id}`, {
      title: form.title,
      opensAt: form.opensAt,
      closesAt: form.closesAt,
      ...(form.seriesOrder !== undefined ? { seriesOrder: form.seriesOrder } : {}),
      quotas: quotas.segments.length,
    });
    return redirectTo(request, reply, `/admin/waves/${wave.id}?done=saved`);
  });
};
