import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { csvTextCell } from '../../../exchange/csv-cell.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import type { Lead } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { leadsView } from '../../views/admin/leads-view.js';
import { audit, redirectTo } from './admin-helpers.js';
import { t } from '../../../messages/index.js';

const CSV_COLUMNS = ['id', 'created_at', 'study', 'wave', 'name', 'email', 'company', 'job_title', 'company_size', 'consent_contact', 'consent_version', 'consent_at'] as const;

/**
 * A lead as a CSV line: every text cell neutralised against formula injection (a leading = + - @ tab or CR
 * gets a single quote), stripped of control and bidirectional characters, and RFC 4180 quoted.
 */
export function leadCsvLine(lead: Lead, waveCode: string): string {
  const cells = [
    String(lead.id), lead.createdAt, lead.studyId, waveCode, lead.name, lead.email, lead.company ?? '', lead.jobTitle ?? '',
    lead.companySize ?? '', lead.consentContact ? '1' : '0', lead.consentVersion ?? '', lead.consentAt ?? '',
  ];
  return cells.map((cell) => csvTextCell(pdfText(cell, 1000), ',')).join(',');
}

/**
 * The researchers' contacts of the white paper: `/admin/leads` (every study's leads, newest first),
 * `/admin/leads.csv` (the export) and `POST /admin/leads/:id/erase` (analysts and owners; written to the
 * audit log with the lead's id only, never its personal data).
 */
export const leadRoutes: FastifyPluginAsync = async (app) => {
  const allLeads = async () => {
    const studies = await app.store.studies.list();
    const leads = (await Promise.all(studies.map((s) => app.store.leads.list(s.studyId)))).flat();
    const waves = new Map((await app.store.waves.list()).map((w) => [w.id, w.code]));
    return { leads: leads.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id)), waves };
  };

  app.get('/admin/leads', async (request, reply) => {
    const { leads, waves } = await allLeads();
    const erased = (request.query as { done?: string }).done === 'erased';
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'whitePaper.leads.title'),
      body: leadsView(request.lang, reply, leads, waves, can(request.user!.role, 'analyse'), erased),
    });
  });

  app.get('/admin/leads.csv', async (request, reply) => {
    const { leads, waves } = await allLeads();
    await audit(app.store, request, 'leads.export', null, { count: leads.length });
    const body = [CSV_COLUMNS.join(','), ...leads.map((l) => leadCsvLine(l, l.waveId === null ? '' : (waves.get(l.waveId) ?? '')))].join('\r\n') + '\r\n';
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="leads.csv"').send(body);
  });

  app.post('/admin/leads/:id/erase', { config: { permission: 'analyse' } }, async (request, reply) => {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(request.params);
    const lead = await app.store.leads.get(id);
    if (!lead) throw new AppError('NOT_FOUND', `lead ${id} does not exist`);
    await app.store.leads.delete(id);
    await audit(app.store, request, 'lead.erase', `lead:${id}`, { studyId: lead.studyId });
    return redirectTo(request, reply, '/admin/leads?done=erased');
  });
};
