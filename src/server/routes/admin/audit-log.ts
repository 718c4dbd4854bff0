import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { t } from '../../../messages/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { auditView } from '../../views/admin/audit-view.js';

/** `/admin/audit`: the newest 200 entries of the audit log, with the user's e-mail; `?before=ID` pages back. */
export const auditRoutes: FastifyPluginAsync = async (app) => {
  app.get('/admin/audit', async (request, reply) => {
    const { before } = z.object({ before: z.coerce.number().int().positive().optional() }).parse(request.query);
    const entries = await app.store.auditLog.list({ limit: 200, beforeId: before });
    const emails = new Map((await app.store.users.list()).map((u) => [u.id, u.email]));
    return sendAdminPage(request, reply, { title: t(request.lang, 'admin.audit.title'), body: auditView(request.lang, entries, emails) });
  });
};
