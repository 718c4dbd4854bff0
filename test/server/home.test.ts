import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openStore, type Store } from '../../src/store/index.js';

let app: FastifyInstance;
let store: Store;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'barometre-home-'));
  store = await openStore({ dataDir: dir });
  app = await createApp({ store, config: loadConfig({ DATA_DIR: dir, SECRET_KEY: 'k'.repeat(32) }) });
  await app.ready();
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('home page', () => {
  it('says when nothing is published or in fieldwork', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Aucune collecte n’est ouverte/);
    assert.doesNotMatch(res.body, /href="\/survey\//);
  });

  it('names the barometer and links to its results, its open questionnaire and the white paper', async () => {
    const document = {
      id: 'social-media-barometer',
      title: { fr: 'Baromètre des médias sociaux <test>', en: 'Social media barometer <test>' },
      description: { fr: 'Usage des médias sociaux en entreprise.', en: 'Social media use in companies.' },
      estimatedMinutes: 12,
    };
    const { studyVersion } = await store.studies.saveVersion('social-media-barometer', document);
    const published = await store.waves.create({ studyId: 'social-media-barometer', code: '2025', studyVersionId: studyVersion.id, title: '2025' });
    await store.waves.setStatus(published.id, 'published');
    const open = await store.waves.create({ studyId: 'social-media-barometer', code: '2026', studyVersionId: studyVersion.id, title: '2026', status: 'fieldwork' });

    const fr = await app.inject({ url: '/' });
    assert.match(fr.body, /<h1>Baromètre des médias sociaux &lt;test&gt;<\/h1>/);
    assert.match(fr.body, /<title>Baromètre des médias sociaux &lt;test&gt; – Baromètre<\/title>/);
    assert.match(fr.body, /L’édition 2026 est en cours de collecte\. Le questionnaire prend environ 12 minutes\./);
    assert.ok(fr.body.includes(`href="/survey/${open.id}"`));
    assert.ok(fr.body.includes('href="/results"'));
    assert.ok(fr.body.includes('href="/white-paper"'));
    // this stored document does not validate and its wave has no response: the card still names and links the study
    assert.ok(fr.body.includes('href="/resultats/social-media-barometer"'));
    assert.ok(fr.body.includes('href="/livre-blanc/social-media-barometer"'));
    assert.match(fr.body, /Dernière édition\u00A0: 2025</);

    const en = await app.inject({ url: '/en/' });
    assert.match(en.body, /<h1>Social media barometer &lt;test&gt;<\/h1>/);
    assert.ok(en.body.includes(`href="/en/survey/${open.id}"`));
    assert.ok(en.body.includes('href="/en/results"'));
  });
});
