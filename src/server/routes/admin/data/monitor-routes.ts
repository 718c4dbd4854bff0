import type { FastifyPluginAsync } from 'fastify';
import { fieldworkMonitor } from '../../../../analysis/fieldwork/fieldwork-monitor.js';
import { readQuotas } from '../../../../analysis/fieldwork/quotas.js';
import { waveStudy } from '../../../../analysis/wave-study.js';
import { dailyCountsChart, renderSvg } from '../../../../report/charts/index.js';
import { t } from '../../../../messages/index.js';
import { sendAdminPage } from '../../../views/admin/admin-page.js';
import { monitorView } from '../../../views/admin/monitor-view.js';
import { responseLookupForm } from '../../../views/admin/response-view.js';
import { can } from '../../../auth/roles.js';
import { waveOfRequest } from '../admin-helpers.js';

/** Seconds between refreshes of the monitor while fieldwork is open. */
export const MONITOR_REFRESH_SECONDS = 60;

/** `/admin/waves/:waveId/monitor`: the fieldwork monitor, refreshed by the browser while fieldwork is open. */
export const monitorRoutes: FastifyPluginAsync = async (app) => {
  app.get('/admin/waves/:waveId/monitor', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const responses = await app.store.responses.list(wave.id);
    const monitor = fieldworkMonitor(study, responses, readQuotas(wave.quotas));
    const lang = request.lang;
    const chart = monitor.days.length ? dailyCountsChart({ lang, title: t(lang, 'admin.monitor.chart'), days: monitor.days }) : undefined;
    const rendered = chart && { svg: await renderSvg(chart, { id: 'daily-counts' }), alternative: chart.alternative };
    const open = wave.status === 'fieldwork';
    return sendAdminPage(request, reply, {
      title: t(lang, 'admin.monitor.title', { wave: wave.title }),
      wave,
      scripts: open ? ['/static/admin-refresh.js'] : undefined,
      body: monitorView(
        lang,
        study,
        wave,
        monitor,
        rendered,
        open ? MONITOR_REFRESH_SECONDS : undefined,
        can(request.user!.role, 'analyse') ? responseLookupForm(lang, wave) : undefined,
      ),
    });
  });
};
