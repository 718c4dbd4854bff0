import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../app-error.js';
import { hashPassword, passwordProblem } from '../../auth/password.js';
import { isRole } from '../../auth/roles.js';
import { t } from '../../../messages/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { usersView } from '../../views/admin/users-view.js';
import { audit, formOf, redirectTo } from './admin-helpers.js';

const ZEmail = z.string().trim().toLowerCase().max(320).pipe(z.email());

/** `/admin/users`: the owner lists accounts, adds one, changes a role, disables or enables one. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  const opts = { config: { permission: 'administer' as const } };

  app.get('/admin/users', opts, async (request, reply) => {
    const users = await app.store.users.list();
    return sendAdminPage(request, reply, { title: t(request.lang, 'admin.users.title'), body: usersView(request.lang, reply, users, (request.query as { done?: string }).done) });
  });

  app.post('/admin/users', opts, async (request, reply) => {
    const form = formOf(request);
    const email = ZEmail.parse(form.email);
    if (!isRole(form.role)) throw new AppError('INVALID_INPUT', 'role: expected owner, analyst or viewer');
    const problem = passwordProblem(form.password ?? '');
    if (problem) throw new AppError('INVALID_INPUT', `password: ${problem}`);
    const user = await app.store.users.create({ email, role: form.role, passwordHash: await hashPassword(form.password!) });
    await audit(app.store, request, 'user.create', `user:${user.id}`, { role: user.role });
    return redirectTo(request, reply, '/admin/users?done=created');
  });

  app.post('/admin/users/:userId', opts, async (request, reply) => {
    const { userId } = z.object({ userId: z.coerce.number().int().positive() }).parse(request.params);
    const form = formOf(request);
    const target = await app.store.users.get(userId);
    if (!target) throw new AppError('NOT_FOUND', `user ${userId} does not exist`);
    if (target.id === request.user!.id) throw new AppError('CONFLICT', 'you cannot change your own account here');
    if (isRole(form.role) && form.role !== target.role) {
      await app.store.users.setRole(userId, form.role);
      await audit(app.store, request, 'user.role', `user:${userId}`, { from: target.role, to: form.role });
    }
    if (form.disabled === 'on' || form.disabled === 'off') {
      const disabled = form.disabled === 'on';
      await app.store.users.setDisabled(userId, disabled);
      if (disabled) await app.store.sessions.deleteForUser(userId);
      await audit(app.store, request, disabled ? 'user.disable' : 'user.enable', `user:${userId}`);
    }
    return redirectTo(request, reply, '/admin/users?done=updated');
  });
};
