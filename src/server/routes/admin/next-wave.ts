import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createNextWave, suggestNextDates } from '../../../analysis/fieldwork/next-wave.js';
import { storedStudy } from '../../../analysis/stored-study.js';
import { isAppError } from '../../../app-error.js';
import { t, type MessageKey } from '../../../messages/index.js';
import type { Wave } from '../../../store/index.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { nextWaveFormView, nextWaveReportView, type NextWaveFields } from '../../views/admin/next-wave-view.js';
import { formOf, waveOfRequest } from './admin-helpers.js';
import { ZNewWave } from './waves.js';

/** The form: the new wave's own fields (as for a new wave, without the study), its study version and the contacts choice. */
const ZNextWave = ZNewWave.omit({ study: true }).extend({
  studyVersion: z.coerce.number().int().positive(),
  // a checkbox: present ("on") or absent
  copyContacts: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});

/** The field a refused form names, and the message saying what it needs. */
const FIELD_ERRORS: Readonly<Record<string, MessageKey>> = {
  code: 'admin.nextWave.error.code',
  title: 'admin.nextWave.error.title',
  opensAt: 'admin.nextWave.error.opensAt',
  closesAt: 'admin.nextWave.error.closesAt',
  seriesOrder: 'admin.nextWave.error.seriesOrder',
  studyVersion: 'admin.nextWave.error.studyVersion',
};

/**
 * `/admin/waves/:waveId/next`: a new draft wave from this one (issue 19, part 6). GET shows the form (dates
 * suggested one period later, the study's latest version); POST creates the wave with the earlier wave's
 * settings, weighting targets, quotas and, when asked, its contacts (`createNextWave`, one transaction) and
 * shows what was copied and left out. A refused form is shown again, 400 (409 for a code already used), with
 * each refused field named in the user's language; nothing is written.
 */
export const nextWaveRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const } };

  const showForm = async (request: FastifyRequest, reply: FastifyReply, source: Wave, fields: NextWaveFields | undefined, errors: readonly string[], status?: number) => {
    const [versions, studyWaves] = await Promise.all([app.store.studies.listVersions(source.studyId), app.store.waves.list(source.studyId)]);
    const suggested = suggestNextDates(source, studyWaves);
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.nextWave.title', { wave: source.title }),
      wave: source,
      status,
      body: nextWaveFormView(request.lang, reply, {
        source,
        versions,
        suggestedMonths: suggested?.months,
        errors,
        fields: fields ?? {
          code: '',
          title: '',
          opensAt: suggested?.opensAt ?? '',
          closesAt: suggested?.closesAt ?? '',
          seriesOrder: source.seriesOrder === null ? '' : String(source.seriesOrder + 1),
          studyVersion: String(versions.at(-1)?.version ?? ''),
          copyContacts: false,
        },
      }),
    });
  };

  app.get('/admin/waves/:waveId/next', analyse, async (request, reply) => {
    const source = await waveOfRequest(app.store, request);
    return showForm(request, reply, source, undefined, []);
  });

  app.post('/admin/waves/:waveId/next', analyse, async (request, reply) => {
    const source = await waveOfRequest(app.store, request);
    const raw = formOf(request);
    const typed: NextWaveFields = {
      code: raw.code ?? '',
      title: raw.title ?? '',
      opensAt: raw.opensAt ?? '',
      closesAt: raw.closesAt ?? '',
      seriesOrder: raw.seriesOrder ?? '',
      studyVersion: raw.studyVersion ?? '',
      copyContacts: raw.copyContacts === 'on',
    };
    const refuse = (keys: readonly { key: MessageKey; params?: Record<string, string> }[], status = 400) =>
      showForm(
        request,
        reply,
        source,
        typed,
        keys.map(({ key, params }) => t(request.lang, key, params)),
        status,
      );

    const parsed = ZNextWave.safeParse(raw);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
      return refuse(fields.map((field) => ({ key: FIELD_ERRORS[field] ?? 'admin.nextWave.error.code' })));
    }
    const form = parsed.data;
    if (form.opensAt && form.closesAt && form.closesAt < form.opensAt) return refuse([{ key: 'admin.nextWave.error.closesBeforeOpens' }]);
    const stored = await app.store.studies.getVersion(source.studyId, form.studyVersion);
    if (!stored) return refuse([{ key: 'admin.nextWave.error.studyVersion' }]);
    const codeTaken = [{ key: 'admin.nextWave.error.codeTaken' as const, params: { code: form.code } }];
    if (await app.store.waves.getByCode(source.studyId, form.code)) return refuse(codeTaken, 409);

    const { study } = await storedStudy(app.store, source.studyId, form.studyVersion);
    let created: Awaited<ReturnType<typeof createNextWave>>;
    try {
      created = await createNextWave(
        app.store,
        source,
        study,
        {
          code: form.code,
          title: form.title,
          opensAt: form.opensAt,
          closesAt: form.closesAt,
          seriesOrder: form.seriesOrder ?? null,
          studyVersionId: stored.id,
          copyContacts: form.copyContacts,
        },
        request.user!.id,
      );
    } catch (error) {
      // another request took the code between the check and the insert: the unique index refused it, nothing is written
      if (isAppError(error) && error.code === 'CONFLICT') return refuse(codeTaken, 409);
      throw error;
    }
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.nextWave.done', { wave: created.wave.title }),
      wave: created.wave,
      body: nextWaveReportView(request.lang, source, created, stored.version),
    });
  });
};
