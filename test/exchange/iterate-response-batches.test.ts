import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResponseStatus, Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

const open = (i: number) => (i % 3 === 0 ? `réponse « ${i} » 👍 "quoted" \\ back\nline` : i % 3 === 1 ? '' : undefined);

for (const database of TEST_DATABASES) {
  describe(`responses.iterateResponseBatches [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      const { studyVersion } = await store.studies.saveVersion('batch-study', { id: 'batch-study', pages: [] });
      wave = await store.waves.create({ studyId: 'batch-study', code: '2015', studyVersionId: studyVersion.id, title: 'w' });
      await store.responses.insertMany(
        Array.from({ length: 30 }, (_, i) => ({
          waveId: wave.id,
          status: i % 5 === 4 ? ('partial' as const) : ('complete' as const),
          answers: { q: i, ...(open(i) !== undefined ? { open: open(i)! } : {}), n: 3, other_text: i === 8 ? 'x' : 7 },
          // partials have no vector; response 12 has one of another layout
          packed: i % 5 === 4 ? null : i === 12 ? Uint8Array.of(1) : Uint8Array.of(i, 0, 255),
          startedAt: '2015-03-01T08:00:00.000Z',
          excluded: i === 7,
        })),
      );
    });
    after(() => store.close());

    interface Flat {
      id: number;
      flags: number;
      packed: number[] | null;
      answers: unknown;
      texts: readonly (string | null)[];
    }
    const read = async (options: { status?: ResponseStatus; includeExcluded?: boolean; batchSize: number }) => {
      const rows: Flat[] = [];
      let maxBytes: readonly number[] | null = null;
      for await (const b of store.responses.iterateResponseBatches(wave.id, {
        ...options,
        packedSize: 3,
        textKeys: ['open', 'n', 'missing', 'other_text'],
        onTextBytes: (bytes) => void (maxBytes = bytes),
      })) {
        assert.ok(maxBytes, 'the text lengths come before the first batch');
        assert.equal(b.packed.byteLength, b.n * 3);
        for (let i = 0; i < b.n; i++) {
          const unpacked = b.unpacked.find((u) => u.row === i);
          rows.push({
            id: b.ids[i],
            flags: b.flags[i],
            packed: unpacked ? null : [...b.packed.subarray(3 * i, 3 * i + 3)],
            answers: unpacked?.answers ?? null,
            texts: b.texts.find((t) => t.row === i)?.texts ?? [null, null, null, null],
          });
        }
      }
      return { rows, maxBytes: maxBytes as readonly number[] | null };
    };

    it('streams kept complete responses in id order, vectors end to end and texts extracted by the database', async () => {
      for (const batchSize of [2, 7, 1000]) {
        const { rows, maxBytes } = await read({ status: 'complete', batchSize });
        assert.equal(rows.length, 23, `batches of ${batchSize}`);
        assert.ok(rows.every((r, k) => k === 0 || r.id > rows[k - 1].id));
        assert.ok(rows.every((r) => r.flags === 1));
        assert.ok(
          rows.some((r) => r.packed),
          'some rows come with a vector',
        );
        for (const r of rows) if (r.packed) assert.deepEqual(r.packed.slice(1), [0, 255], 'the vectors, NUL and 0xff bytes included');
        const first = rows[0];
        assert.deepEqual(first.texts, [open(0), null, null, null], 'strings only: numbers and absent keys give null');
        assert.deepEqual(rows[1].texts.slice(0, 1), [''], 'an empty string stays a string');
        assert.deepEqual(rows.find((r) => r.texts[3] !== null)?.texts, [null, null, null, 'x']);
        const kept = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 5 !== 4 && i !== 7);
        assert.deepEqual(maxBytes, [Math.max(...kept.map((i) => Buffer.byteLength(open(i) ?? ''))), 0, 0, 1], 'longest strings in UTF-8 bytes, 0 when none');
        const odd = rows.filter((r) => r.packed === null);
        assert.equal(odd.length, 1, 'the vector of another layout comes as answers');
        assert.deepEqual(odd[0].answers, { q: 12, open: open(12), n: 3, other_text: 7 });
      }
    });

    it('streams every response with its status and exclusion, partials with their answers', async () => {
      const { rows } = await read({ includeExcluded: true, batchSize: 4 });
      assert.equal(rows.length, 30);
      assert.ok(rows.every((r, k) => k === 0 || r.id > rows[k - 1].id));
      assert.deepEqual(
        rows.map((r) => r.flags & 1),
        Array.from({ length: 30 }, (_, i) => (i % 5 === 4 ? 0 : 1)),
      );
      assert.deepEqual(
        rows.map((r) => (r.flags & 2) >> 1),
        Array.from({ length: 30 }, (_, i) => (i === 7 ? 1 : 0)),
      );
      const partial = rows.filter((r) => !(r.flags & 1));
      assert.ok(partial.every((r) => r.packed === null && (r.answers as { n: number }).n === 3));
      await assert.rejects(store.responses.iterateResponseBatches(wave.id, { packedSize: 3, textKeys: ["x') or 1=1 --"] }).next(), /bad answer key/);
    });
  });
}
