import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { svgSize } from '../../src/report/charts/index.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const CHARTS = '/charts/social-media-barometer/2016';

describe('charts drawn for their width', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ listen: false });
    await generateDemo(server.store, { waves: [2015, 2016] });
  });
  after(() => server?.close());

  it('serves each chart wide (640 px) and narrow (300 px), as SVG and as PNG at twice the size', async () => {
    const wide = await server.app.inject(`${CHARTS}/theme-challenges.svg`);
    const narrow = await server.app.inject(`${CHARTS}/theme-challenges.narrow.svg`);
    assert.equal(wide.statusCode, 200);
    assert.equal(narrow.statusCode, 200);
    assert.equal(svgSize(wide.body).width, 640);
    assert.equal(svgSize(narrow.body).width, 300);
    assert.ok(svgSize(narrow.body).height > svgSize(wide.body).height * 0.8, 'the narrow chart re-lays out: labels above the bars make it taller than a shrunk wide one');
    // the narrow chart's text is 12 px or more, the wide one's 11 px or more
    const smallest = (svg: string) => Math.min(...[...svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1])));
    assert.ok(smallest(narrow.body) >= 12 && smallest(wide.body) >= 11);
    const png = await server.app.inject(`/en${CHARTS}/theme-challenges.narrow.png`);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.rawPayload.readUInt32BE(16), 600, 'PNG width');
    for (const file of ['theme-challenges.wide.svg', 'theme-challenges.narrow', 'nope.narrow.svg']) {
      assert.equal((await server.app.inject(`${CHARTS}/${file}`)).statusCode, 404, file);
    }
  });

  it('puts both in one picture with one text alternative, and shows the cut view charts inline', async () => {
    const page = await server.app.inject('/resultats/social-media-barometer?wave=2016&cut=company_size');
    assert.equal(page.statusCode, 200);
    const pictures = [...page.body.matchAll(/<picture class="chart-picture">([\s\S]*?)<\/picture>/g)].map((m) => m[1]!);
    assert.ok(pictures.length > 0);
    for (const picture of pictures) {
      const wide = /<source media="\(min-width: 43\.5em\)" srcset="([^"]+)\.svg" type="image\/svg\+xml">/.exec(picture)?.[1];
      const narrow = /<img src="([^"]+)\.narrow\.svg" alt="[^"]{20,}" loading="lazy">/.exec(picture)?.[1];
      assert.ok(wide && wide === narrow, picture);
      assert.equal(picture.match(/alt=/g)?.length, 1);
    }
    // every indicator of the cut table has its chart on the page, not only behind a link
    const linked = [...page.body.matchAll(/class="chart-link" href="[^"]*\/(cut-company_size-[a-z0-9_]+)\.svg"/g)].map((m) => m[1]);
    assert.ok(linked.length > 3);
    for (const id of linked) assert.ok(page.body.includes(`<figure class="chart" id="figure-${id}">`), id);
    const whole = await server.app.inject('/resultats/social-media-barometer?wave=2016');
    assert.ok(!whole.body.includes('id="figure-cut-'), 'no cut chart without a cut');
  });
});
