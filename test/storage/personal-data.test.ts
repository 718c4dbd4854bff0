import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Contact, Invitation, NewResponse, ResponseRecord, Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';

const OLD = new Date('2020-01-01T00:00:00.000Z');
const CUTOFF = '2021-01-01T00:00:00.000Z';
const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

// The statements of the right to erasure and of the retention rule (src/store/repositories/personal-data-repository.ts),
// one by one, on every database: the one that searches texts is written differently on SQLite and PostgreSQL.
for (const database of TEST_DATABASES) {
  describe(`personal data: erasure and retention statements [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    let ann: Contact;
    let bob: Contact;
    let annInvitation: Invitation;
    /** by e-mail, by notification e-mail, through ann's invitation, quoting ann, quoting a look-alike, unrelated */
    let r: Record<'byEmail' | 'byNotify' | 'invited' | 'quoting' | 'lookalike' | 'other', ResponseRecord>;

    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
      ann = await store.contacts.create({ waveId: wave.id, email: 'Ann@Example.org' }, OLD);
      bob = await store.contacts.create({ waveId: wave.id, email: 'bob@example.org' });
      annInvitation = await store.invitations.create({ waveId: wave.id, contactId: ann.id, tokenHash: 'a'.repeat(64) }, OLD);
      await store.invitations.addToken(annInvitation.id, 'b'.repeat(64), OLD);
      await store.invitations.create({ waveId: wave.id, contactId: bob.id, tokenHash: 'c'.repeat(64) });
      const partial = (publicId: string, extra: Partial<NewResponse>) => store.responses.createPartial({ waveId: wave.id, publicId, ...extra });
      r = {
        byEmail: await partial('by-email', { email: 'ANN@example.org', company: 'Ann & Co', browserHash: 'h1', answers: { q1: 1, note: 'hello' } }),
        byNotify: await partial('by-notify', { answers: { q1: 2 } }),
        invited: await partial('invited', { invitationId: annInvitation.id, answers: { q1: 3, name: 'Ann' } }),
        quoting: await partial('quoting', { answers: { note: 'write to ann@EXAMPLE.org please' } }),
        lookalike: await partial('lookalike', { answers: { note: 'a.n.n@example.org, annXexample.org, 100% sure' } }),
        other: await partial('other', { email: 'bob@example.org', answers: { q1: 4 } }),
      };
      r.byNotify = await store.responses.update(r.byNotify.id, { notifyEmail: 'Ann@example.ORG', benchmarkTokenHash: 'f'.repeat(64) });
      await store.auditLog.append({ action: 'contact.add', details: { email: 'ann@example.org', by: 'admin' } });
      await store.auditLog.append({ action: 'contact.add', details: { email: 'bob@example.org' } });
      await store.leads.create({ studyId: 'test-study', name: 'Ann', email: 'ANN@example.org', consentContact: true }, OLD);
      await store.leads.create({ studyId: 'test-study', name: 'Bob', email: 'bob@example.org', consentContact: false });
    });
    after(() => store.close());

    it('finds contacts by address in any case, and by creation time', async () => {
      const data = store.personalData;
      assert.deepEqual(await data.contactIdsByEmail('ann@example.org'), [ann.id]);
      assert.deepEqual(await data.contactIdsByEmail('nobody@example.org'), []);
      assert.deepEqual(await data.contactIdsCreatedBefore(CUTOFF), [ann.id]);
    });

    it('finds the invitations of contacts, and none for no contact', async () => {
      assert.deepEqual(await store.personalData.invitationIdsOfContacts([ann.id]), [annInvitation.id]);
      assert.deepEqual(await store.personalData.invitationIdsOfContacts([]), []);
    });

    it("finds a person's responses by e-mail, notification e-mail (any case) and invitation, and no one else's", async () => {
      const own = await store.personalData.responsesOfPerson('ann@example.org', [annInvitation.id]);
      assert.deepEqual(sorted(own.map((x) => x.id)), sorted([r.byEmail.id, r.byNotify.id, r.invited.id]));
      assert.ok(own.every((x) => x.waveId === wave.id));
      const withoutInvitation = await store.personalData.responsesOfPerson('ann@example.org', []);
      assert.deepEqual(sorted(withoutInvitation.map((x) => x.id)), sorted([r.byEmail.id, r.byNotify.id]));
    });

    it('reads answers parsed, by response and by invitation', async () => {
      const answers = await store.personalData.responseAnswers([r.byEmail.id, r.other.id]);
      assert.deepEqual(
        answers.map((a) => [a.id, a.waveId, a.answers]).sort((a, b) => Number(a[0]) - Number(b[0])),
        [
          [r.byEmail.id, wave.id, { q1: 1, note: 'hello' }],
          [r.other.id, wave.id, { q1: 4 }],
        ],
      );
      assert.deepEqual(await store.personalData.responseAnswers([]), []);
      const invited = await store.personalData.responseAnswersOfInvitations([annInvitation.id]);
      assert.deepEqual(
        invited.map((a) => [a.id, a.answers]),
        [[r.invited.id, { q1: 3, name: 'Ann' }]],
      );
      assert.deepEqual(await store.personalData.responseAnswersOfInvitations([]), []);
    });

    it('finds answers and audit details quoting an address in any case, with LIKE wildcards taken literally', async () => {
      const quoting = await store.personalData.responsesQuoting('ann@example.org');
      assert.deepEqual(
        quoting.map((q) => q.id),
        [r.quoting.id],
      );
      assert.equal(quoting[0].answers.note, 'write to ann@EXAMPLE.org please');
      // `_` and `%` match one and any characters in LIKE: they must match only themselves here
      assert.deepEqual(await store.personalData.responsesQuoting('ann_example.org'), []);
      assert.deepEqual(await store.personalData.responsesQuoting('a%n@example.org'), []);
      assert.deepEqual(
        (await store.personalData.responsesQuoting('100% SURE')).map((q) => q.id),
        [r.lookalike.id],
      );
      const entries = await store.personalData.auditEntriesQuoting('ANN@EXAMPLE.ORG');
      assert.equal(entries.length, 1);
      assert.deepEqual(entries[0].details, { email: 'ann@example.org', by: 'admin' });
    });

    it('clears the identity of responses, keeping the benchmark token hash when asked, and leaves the answers', async () => {
      await store.personalData.clearResponseIdentity([r.byNotify.id], { keepBenchmarkToken: true });
      const kept = (await store.responses.getById(r.byNotify.id))!;
      assert.equal(kept.notifyEmail, null);
      assert.equal(kept.benchmarkTokenHash, 'f'.repeat(64));
      await store.personalData.clearResponseIdentity([r.byEmail.id, r.byNotify.id, r.invited.id]);
      await store.personalData.clearResponseIdentity([]);
      for (const id of [r.byEmail.id, r.byNotify.id, r.invited.id]) {
        const cleared = (await store.responses.getById(id))!;
        assert.deepEqual(
          [cleared.email, cleared.notifyEmail, cleared.notifiedAt, cleared.company, cleared.invitationId, cleared.browserHash, cleared.benchmarkTokenHash],
          [null, null, null, null, null, null, null],
        );
      }
      assert.deepEqual((await store.responses.getById(r.byEmail.id))!.answers, { q1: 1, note: 'hello' });
      assert.equal((await store.responses.getById(r.other.id))!.email, 'bob@example.org', 'others untouched');
    });

    it('rewrites answers, with the packed vector when given and without touching it otherwise', async () => {
      await store.personalData.rewriteAnswers(r.byEmail.id, { q1: 1 }, new Uint8Array([1, 2, 3]));
      let read = (await store.responses.getById(r.byEmail.id))!;
      assert.deepEqual(read.answers, { q1: 1 });
      assert.deepEqual([...read.packed!], [1, 2, 3]);
      await store.personalData.rewriteAnswers(r.byEmail.id, { q1: 5 });
      read = (await store.responses.getById(r.byEmail.id))!;
      assert.deepEqual(read.answers, { q1: 5 });
      assert.deepEqual([...read.packed!], [1, 2, 3]);
    });

    it('rewrites audit details', async () => {
      const [entry] = await store.personalData.auditEntriesQuoting('ann@example.org');
      await store.personalData.rewriteAuditDetails(entry.id, { email: '[gone]', by: 'admin' });
      assert.deepEqual(await store.personalData.auditEntriesQuoting('ann@example.org'), []);
      assert.deepEqual((await store.auditLog.list({ action: 'contact.add' })).map((e) => e.details).reverse(), [{ email: '[gone]', by: 'admin' }, { email: 'bob@example.org' }]);
    });

    it('deletes responses, invitations with their links, contacts and leads, counting them', async () => {
      const data = store.personalData;
      assert.equal(await data.deleteResponses([r.lookalike.id, r.quoting.id]), 2);
      assert.equal(await data.deleteResponses([]), 0);
      assert.equal(await store.responses.getById(r.quoting.id), undefined);
      assert.equal(await data.deleteInvitations([annInvitation.id]), 1);
      assert.equal(await data.deleteInvitations([]), 0);
      assert.equal(await store.invitations.get(annInvitation.id), undefined);
      assert.equal(await store.invitations.getByTokenHash('b'.repeat(64)), undefined, 'the reminder link went with it');
      assert.ok(await store.invitations.getByTokenHash('c'.repeat(64)), "bob's invitation stays");
      assert.equal(await data.deleteContacts([ann.id]), 1);
      assert.equal(await data.deleteContacts([]), 0);
      assert.deepEqual(await data.contactIdsByEmail('ann@example.org'), []);
      assert.equal(await data.deleteLeadsByEmail('ann@example.org'), 1);
      assert.equal(await data.deleteLeadsCreatedBefore(CUTOFF), 0);
      assert.equal(await data.deleteLeadsCreatedBefore('2999-01-01T00:00:00.000Z'), 1);
      assert.deepEqual(await store.leads.list('test-study'), []);
    });

    it('compacts the storage: on SQLite a deleted text is gone from the file and its log', async () => {
      const marker = `erase-me-${database.name}-7f3a9c`;
      const file = join(store.options.dataDir, 'barometre.sqlite');
      const onDisk = () => [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
      const response = await store.responses.createPartial({ waveId: wave.id, publicId: 'compact', answers: { note: marker } });
      assert.equal(await store.personalData.deleteResponses([response.id]), 1);
      if (database.name === 'sqlite')
        assert.ok(
          onDisk().some((bytes) => bytes.includes(marker)),
          'a deleted row stays on disk until compacted',
        );
      await store.compact();
      if (database.name === 'sqlite')
        assert.ok(
          onDisk().every((bytes) => !bytes.includes(marker)),
          'no trace of the deleted text',
        );
      // PostgreSQL leaves dead tuples to autovacuum: compact() resolves and the store goes on
      assert.equal((await store.responses.createPartial({ waveId: wave.id, publicId: 'after-compact' })).status, 'partial');
    });
  });
}
