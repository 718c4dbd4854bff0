import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { respondSecrets } from '../../src/server/routes/respond/respond-secrets.js';
import { startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { readStructure, structText, unmarkedPainting } from '../white-paper/pdf-structure.js';
import { pdfInfo, qpdfCheck, spaces } from '../white-paper/pdf-tools.js';
import { t as message } from '../../src/messages/index.js';

const STUDY = 'social-media-barometer';

describe('the benchmark PDF is tagged for screen readers', () => {
  let t: AdminTestApp;
  let token: string;

  before(async () => {
    t = await startAdminApp(TEST_DATABASES[0]);
    await generateDemo(t.store, { waves: [2016, 2017], n: 400 });
    const wave = (await t.store.waves.getByCode(STUDY, '2017'))!;
    const [response] = await t.store.responses.list(wave.id, { status: 'complete', limit: 1 });
    const secrets = respondSecrets(t.config.secretKey);
    token = secrets.benchmarkToken(response.publicId);
    await t.store.responses.update(response.id, { benchmarkTokenHash: secrets.tokenHash(token) });
  });
  after(() => t?.close());

  for (const lang of ['fr', 'en'] as const) {
    it(`is tagged in ${lang}: language, headings, the maturity chart as a Figure with its scores, tables, no untagged painting`, async () => {
      const reply = await t.app.inject({ url: `${lang === 'en' ? '/en' : ''}/benchmark/${token}/pdf` });
      assert.equal(reply.statusCode, 200);
      const pdf = reply.rawPayload;
      assert.equal(pdfInfo(pdf).Tagged, 'yes');
      assert.equal(qpdfCheck(pdf).status, 0);
      const { catalog, elements, pages } = readStructure(pdf);
      assert.match(catalog, new RegExp(`/Lang \\(${lang === 'fr' ? 'fr-FR' : 'en-GB'}\\)`));
      assert.match(catalog, /\/StructTreeRoot \d+ 0 R/);
      pages.forEach((content, k) => assert.deepEqual(unmarkedPainting(content), [], `page ${k + 1}`));
      const figures = elements.filter((e) => e.type === 'Figure');
      assert.equal(figures.length, 1);
      const alt = figures[0].alt ?? '';
      assert.ok(alt.startsWith(message(lang, 'benchmark.maturity.chart')), alt);
      assert.match(alt, /: \d+/, 'with the scores');
      const nodes = structText(pdf);
      assert.deepEqual(
        nodes.filter((n) => n.type === 'H1').map((n) => n.text),
        [message(lang, 'benchmark.title')],
      );
      const h2 = nodes.filter((n) => n.type === 'H2').map((n) => spaces(n.text));
      for (const key of ['maturity.title', 'recommendations.title', 'indicators.title'] as const)
        assert.ok(h2.includes(spaces(message(lang, `benchmark.${key}`))), `${key} in ${h2.join(' | ')}`);
      assert.ok(elements.filter((e) => e.type === 'Table').length >= 2);
      assert.ok(elements.some((e) => e.type === 'TH') && elements.some((e) => e.type === 'TD'));
      assert.ok(
        nodes.some((n) => n.type === 'LBody'),
        'the recommendations as a list',
      );
      assert.ok(!nodes.some((n) => new RegExp(`${message(lang, 'benchmark.title')} — `).test(n.text)), 'the running header is an artifact');
    });
  }
});
