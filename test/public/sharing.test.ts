import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waveStudy } from '../../src/analysis/wave-study.js';
import { generateDemo } from '../../src/demo/index.js';
import { OPENAPI_DOCUMENT } from '../../src/server/routes/api/openapi-document.js';
import type { Wave } from '../../src/store/index.js';
import { startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';

const STUDY = 'social-media-barometer';
const SITE = 'https://barometre.example.org';
/** A 1×1 transparent PNG. */
const PNG_LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const metaContent = (body: string, key: string) => new RegExp(`<meta (?:property|name)="${key.replace(/:/g, ':')}" content="([^"]*)">`).exec(body)?.[1];

describe('sharing: embed codes, icons, the API reference, Open Graph and the study’s branding', () => {
  let t: AdminTestApp;
  let wave: Wave;
  before(async () => {
    t = await startAdminApp(TEST_DATABASES[0], { PUBLIC_URL: SITE });
    await generateDemo(t.store, { waves: [2015], n: 400 });
    wave = (await t.store.waves.getByCode(STUDY, '2015'))!;
  });
  after(() => t?.close());
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { host: 'barometre.example.org', ...headers } });

  it('puts beside each chart the code to embed it: an iframe of its embeddable page at PUBLIC_URL, with a title and a height, and a copy button left hidden without script', async () => {
    const page = await get(`/en/results/${STUDY}`);
    assert.equal(page.statusCode, 200);
    const figures = page.body.match(/<figure class="chart"/g) ?? [];
    const codes = [...page.body.matchAll(/<textarea id="embed-code-([^"]+)" class="embed-code-text" rows="3" readonly spellcheck="false">([^<]*)<\/textarea>/g)];
    assert.ok(figures.length > 0);
    assert.equal(codes.length, figures.length, 'one code per chart');
    const [, id, escaped] = codes[0]!;
    const code = escaped!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    assert.match(code, new RegExp(`^<iframe src="${SITE}/en/embed/${STUDY}/2015/${id}" title="[^"]+" width="100%" height="\\d+" style="border:0" loading="lazy"></iframe>$`));
    assert.match(page.body, new RegExp(`<label for="embed-code-${id}">Code to paste into your page`));
    assert.match(page.body, /<button type="button" class="secondary copy-code" data-copy="embed-code-[^"]+" data-copied="Code copied" hidden>Copy the code<\/button>/);
    assert.match(page.body, /<script src="\/static\/copy-code.js" nonce="[^"]+" defer><\/script>/);
    const script = await get('/static/copy-code.js');
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    // the embedded page the code points at is framable
    const embed = await get(new URL(/src="([^"]+)"/.exec(code)![1]!).pathname);
    assert.equal(embed.statusCode, 200);
    assert.match(String(embed.headers['content-security-policy']), /frame-ancestors \*/);
    // the French page has its own words
    const french = await get(`/resultats/${STUDY}`);
    assert.match(french.body, /<summary>Code d’intégration<\/summary>/);
  });

  it('serves the icons with their types and links them from every page', async () => {
    const ico = await get('/favicon.ico');
    assert.equal(ico.statusCode, 200);
    assert.equal(ico.headers['content-type'], 'image/vnd.microsoft.icon');
    assert.deepEqual([...ico.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
    const svg = await get('/static/favicon.svg');
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    const touch = await get('/apple-touch-icon.png');
    assert.equal(touch.headers['content-type'], 'image/png');
    assert.equal(touch.rawPayload.subarray(1, 4).toString('latin1'), 'PNG');
    for (const url of ['/', `/resultats/${STUDY}`, '/admin/login']) {
      const page = await get(url);
      assert.match(page.body, /<link rel="icon" href="\/favicon.ico" sizes="32x32">/, url);
      assert.match(page.body, /<link rel="icon" href="\/static\/favicon.svg" type="image\/svg\+xml">/, url);
    }
  });

  it('serves a human API reference (Swagger UI) from our OpenAPI document, every file of it from this server, under the site’s script policy', async () => {
    const page = await get('/api/reference');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<title>API reference<\/title>/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.length >= 5);
    for (const asset of assets) {
      assert.ok(asset.startsWith('/api/reference/static/'), `served locally: ${asset}`);
      const response = await get(asset);
      assert.equal(response.statusCode, 200, asset);
    }
    assert.ok(assets.some((a) => a.endsWith('swagger-ui-bundle.js')));
    const csp = String(page.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*/);
    assert.match(csp, /script-src-attr 'none'/);
    assert.doesNotMatch(page.body, /<script(?![^>]*\ssrc=)/, 'no inline script');
    const initializer = await get('/api/reference/static/swagger-initializer.js');
    assert.match(initializer.body, /validatorUrl/);
    assert.deepEqual((await get('/api/reference/json')).json(), JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    // the JSON stays at /api/docs for programs; a browser is sent to the reference
    const json = await get('/api/docs');
    assert.equal(json.statusCode, 200);
    assert.deepEqual(json.json(), JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    const browser = await get('/api/docs', { accept: 'text/html,application/xhtml+xml' });
    assert.equal(browser.statusCode, 302);
    assert.equal(browser.headers.location, '/api/reference');
    // linked from the footer of every page
    assert.match((await get('/en/')).body, /<a href="\/api\/reference">Open data: the API and its reference<\/a>/);
  });

  it('gives each dashboard Open Graph and Twitter card tags: the study’s title and description, the first chart’s PNG at PUBLIC_URL', async () => {
    const page = await get(`/en/results/${STUDY}`);
    const study = await waveStudy(t.store, wave);
    assert.equal(metaContent(page.body, 'og:title'), `${study.title.en} — ${wave.title}`);
    assert.equal(metaContent(page.body, 'og:description'), study.description.en!.replace(/’/g, '’'));
    assert.equal(metaContent(page.body, 'og:url'), `${SITE}/en/results/${STUDY}`);
    assert.equal(metaContent(page.body, 'og:locale'), 'en_GB');
    assert.equal(metaContent(page.body, 'twitter:card'), 'summary_large_image');
    const image = metaContent(page.body, 'og:image')!;
    assert.match(image, new RegExp(`^${SITE}/en/charts/${STUDY}/2015/theme-[a-z0-9_-]+\\.png$`));
    assert.equal(metaContent(page.body, 'twitter:image'), image);
    assert.ok(metaContent(page.body, 'og:image:alt')!.length > 20, 'the chart’s text alternative');
    const png = await get(new URL(image).pathname);
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    const french = await get(`/resultats/${STUDY}?wave=2015`);
    assert.equal(metaContent(french.body, 'og:url'), `${SITE}/resultats/${STUDY}?wave=2015`);
    assert.equal(metaContent(french.body, 'og:locale'), 'fr_FR');
  });

  it('dresses the study’s pages in its branding (logo, accent colour as --accent in a nonce style) and leaves other studies as they were', async () => {
    const before = await get(`/en/results/${STUDY}`);
    assert.doesNotMatch(before.body, /class="study-logo"/);
    assert.doesNotMatch(before.body, /--accent:/);
    const study = await waveStudy(t.store, wave);
    const saved = await t.store.studies.saveVersion(STUDY, (version) => JSON.parse(JSON.stringify({ ...study, version, branding: { logo: PNG_LOGO, accentColor: '#7A1F5C' } })));
    await t.store.waves.update(wave.id, { studyVersionId: saved.studyVersion.id });
    const page = await get(`/en/results/${STUDY}`);
    assert.equal(page.statusCode, 200);
    const nonce = /style-src [^;]*'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))![1];
    assert.ok(page.body.includes(`<style nonce="${nonce}">:root { --accent: #7a1f5c; --accent-dark: #5c1745; }</style>`), 'the colour, lower-cased, with its darker shade');
    assert.ok(page.body.includes(`<img class="study-logo" src="${PNG_LOGO}" alt="Logo of ${study.title.en}">`));
    const form = await get(`/en/white-paper/${STUDY}`);
    assert.match(form.body, /--accent: #7a1f5c/);
  });
});
