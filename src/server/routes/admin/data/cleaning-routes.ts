import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../app-error.js';
import type { CleaningInput } from '../../../../analysis/cleaning/cleaning-flag.js';
import { cleaningFlags } from '../../../../analysis/cleaning/cleaning-flags.js';
import { waveStudy } from '../../../../analysis/wave-study.js';
import { t } from '../../../../messages/index.js';
import { sendAdminPage } from '../../../views/admin/admin-page.js';
import { cleaningView } from '../../../views/admin/cleaning-view.js';
import { audit, formOf, redirectTo, waveOfRequest } from '../admin-helpers.js';

const ZExclusion = z.object({ action: z.enum(['exclude', 'restore']), comment: z.string().trim().max(1000).default('') });

/** `/admin/waves/:waveId/cleaning`: automatic flags with their reasons; exclude or restore with a comment. */
export const cleaningRoutes: FastifyPluginAsync = async (app) => {
  app.get('/admin/waves/:waveId/cleaning', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const study = await waveStudy(app.store, wave);
    const [responses, contacts, invitations] = await Promise.all([
      app.store.responses.list(wave.id),
      app.store.contacts.listByWave(wave.id),
      app.store.invitations.listByWave(wave.id),
    ]);
    const contactOf = new Map(contacts.map((c) => [c.id, c]));
    const contactOfInvitation = new Map(invitations.map((i) => [i.id, i.contactId === null ? undefined : contactOf.get(i.contactId)]));
    const inputs: CleaningInput[] = responses.map((r) => {
      const contact = r.invitationId === null ? undefined : contactOfInvitation.get(r.invitationId);
      return { id: r.id, status: r.status, durationMs: r.durationMs, answers: r.answers, company: r.company ?? contact?.company ?? null, email: r.email ?? contact?.email ?? null };
    });
    const flags = cleaningFlags(study, inputs);
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.cleaning.title', { wave: wave.title }),
      wave,
      body: cleaningView(request.lang, reply, request.user!, wave, responses, flags, (request.query as { done?: string }).done),
    });
  });

  app.post('/admin/waves/:waveId/responses/:responseId/exclusion', { config: { permission: 'analyse' } }, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const { responseId } = z.object({ responseId: z.coerce.number().int().positive() }).parse(request.params);
    const form = ZExclusion.parse(formOf(request));
    const response = await app.store.responses.getOrThrow(responseId);
    if (response.waveId !== wave.id) throw new AppError('NOT_FOUND', `response ${responseId} is not in this wave`);
    if (form.action === 'exclude' && form.comment === '') throw new AppError('INVALID_INPUT', 'comment: say why the response is excluded');
    // setExclusion bumps the wave's data version: cached results are recomputed without (or with) it
    await app.store.responses.setExclusion(responseId, form.action === 'exclude', form.action === 'exclude' ? form.comment : null);
    await audit(app.store, request, `response.${form.action}`, `response:${responseId}`, { waveId: wave.id, comment: form.comment });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/cleaning?done=${form.action}`);
  });
};
