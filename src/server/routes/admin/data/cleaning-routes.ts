import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../app-error.js';
import { ZCleaningSettings, withCleaningSettings } from '../../../../analysis/cleaning/cleaning-settings.js';
import { waveCleaning } from '../../../../analysis/cleaning/wave-cleaning.js';
import { t } from '../../../../messages/index.js';
import { sendAdminPage } from '../../../views/admin/admin-page.js';
import { cleaningView } from '../../../views/admin/cleaning-view.js';
import { responseView } from '../../../views/admin/response-view.js';
import { audit, formOf, redirectTo, waveOfRequest } from '../admin-helpers.js';

/** At most this many responses in one bulk decision (a wave's flagged list, with room to spare). */
export const MAX_BULK_RESPONSES = 5000;
const ZResponseId = z.coerce.number().int().positive();
/** At most this many ids in an exclusion's undo form (they travel in the address). */
const MAX_UNDO_IDS = 200;
const ZCleaningQuery = z.object({
  /** the monitor's "see one response" form */
  response: ZResponseId.optional(),
  done: z.string().max(20).optional(),
  /** the responses an exclusion just changed, to offer undoing it */
  undo: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15})*$/)
    .transform((text) => text.split(',').map(Number))
    .pipe(z.array(z.number().int().positive()).max(MAX_UNDO_IDS))
    .optional(),
});
const ZBulkExclusion = z
  .object({
    action: z.enum(['exclude', 'restore']).optional(),
    /** a row's own button: `exclude:ID` or `restore:ID` */
    one: z
      .string()
      .regex(/^(exclude|restore):\d{1,15}$/)
      .optional(),
    response: z.array(ZResponseId).max(MAX_BULK_RESPONSES).default([]),
    reason: z.string().trim().min(1, 'say why').max(1000),
    back: z.enum(['cleaning', 'response']).default('cleaning'),
  })
  .refine((form) => form.action !== undefined || form.one !== undefined, { path: ['action'], message: 'expected exclude or restore' });

/** The settings form: a checkbox and two numbers (a decimal comma is accepted). */
const ZSettingsForm = z.object({
  identical_answers: z.literal('on').optional(),
  duplicate_min_answers: z.string().trim().regex(/^\d+$/, 'a whole number').transform(Number).pipe(ZCleaningSettings.shape.duplicateMinAnswers.unwrap()),
  duplicate_max_probability: z
    .string()
    .trim()
    .regex(/^(\d+([.,]\d*)?|[.,]\d+)(e-?\d+)?$/i, 'a number such as 0,001')
    .transform((text) => Number(text.replace(',', '.')))
    .pipe(ZCleaningSettings.shape.duplicateMaxProbability.unwrap()),
  /** speeders: a percentage of the median duration, above 0 and below 100 (absent: the default third) */
  speeder_percent: z
    .string()
    .trim()
    .regex(/^(\d+([.,]\d*)?|[.,]\d+)$/, 'a percentage such as 33,3')
    .transform((text) => Number(text.replace(',', '.')))
    .pipe(z.number().gt(0, 'above 0').lt(100, 'below 100'))
    .optional(),
  straight_liner_min_items: z.string().trim().regex(/^\d+$/, 'a whole number').transform(Number).pipe(ZCleaningSettings.shape.straightLinerMinItems.unwrap()).optional(),
});

/** A repeated form field as a list of strings (formbody gives a string for one value, an array for several). */
const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/**
 * `/admin/waves/:waveId/cleaning`: automatic flags with their reasons under the wave's duplicate rule;
 * exclude or restore one or many responses with one reason; each response viewed in full.
 */
export const cleaningRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  app.get('/admin/waves/:waveId/cleaning', async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    // the monitor's "see one response" form (GET, so it works without JavaScript) sends ?response=ID
    const { response, done, undo } = ZCleaningQuery.parse(request.query);
    if (response !== undefined) return redirectTo(request, reply, `/admin/waves/${wave.id}/responses/${response}`);
    const cleaning = await waveCleaning(app.store, wave);
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.cleaning.title', { wave: wave.title }),
      wave,
      body: cleaningView(request.lang, reply, request.user!, wave, cleaning, done, undo),
    });
  });

  app.get('/admin/waves/:waveId/responses/:responseId', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const { responseId } = z.object({ responseId: ZResponseId }).parse(request.params);
    const cleaning = await waveCleaning(app.store, wave);
    const response = cleaning.responses.find((r) => r.id === responseId);
    if (!response) throw new AppError('NOT_FOUND', `response ${responseId} is not in this wave`);
    const lang = request.lang;
    return sendAdminPage(request, reply, {
      title: t(lang, 'admin.response.title', { id: response.id, wave: wave.title }),
      wave,
      body: responseView(
        lang,
        reply,
        request.user!,
        { wave, study: cleaning.study, response, flags: cleaning.flags.byResponse.get(response.id) ?? [], reviewIds: cleaning.reviewIds },
        (request.query as { done?: string }).done,
      ),
    });
  });

  app.post('/admin/waves/:waveId/responses/exclusions', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const form = ZBulkExclusion.parse({ ...formOf(request), response: listOf(body.response) });
    const [action, ids] = form.one ? [form.one.split(':')[0] as 'exclude' | 'restore', [Number(form.one.split(':')[1])]] : [form.action!, form.response];
    if (ids.length === 0) throw new AppError('INVALID_INPUT', 'response: select at least one response');
    // one transaction; the wave's data version is bumped once, so cached results are recomputed
    const changed = await app.store.responses.setExclusions(wave.id, ids, action === 'exclude', form.reason);
    // one entry per decision (the same action whatever the count): ids and counts, no personal data
    const target = ids.length === 1 ? `response:${ids[0]}` : `wave:${wave.id}`;
    await audit(app.store, request, `response.${action}`, target, { waveId: wave.id, count: changed.length, responseIds: changed, reason: form.reason });
    if (form.back === 'response' && ids.length === 1) return redirectTo(request, reply, `/admin/waves/${wave.id}/responses/${ids[0]}?done=${action}`);
    // an exclusion's notice offers to undo it: the ids it changed travel in the address (a long list does not)
    const undo = action === 'exclude' && changed.length > 0 && changed.length <= MAX_UNDO_IDS ? `&undo=${changed.join(',')}` : '';
    return redirectTo(request, reply, `/admin/waves/${wave.id}/cleaning?done=${form.one ? action : `bulk-${action}`}${undo}`);
  });

  app.post('/admin/waves/:waveId/cleaning/settings', analyse, async (request, reply) => {
    const wave = await waveOfRequest(app.store, request);
    const form = ZSettingsForm.parse(formOf(request));
    const settings = ZCleaningSettings.parse({
      identicalAnswers: form.identical_answers === 'on',
      duplicateMinAnswers: form.duplicate_min_answers,
      duplicateMaxProbability: form.duplicate_max_probability,
      ...(form.speeder_percent === undefined ? {} : { speederFraction: form.speeder_percent / 100 }),
      ...(form.straight_liner_min_items === undefined ? {} : { straightLinerMinItems: form.straight_liner_min_items }),
    });
    await app.store.waves.update(wave.id, { settings: withCleaningSettings(wave, settings) });
    await audit(app.store, request, 'wave.cleaningSettings', `wave:${wave.id}`, { ...settings });
    return redirectTo(request, reply, `/admin/waves/${wave.id}/cleaning?done=settings`);
  });
};
