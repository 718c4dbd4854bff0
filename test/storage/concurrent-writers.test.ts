import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';
import { rawDatabase } from '../helpers/raw-database.js';

const WRITER = fileURLToPath(new URL('./fixtures/concurrent-writer.ts', import.meta.url));
const PAGES = 200;

/** Starts the writer process and resolves once it is connected; `go()` releases it; `done` ends with it. */
async function startWriter(args: object) {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited with ${code} before it was ready`)));
  });
  const done = once(child, 'exit').then(([code]) => {
    assert.equal(code, 0, 'writer process failed');
    assert.match(out, /done/);
  });
  await ready;
  return { go: () => child.stdin.write('go\n'), done };
}

for (const database of TEST_DATABASES) {
  describe(`concurrent writers [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
    });
    after(() => store.close());

    it(`keeps every page when two processes write ${PAGES} pages each into one response`, async () => {
      const r = await store.responses.createPartial({ waveId: wave.id });
      const writer = await startWriter({ options: store.options, responseId: r.id, count: PAGES, prefix: 'child' });
      writer.go();
      for (let i = 0; i < PAGES; i++) {
        await store.responses.savePage({ responseId: r.id, submissionId: `parent-${i}`, page: i % 7, answers: { [`parent${i}`]: i }, currentPage: i % 7 });
      }
      await writer.done;
      const answers = (await store.responses.getById(r.id))!.answers;
      assert.equal(Object.keys(answers).length, 2 * PAGES);
      for (let i = 0; i < PAGES; i++) {
        assert.equal(answers[`parent${i}`], i);
        assert.equal(answers[`child${i}`], i);
      }
      const submissions = await rawDatabase(store).selectFrom('submissions').select('submissionId').where('responseId', '=', r.id).execute();
      assert.equal(submissions.length, 2 * PAGES);
    });

    it(`lands ${2 * PAGES} interleaved page posts issued at once in one process`, async () => {
      const a = await store.responses.createPartial({ waveId: wave.id });
      const b = await store.responses.createPartial({ waveId: wave.id });
      await Promise.all(
        Array.from({ length: 2 * PAGES }, (_, i) => {
          const target = i % 2 === 0 ? a : b;
          return store.responses.savePage({ responseId: target.id, submissionId: `mixed-${i}`, page: 0, answers: { [`k${i}`]: i }, currentPage: 0 });
        }),
      );
      const keysA = Object.keys((await store.responses.getById(a.id))!.answers);
      const keysB = Object.keys((await store.responses.getById(b.id))!.answers);
      assert.equal(keysA.length, PAGES);
      assert.equal(keysB.length, PAGES);
      assert.ok(keysA.every((k) => Number(k.slice(1)) % 2 === 0));
    });
  });
}
