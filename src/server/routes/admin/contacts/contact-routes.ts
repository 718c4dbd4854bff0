import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../app-error.js';
import { t } from '../../../../messages/index.js';
import { sendAdminPage } from '../../../views/admin/admin-page.js';
import { contactsView, type ImportReport } from '../../../views/admin/contacts-view.js';
import { audit, formOf, redirectTo, waveOfRequest } from '../admin-helpers.js';
import { closingDateProblem, invalidClosingDate, sendDatesGuard, ZNewClosingDate } from '../wave-guards.js';
import { contactProgress } from './contact-status.js';
import { parseContactsCsv } from './parse-contacts-csv.js';

/** The send form's optional time (`datetime-local`: 2026-03-01T09:00, in the server's time zone); empty: now. */
const ZSendAt = z
  .union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)])
  .optional()
  .transform((v) => (v ? new Date(v) : undefined))
  .refine((d) => d === undefined || !Number.isNaN(d.getTime()));

/** A wave's contacts: the list with each one's status, CSV import, invitations and reminders by e-mail. */
export const contactRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  const show = async (request: Parameters<typeof waveOfRequest>[1], reply: Parameters<typeof sendAdminPage>[1], report?: ImportReport) => {
    const wave = await waveOfRequest(app.store, request);
    const [contacts, invitations, responses] = await Promise.all([
      app.store.contacts.listByWave(wave.id),
      app.store.invitations.listByWave(wave.id),
      app.store.responses.list(wave.id),
    ]);
    const query = request.query as { sent?: string; failed?: string; kind?: string };
    const sent =
      query.sent === undefined
        ? undefined
        : { kind: query.kind === 'reminder' ? ('reminder' as const) : ('invitation' as const), sent: Number(query.sent) || 0, failed: Number(query.failed) || 0 };
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.contacts.title', { wave: wave.title }),
      wave,
      scripts: ['/static/admin-forms.js'],
      body: contactsView(request.lang, reply, request.user!, wave, contactProgress(contacts, invitations, responses), { report, sent, smtp: Boolean(app.config.smtpUrl) }),
    });
  };

  app.get('/admin/waves/:waveId/contacts', async (request, reply) => show(request, reply));

  app.post('/admin/waves/:waveId/contacts/import', { ...analyse, bodyLimit: 8 * 1024 * 1024 }, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const parsed = parseContactsCsv((formOf(request).csv ?? '').slice(0, 8 * 1024 * 1024));
    const rejected = [...parsed.rejected];
    let imported = 0;
    for (const row of parsed.rows) {
      if (await app.store.contacts.getByEmail(wave.id, row.email)) {
        rejected.push({ line: row.line, column: 'email', code: 'DUPLICATE_EMAIL', message: `line ${row.line}: ${row.email} is already a contact of this wave` });
        continue;
      }
      await app.store.contacts.create({ waveId: wave.id, email: row.email, name: row.name, company: row.company, profile: row.profile });
      imported++;
    }
    rejected.sort((a, b) => a.line - b.line);
    await audit(app.store, request, 'contacts.import', `wave:${wave.id}`, { imported, rejected: rejected.length });
    return show(request, reply, { imported, rejected });
  });

  for (const kind of ['invitation', 'reminder'] as const) {
    app.post(`/admin/waves/:waveId/${kind}s`, analyse, async (request, reply) => {
      let wave = await waveOfRequest(app.store, request);
      // a closing date that refuses respondents is fixed first: the guard's form sets a new one and sends
      const now = app.clock();
      const newClosing = ZNewClosingDate.safeParse(formOf(request).closesAt);
      if (!newClosing.success) return sendDatesGuard(request, reply, wave, { action: 'send', kind }, invalidClosingDate(wave), 400);
      const closesAt = newClosing.data ?? wave.closesAt;
      const problem = wave.status === 'fieldwork' ? closingDateProblem({ opensAt: wave.opensAt, closesAt }, now) : undefined;
      if (problem) return sendDatesGuard(request, reply, wave, { action: 'send', kind }, problem, newClosing.data === undefined ? 409 : 400);
      if (newClosing.data !== undefined && wave.status === 'fieldwork') {
        wave = await app.store.waves.update(wave.id, { closesAt: newClosing.data }, now);
        await audit(app.store, request, 'wave.settings', `wave:${wave.id}`, { closesAt: newClosing.data });
      }
      if (wave.status !== 'fieldwork') throw new AppError('CONFLICT', 'open fieldwork before sending invitations', { status: wave.status });
      if (!app.config.smtpUrl) throw new AppError('UNAVAILABLE', 'no SMTP server configured: set SMTP_URL to send e-mails');
      // a scheduled send: the job waits until then (datetime-local, read in the server's time zone)
      const sendAt = ZSendAt.safeParse(formOf(request).sendAt);
      if (!sendAt.success || (sendAt.data && sendAt.data.getTime() < now.getTime() - 60_000)) {
        throw new AppError('INVALID_INPUT', t(request.lang, 'admin.contacts.sendAtInvalid'), { field: 'sendAt' });
      }
      // the e-mails are sent by a job (src/server/jobs/invitation-job.ts): the page shows its progress
      const job = await app.store.jobs.enqueue({ kind: `${kind}s`, waveId: wave.id, payload: {}, runAt: sendAt.data ?? now, createdBy: request.user!.email }, now);
      await audit(app.store, request, `${kind}s.send`, `wave:${wave.id}`, { job: job.id, runAt: job.runAt });
      app.jobs.wake();
      return redirectTo(request, reply, `/admin/waves/${wave.id}/jobs/${job.id}`);
    });
  }
};
