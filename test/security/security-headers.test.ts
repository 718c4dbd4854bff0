import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_LANG, LANGS } from '../../src/messages/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startPopulatedApp, type PopulatedApp } from './populated-app.js';

/** Pages that must never be cached: tokens or personal data. */
const PRIVATE = /^\/(s\/|admin|benchmark\/|livre-blanc\/telechargement|white-paper\/download|unsubscribe)/;
const EXPORT_FORMATS = ['csv', 'codebook', 'sav', 'jsonl', 'triple-s', 'triple-s-data'];

/** A route's URL as a pattern: `:param` is one segment, a final `*` (static files) anything. */
const patternOf = (url: string) =>
  new RegExp(
    `^${url
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:[A-Za-z]+/g, '[^/]+')
      .replace(/\\\*$/, '.*')}$`,
  );
/** The language prefixes of the interface (/en, /de, /es): a path is checked as the same page without it. */
const PREFIX = new RegExp(`^/(?:${LANGS.filter((l) => l !== DEFAULT_LANG).join('|')})(?=/|$)`);
const pathOf = (url: string) => new URL(url, 'http://x').pathname.replace(PREFIX, '') || '/';

/** Same-site links and resources of an HTML page (href, src), without fragments. */
function linksOf(body: string): string[] {
  return [...body.matchAll(/\s(?:href|src)="(\/[^"#]*)/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).filter((u) => !u.startsWith('//'));
}

/** Every problem of one response's headers and markup. */
export function headerProblems(url: string, headers: Record<string, unknown>, body: string): string[] {
  const problems: string[] = [];
  const csp = String(headers['content-security-policy'] ?? '');
  const path = pathOf(url);
  const embed = path.startsWith('/embed/');
  if (!csp) problems.push('no Content-Security-Policy');
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  if (/'unsafe-inline'|'unsafe-eval'|\*/.test(scriptSrc)) problems.push(`script-src allows inline or any source: ${scriptSrc}`);
  if (!/script-src-attr 'none'/.test(csp) && !/script-src 'none'/.test(csp)) problems.push('inline event handlers not blocked');
  const ancestors = /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.trim();
  // the workspace's questionnaire preview is framed by the workspace's own preview page, and by nothing else
  const preview = /^(?:\/[a-z]{2})?\/admin\/studies\/[^/]+\/preview\/questionnaire$/.test(path);
  if (embed ? ancestors !== '*' : ancestors !== (preview ? "'self'" : "'none'")) problems.push(`frame-ancestors ${ancestors}`);
  if (!embed && headers['x-frame-options'] !== (preview ? 'SAMEORIGIN' : 'DENY')) problems.push(`X-Frame-Options ${headers['x-frame-options']}`);
  if (headers['x-content-type-options'] !== 'nosniff') problems.push('no nosniff');
  if (headers['referrer-policy'] !== 'no-referrer') problems.push(`Referrer-Policy ${headers['referrer-policy']}`);
  if (PRIVATE.test(path) && !/no-store/.test(String(headers['cache-control'] ?? ''))) problems.push(`Cache-Control ${headers['cache-control']} on a private page`);
  if (/text\/html/.test(String(headers['content-type']))) {
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    for (const tag of body.match(/<script\b[^>]*>/gi) ?? []) {
      if (!/\ssrc=/.test(tag) && !(nonce && tag.includes(`nonce="${nonce}"`))) problems.push(`inline script without the nonce: ${tag}`);
    }
    const handler = /<[a-z][^>]*\son[a-z]+\s*=/i.exec(body);
    if (handler) problems.push(`inline event handler: ${handler[0].slice(0, 80)}`);
    if (/(?:href|src|action)="\s*javascript:/i.test(body)) problems.push('javascript: URL');
  }
  return problems;
}

for (const database of TEST_DATABASES) {
  describe(`security headers on every GET route [${database.name}]`, () => {
    let app: PopulatedApp;
    before(async () => {
      app = await startPopulatedApp(database);
    });
    after(() => app.close());

    it('sends a nonce CSP, frame-ancestors none except embeds, nosniff, no-referrer and no-store on private pages', async () => {
      const wave = app.published;
      // a sending scheduled far ahead (never run here): its progress page is reached only by the send's redirect
      const job = await app.store.jobs.enqueue({ kind: 'invitations', waveId: app.open.id, runAt: new Date('2099-01-01T00:00:00Z'), createdBy: 'owner@example.org' });
      const seeds = [
        '/',
        '/en/',
        '/resultats',
        '/en/results',
        `/resultats/${wave.studyId}`,
        `/en/results/${wave.studyId}`,
        `/livre-blanc/${wave.studyId}`,
        `/en/white-paper/${wave.studyId}`,
        '/api/docs',
        '/api/reference',
        '/api/reference/json',
        '/api/reference/yaml',
        '/api/reference/static/index.html',
        '/favicon.ico',
        '/apple-touch-icon.png',
        '/healthz',
        '/readyz',
        '/white-paper',
        '/livre-blanc',
        '/admin/login',
        '/unsubscribe?t=abc',
        `/resultats/${wave.studyId}/methodology`,
        `/results/${wave.studyId}/methodologie`,
        '/en/white-paper/download/unknown-token',
        '/respond/logic.js',
        '/static/app.css',
        '/static/respond.js',
        '/static/admin.css',
        '/static/favicon.svg',
        '/no-such-page',
        `/survey/${app.open.id}`,
        `/s/${app.open.studyId}/${app.open.code}`,
        app.invitationPath,
        `/en${app.invitationPath}`,
        app.benchmarkPath,
        `${app.benchmarkPath}/pdf`,
        '/benchmark/unknown-token',
        '/livre-blanc/telechargement/unknown-token',
        ...(app.downloadPath ? [app.downloadPath] : []),
        '/api/v1/studies',
        `/api/v1/studies/${wave.studyId}/waves`,
        `/api/v1/studies/${wave.studyId}/waves/${wave.code}/results`,
        '/admin',
        '/admin/waves/new',
        '/admin/users',
        '/admin/gdpr',
        '/admin/audit',
        '/admin/leads',
        '/admin/leads.csv',
        '/admin/studies',
        `/admin/studies/${wave.studyId}/diff?from=1&to=1`,
        `/admin/studies/${wave.studyId}/versions/1/download`,
        `/admin/studies/${wave.studyId}/edit`,
        '/admin/study-editor.js',
        `/admin/studies/${wave.studyId}/preview/questionnaire?version=1`,
        `/admin/waves/${app.open.id}/jobs`,
        `/admin/waves/${app.open.id}/jobs/${job.id}`,
        `/admin/waves/${app.open.id}/jobs/${job.id}/file`,
        ...[wave, app.open].flatMap((w) => ['', '/contacts', '/monitor', '/cleaning', '/weighting'].map((s) => `/admin/waves/${w.id}${s}`)),
        ...EXPORT_FORMATS.map((f) => `/admin/waves/${wave.id}/export/${f}`),
        `/admin/waves/${app.open.id}/confirm?action=close`,
        `/admin/waves/${wave.id}/confirm?action=unpublish`,
        '/admin/leads/1/erase',
      ];
      const getRoutes = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.url))];
      const perRoute = new Map<string, number>();
      /** at most 4 URLs per route (the dashboard's filter links would otherwise multiply) */
      const wanted = (url: string) => {
        const route = getRoutes.find((r) => patternOf(r).test(pathOf(url))) ?? pathOf(url);
        const n = perRoute.get(route) ?? 0;
        perRoute.set(route, n + 1);
        return n < 4;
      };
      const queue = [...seeds];
      const seen = new Set<string>();
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      while (queue.length > 0 && seen.size < 400) {
        const url = queue.shift()!;
        if (seen.has(url) || /\/admin\/logout/.test(url)) continue;
        seen.add(url);
        if (!seeds.includes(url) && !wanted(url)) continue;
        const admin = pathOf(url).startsWith('/admin');
        const response = await app.app.inject({ url, headers: admin ? { cookie: app.owner.cookie() } : {} });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500) problems.push(`${url}: ${response.statusCode}`);
        for (const p of headerProblems(url, response.headers, response.body)) problems.push(`${url}: ${p}`);
        const location = response.headers.location;
        if (typeof location === 'string' && location.startsWith('/')) queue.push(location);
        if (/text\/html/.test(String(response.headers['content-type']))) {
          for (const link of linksOf(response.body)) if (!seen.has(link)) queue.push(link);
        }
      }
      const visited = [...seen].map(pathOf);
      const missed = getRoutes.filter((route) => !visited.some((path) => patternOf(route).test(path)));
      console.log(
        `# ${[...statuses.values()].reduce((a, b) => a + b, 0)} URLs requested, ${getRoutes.length} GET routes, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      assert.deepEqual(missed, [], 'every GET route was requested');
      assert.deepEqual(problems, []);
    });
  });
}
