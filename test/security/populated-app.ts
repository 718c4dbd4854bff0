/**
 * A workspace app with something on every page, for the security tests: published waves 2015 and 2016
 * (synthetic, weighted by size), an open wave, a signed-in owner, one complete respondent (its benchmark
 * link), one white paper lead (its download link) and one invited contact (its survey link).
 */
import { startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import type { TestDatabase } from '../helpers/databases.js';
import { seedSyntheticWave } from '../public/fixtures/synthetic-wave.js';
import { FULL_PAGES, invite, openWave } from '../respond/fieldwork.js';
import { InjectClient } from '../respond/inject-client.js';
import type { Wave } from '../../src/store/index.js';
import { signedInOwner, type WorkspaceClient } from './workspace-client.js';

export interface PopulatedApp extends AdminTestApp {
  readonly owner: WorkspaceClient;
  readonly published: Wave;
  readonly open: Wave;
  /** /benchmark/… of the complete respondent */
  readonly benchmarkPath: string;
  /** the white paper download link of the lead */
  readonly downloadPath: string | undefined;
  /** /s/…?t=… of an unused invitation */
  readonly invitationPath: string;
}

export async function startPopulatedApp(database: TestDatabase, env: Record<string, string> = {}): Promise<PopulatedApp> {
  const admin = await startAdminApp(database, env);
  await seedSyntheticWave(admin.store, { code: '2015', n: 150, seed: 1 });
  const published = await seedSyntheticWave(admin.store, { code: '2016', n: 150, seed: 2, shift: 0.05 });
  const open = await openWave(admin.store, 'open');
  const owner = await signedInOwner(admin);

  const respondent = new InjectClient(admin.app, '10.9.0.1');
  const base = `/s/${open.studyId}/${open.code}`;
  let page = await respondent.get(base);
  for (const answers of FULL_PAGES) page = await respondent.submit(page, answers);
  page = await respondent.submit(page, [], 'finish');
  const benchmarkPath = /id="benchmark-link" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '/benchmark/none';

  const reader = new InjectClient(admin.app, '10.9.0.2');
  const form = await reader.get('/livre-blanc/social-media-barometer');
  const sizeOption = /<option value="([^"]+)"/.exec(form.body.slice(form.body.indexOf('name="field_size_band"')))?.[1] ?? '1';
  const lead = await reader.submit(
    form,
    [
      ['name', 'Lea Reader'],
      ['email', 'lea@example.org'],
      ['field_organisation', 'Lea SA'],
      ['field_job_title', 'CMO'],
      ['field_size_band', sizeOption],
      ['consent', 'yes'],
    ],
    'next',
  );
  const downloadPath = /href="((?:\/en)?\/(?:livre-blanc\/telechargement|white-paper\/download)\/[^"]+)"/.exec(lead.body)?.[1];

  const token = await invite(admin.store, open, admin.config.secretKey);
  return { ...admin, owner, published, open, benchmarkPath, downloadPath, invitationPath: `${base}?t=${token}` };
}
