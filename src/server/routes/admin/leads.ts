import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../messages/index.js';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { csvTextCell } from '../../../exchange/csv-cell.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import { can } from '../../auth/roles.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { leadsView } from '../../views/admin/leads-view.js';
import { audit, formOf, redirectTo } from './admin-helpers.js';
import { ZConfirmed } from './confirmation.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html } from '../../views/html.js';
import { leadFieldText, loadLeadGroups, type LeadFieldColumn, type LeadGroup } from './lead-columns.js';

/** A CSV cell: neutralised against formula injection, stripped of control and bidirectional characters, RFC 4180 quoted. */
const cell = (text: string) => csvTextCell(pdfText(text, 1000), ',');

/** A field column of the CSV: the field's label heads it; studies sharing a field id and label share the column. */
interface CsvFieldColumn {
  readonly header: string;
  readonly id: string;
  /** the column of each study that has it */
  readonly byStudy: ReadonlyMap<string, LeadFieldColumn>;
}

/**
 * The leads as CSV: id, time, study, wave, name, e-mail, then one column per field of the studies' lead forms
 * (headed by its label), the legacy company columns when some lead has them, and the consent. Every cell,
 * headers included, is neutralised against formula injection and stripped of control and bidirectional
 * characters (`cell`).
 */
export function leadsCsv(groups: readonly LeadGroup[], waves: ReadonlyMap<number, string>): string {
  const fields: CsvFieldColumn[] = [];
  for (const group of groups) {
    for (const column of group.fields) {
      const shared = fields.find((f) => f.id === column.id && f.header === column.label);
      if (shared) (shared.byStudy as Map<string, LeadFieldColumn>).set(group.studyId, column);
      else fields.push({ header: column.label, id: column.id, byStudy: new Map([[group.studyId, column]]) });
    }
  }
  const legacy = groups.some((g) => g.legacy);
  const header = [
    'id',
    'created_at',
    'study',
    'wave',
    'name',
    'email',
    ...fields.map((f) => f.header),
    ...(legacy ? ['company', 'job_title', 'company_size'] : []),
    'consent_contact',
    'consent_version',
    'consent_at',
  ];
  const leads = groups.flatMap((g) => g.leads).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const lines = leads.map((lead) => [
    String(lead.id),
    lead.createdAt,
    lead.studyId,
    lead.waveId === null ? '' : (waves.get(lead.waveId) ?? ''),
    lead.name,
    lead.email,
    ...fields.map((f) => {
      const column = f.byStudy.get(lead.studyId);
      return column ? leadFieldText(column, lead) : '';
    }),
    ...(legacy ? [lead.company ?? '', lead.jobTitle ?? '', lead.companySize ?? ''] : []),
    lead.consentContact ? '1' : '0',
    lead.consentVersion ?? '',
    lead.consentAt ?? '',
  ]);
  return [header, ...lines].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}

const ZLeadsQuery = z.object({ study: z.string().max(100).optional() });

/**
 * The researchers' contacts of the white paper: `/admin/leads` (each study's leads, newest first, with the
 * study's own form fields as columns), `/admin/leads.csv` (the export; `?study=` for one study) and
 * `POST /admin/leads/:id/erase` (analysts and owners; written to the audit log with the lead's id only,
 * never its personal data). Personal data need the analyst role: a viewer sees each study's count only.
 */
export const leadRoutes: FastifyPluginAsync = async (app) => {
  const waveCodes = async () => new Map((await app.store.waves.list()).map((w) => [w.id, w.code]));

  app.get('/admin/leads', async (request, reply) => {
    const groups = await loadLeadGroups(app.store, request.lang);
    const erased = (request.query as { done?: string }).done === 'erased';
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'whitePaper.leads.title'),
      body: leadsView(request.lang, groups, await waveCodes(), can(request.user!.role, 'analyse'), erased),
    });
  });

  app.get('/admin/leads.csv', { config: { permission: 'analyse' } }, async (request, reply) => {
    const query = ZLeadsQuery.safeParse(request.query ?? {});
    if (!query.success) throw new AppError('INVALID_INPUT', 'study: expected a study id');
    const groups = await loadLeadGroups(app.store, request.lang, query.data.study || undefined);
    const count = groups.reduce((sum, g) => sum + g.leads.length, 0);
    await audit(app.store, request, 'leads.export', query.data.study ? `study:${query.data.study}` : null, { count });
    const file = query.data.study ? `leads-${query.data.study.replace(/[^A-Za-z0-9._-]/g, '_')}.csv` : 'leads.csv';
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .send(leadsCsv(groups, await waveCodes()));
  });

  const ZLeadParams = z.object({ id: z.coerce.number().int().positive() });
  /** The confirmation of an erasure (it cannot be undone): a required checkbox, then the erase button. */
  const confirmErase = (request: FastifyRequest, reply: FastifyReply, id: number, missingConfirmation = false) => {
    const lang = request.lang;
    return sendAdminPage(request, reply, {
      title: t(lang, 'admin.erase.leadTitle', { id }),
      status: missingConfirmation ? 400 : 200,
      body: html`<h1>${t(lang, 'admin.erase.leadTitle', { id })}</h1>
<p>${t(lang, 'admin.erase.leadText')}</p>
<form method="post" action="${localizedPath(lang, `/admin/leads/${id}/erase`)}">
  ${csrfField(reply)}
  ${missingConfirmation ? html`<p class="error" role="alert" id="confirm-error">${t(lang, 'admin.confirm.required')}</p>` : null}
  <p><input type="checkbox" id="confirm" name="confirm" value="yes" required${missingConfirmation ? html` aria-invalid="true" aria-describedby="confirm-error"` : null}> <label for="confirm">${t(lang, 'admin.erase.confirm')}</label></p>
  <p><button type="submit">${t(lang, 'whitePaper.leads.erase')}</button></p>
</form>
<p><a href="${localizedPath(lang, '/admin/leads')}">${t(lang, 'admin.erase.cancel')}</a></p>`,
    });
  };

  app.get('/admin/leads/:id/erase', { config: { permission: 'analyse' } }, async (request, reply) => {
    const { id } = ZLeadParams.parse(request.params);
    if (!(await app.store.leads.get(id))) throw new AppError('NOT_FOUND', `lead ${id} does not exist`);
    return confirmErase(request, reply, id);
  });

  app.post('/admin/leads/:id/erase', { config: { permission: 'analyse' } }, async (request, reply) => {
    const { id } = ZLeadParams.parse(request.params);
    const lead = await app.store.leads.get(id);
    if (!lead) throw new AppError('NOT_FOUND', `lead ${id} does not exist`);
    if (!ZConfirmed.parse(formOf(request).confirm)) return confirmErase(request, reply, id, true);
    await app.store.leads.delete(id);
    await audit(app.store, request, 'lead.erase', `lead:${id}`, { studyId: lead.studyId });
    return redirectTo(request, reply, '/admin/leads?done=erased');
  });
};
