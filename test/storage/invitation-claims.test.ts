import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { migrationProvider } from '../../src/store/migrations/index.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { rawDatabase } from '../helpers/raw-database.js';
import { seedWave } from './fixtures/seed-wave.js';

const T0 = new Date('2015-03-01T10:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

for (const database of TEST_DATABASES) {
  describe(`invitation claims [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
    });
    after(() => store.close());

    it('refuses a second invitation for the same (wave, contact)', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'u@example.org' });
      await store.invitations.create({ waveId: wave.id, contactId: contact.id, tokenHash: 'u-1' });
      await assert.rejects(store.invitations.create({ waveId: wave.id, contactId: contact.id, tokenHash: 'u-2' }), (e) => (e as { code?: string }).code === 'CONFLICT');
    });

    it('lets one of many concurrent claims win, and a released claim be taken again', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'a@example.org' });
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: `a-${i}` }, T0)));
      const winners = claims.filter((c) => c !== undefined);
      assert.equal(winners.length, 1);
      const invitations = (await store.invitations.listByWave(wave.id)).filter((i) => i.contactId === contact.id);
      assert.equal(invitations.length, 1);
      assert.equal(invitations[0]!.claimedAt, T0.toISOString());
      // the winner's link opens the invitation
      const winnerToken = `a-${claims.findIndex((c) => c !== undefined)}`;
      assert.equal((await store.invitations.getByTokenHash(winnerToken))?.id, invitations[0]!.id);
      // a failed mail releases the claim: the next send claims it again
      await store.invitations.releaseClaim(winners[0]!.id);
      const again = await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: 'a-retry' }, later(1));
      assert.equal(again?.id, winners[0]!.id);
      // once sent, nobody claims it
      await store.invitations.markSent(again!.id, later(2));
      assert.equal(await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: 'a-late' }, later(3)), undefined);
    });

    it('takes over a claim left by a node that stopped mid-send', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'b@example.org' });
      assert.ok(await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: 'b-1' }, T0));
      assert.equal(await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: 'b-2' }, later(5)), undefined);
      assert.ok(await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: 'b-3' }, later(16)));
    });

    it('lets one claim per reminder round win, and gives a failed reminder back', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'c@example.org' });
      const invitation = (await store.invitations.claimInvitation({ waveId: wave.id, contactId: contact.id, tokenHash: 'c-1' }, T0))!;
      await store.invitations.markSent(invitation.id, T0);
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.invitations.claimReminder({ invitationId: invitation.id, seenCount: 0, tokenHash: `c-r${i}` }, later(60))),
      );
      const winners = claims.filter((c) => c !== undefined);
      assert.equal(winners.length, 1);
      assert.equal(winners[0]!.reminderCount, 1);
      assert.equal(winners[0]!.remindedAt, later(60).toISOString());
      // the mail failed: the round is given back, count and date as before
      await store.invitations.undoReminder(winners[0]!, null);
      let read = (await store.invitations.get(invitation.id))!;
      assert.deepEqual([read.reminderCount, read.remindedAt, read.claimedAt], [0, null, null]);
      // retried and sent
      const retry = (await store.invitations.claimReminder({ invitationId: invitation.id, seenCount: 0, tokenHash: 'c-retry' }, later(61)))!;
      await store.invitations.releaseClaim(retry.id);
      read = (await store.invitations.get(invitation.id))!;
      assert.deepEqual([read.reminderCount, read.remindedAt, read.claimedAt], [1, later(61).toISOString(), null]);
      // a sender that read the count before this round loses
      assert.equal(await store.invitations.claimReminder({ invitationId: invitation.id, seenCount: 0, tokenHash: 'c-stale' }, later(62)), undefined);
      assert.ok(await store.invitations.claimReminder({ invitationId: invitation.id, seenCount: 1, tokenHash: 'c-second' }, later(62)));
    });
  });

  describe(`migration 0005 merges duplicate invitations [${database.name}]`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(database, { migrate: false });
    });
    after(() => store.close());

    it('keeps the earliest invitation per (wave, contact) and re-points links and responses', async () => {
      const db = rawDatabase(store);
      const migrator = new Migrator({ db, provider: migrationProvider });
      const { error } = await migrator.migrateTo('0004-several-nodes');
      assert.equal(error, undefined);
      const wave = await seedWave(store);
      const ann = await store.contacts.create({ waveId: wave.id, email: 'ann@example.org' });
      const bob = await store.contacts.create({ waveId: wave.id, email: 'bob@example.org' });
      // ann was invited three times at once; bob twice; an anonymous invitation has no contact
      const invite = async (contactId: number | null, token: string, sentAt: string | null, remindedAt: string | null = null) =>
        (
          await db
            .insertInto('invitations')
            .values({ waveId: wave.id, contactId, tokenHash: token, sentAt: sentAt as never, remindedAt: remindedAt as never, createdAt: T0.toISOString() as never })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const a1 = await invite(ann.id, 'ann-1', null);
      const a2 = await invite(ann.id, 'ann-2', later(1).toISOString(), later(90).toISOString());
      const a3 = await invite(ann.id, 'ann-3', later(2).toISOString());
      const b1 = await invite(bob.id, 'bob-1', later(1).toISOString());
      const b2 = await invite(bob.id, 'bob-2', later(1).toISOString());
      await invite(null, 'anon-1', null);
      await invite(null, 'anon-2', null);
      for (const [token, id] of [
        ['ann-1', a1],
        ['ann-2', a2],
        ['ann-3', a3],
        ['bob-1', b1],
        ['bob-2', b2],
      ] as const) {
        await db
          .insertInto('invitationTokens')
          .values({ tokenHash: token, invitationId: id, createdAt: T0.toISOString() as never })
          .execute();
      }
      // ann answered through her second and third e-mails; bob through his first
      const respond = async (invitationId: number, publicId: string) => (await store.responses.createPartial({ waveId: wave.id, publicId, invitationId, now: T0 })).id;
      const rAnn2 = await respond(a2, 'p-ann-2');
      const rAnn3 = await respond(a3, 'p-ann-3');
      const rBob1 = await respond(b1, 'p-bob-1');

      const report = await store.migrate();
      assert.equal(report.applied[0], '0005-one-invitation-per-contact', 'the later migrations follow it');

      const rows = await store.invitations.listByWave(wave.id);
      assert.deepEqual(
        rows.map((r) => r.contactId),
        [ann.id, bob.id, null, null],
      );
      assert.deepEqual([rows[0]!.id, rows[1]!.id], [a1, b1]);
      const annRow = rows[0]!;
      assert.equal(annRow.sentAt, later(1).toISOString());
      assert.equal(annRow.remindedAt, later(90).toISOString());
      assert.equal(annRow.reminderCount, 1);
      // every link ann received opens her one invitation
      for (const token of ['ann-1', 'ann-2', 'ann-3']) assert.equal((await store.invitations.getByTokenHash(token))?.id, a1);
      assert.equal((await store.invitations.getByTokenHash('bob-2'))?.id, b1);
      // her earliest response moved to the kept invitation; the other is kept, unlinked
      const responses = await db.selectFrom('responses').select(['id', 'invitationId']).orderBy('id').execute();
      assert.deepEqual(
        responses.map((r) => [r.id, r.invitationId]),
        [
          [rAnn2, a1],
          [rAnn3, null],
          [rBob1, b1],
        ],
      );
      await assert.rejects(
        db
          .insertInto('invitations')
          .values({ waveId: wave.id, contactId: ann.id, tokenHash: 'ann-4', createdAt: T0.toISOString() as never })
          .execute(),
      );
    });
  });
}
