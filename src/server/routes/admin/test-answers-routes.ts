import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../app-error.js';
import { audit, formOf, redirectTo, waveOfRequest } from './admin-helpers.js';
import { ZConfirmed } from './confirmation.js';

/**
 * `POST /admin/waves/:waveId/tests/delete`: deletes every test answer of the wave (the test link's
 * responses, never counted) in one statement, once the box is ticked; CSRF like every post, audited with
 * how many went. Counted answers are never touched.
 */
export const testAnswersRoutes: FastifyPluginAsync = async (app) => {
  app.post('/admin/waves/:waveId/tests/delete', { config: { permission: 'analyse' } }, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    if (!ZConfirmed.parse(formOf(request).confirm)) throw new AppError('INVALID_INPUT', 'confirm: tick the box to confirm the deletion of the test answers');
    const deleted = await app.store.responses.deleteTests(wave.id);
    await audit(app.store, request, 'wave.tests.delete', `wave:${wave.id}`, { deleted });
    return redirectTo(request, reply, `/admin/waves/${wave.id}?done=testsDeleted`);
  });
};
