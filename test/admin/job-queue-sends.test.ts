/**
 * Sends through the job queue, on each test database: a scheduled send waits for its time and can be
 * cancelled; the SMTP rate limit is honoured by the worker on the injected clock; 5,000 invitations complete
 * with their progress readable while the workspace answers (latencies printed, not asserted).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JOB_HANDLERS } from '../../src/server/jobs/job-handlers.js';
import { createJobWorker } from '../../src/server/jobs/job-worker.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { pollUntil } from '../helpers/poll-until.js';
import { openWave } from '../respond/fieldwork.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const pad = (n: number) => String(n).padStart(2, '0');
/** A `datetime-local` value (the server's time zone, which is this process's). */
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

for (const database of TEST_DATABASES) {
  describe(`sends through the job queue [${database.name}]`, () => {
    let smtp: SmtpCapture;
    let t: AdminTestApp;
    let analyst: Awaited<ReturnType<typeof signIn>>;
    before(async () => {
      smtp = await startSmtpCapture();
      t = await startAdminApp(database, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://barometre.example.org' });
      await addUser(t.store, 'analyst@example.org', 'analyst');
      analyst = await signIn(t.app, 'analyst@example.org');
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
    });
    const post = (url: string, fields: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: cookieHeader(analyst.jar) }, payload: new URLSearchParams({ _csrf: analyst.csrf, ...fields }).toString() });
    const get = (url: string) => t.app.inject({ url, headers: { cookie: cookieHeader(analyst.jar) } });

    it('waits for a scheduled send time, lists the scheduled send with a cancel button, and cancels it', async () => {
      const wave = await openWave(t.store, 'scheduled');
      for (let i = 0; i < 3; i++) await t.store.contacts.create({ waveId: wave.id, email: `s${i}@example.org` });
      smtp.messages.length = 0;
      const bad = await post(`/admin/waves/${wave.id}/invitations`, { sendAt: 'tomorrow' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /sendAt|Send at|Envoyer le/);
      const inAnHour = new Date(t.clock.now().getTime() + 60 * 60_000);
      const scheduled = await post(`/admin/waves/${wave.id}/invitations`, { sendAt: localInput(inAnHour) });
      assert.equal(scheduled.statusCode, 303, scheduled.body);
      const id = Number(String(scheduled.headers.location).split('/').at(-1));
      assert.deepEqual(await t.app.jobs.drainForTests(), [], 'not due yet');
      const list = await get(`/en/admin/waves/${wave.id}/jobs`);
      assert.match(list.body, /Waiting/);
      assert.match(list.body, new RegExp(`action="/en/admin/waves/${wave.id}/jobs/${id}/cancel"`));
      assert.match((await get(`/en/admin/waves/${wave.id}/jobs/${id}`)).body, /Scheduled for/);
      assert.equal((await post(`/admin/waves/${wave.id}/jobs/${id}/cancel`)).statusCode, 303);
      assert.equal((await t.store.jobs.get(id))?.status, 'cancelled');
      // another one, left to run at its time
      const again = await post(`/admin/waves/${wave.id}/invitations`, { sendAt: localInput(inAnHour) });
      const againId = Number(String(again.headers.location).split('/').at(-1));
      t.clock.advance(61 * 60_000);
      const [ran] = await t.app.jobs.drainForTests();
      assert.deepEqual([ran?.id, ran?.status, ran?.progressDone], [againId, 'done', 3]);
      assert.equal(smtp.messages.length, 3);
    });

    it('honours the SMTP rate limit per minute, waiting on the injected clock', async () => {
      const wave = await openWave(t.store, 'rate');
      for (let i = 0; i < 10; i++) await t.store.contacts.create({ waveId: wave.id, email: `r${i}@example.org` });
      smtp.messages.length = 0;
      // a clock that only the worker's waits move
      let offset = 0;
      const base = t.clock.now().getTime();
      const clock = () => new Date(base + offset);
      const worker = createJobWorker({
        store: t.store,
        config: t.config,
        handlers: JOB_HANDLERS,
        clock,
        sleep: async (ms) => void (offset += ms),
        smtpPerMinute: 60,
      });
      const job = await t.store.jobs.enqueue({ kind: 'invitations', waveId: wave.id }, clock());
      const [ran] = await worker.drainForTests();
      assert.deepEqual([ran?.id, ran?.status, ran?.progressDone], [job.id, 'done', 10]);
      assert.equal(smtp.messages.length, 10);
      // one a second after the first: 9 s of waiting on the injected clock
      assert.equal(offset, 9000, `waited ${offset} ms`);
    });
  });

  describe(`5,000 invitations through the queue [${database.name}]`, () => {
    let smtp: SmtpCapture;
    let t: AdminTestApp;
    const N = 5000;
    before(async () => {
      smtp = await startSmtpCapture();
      t = await startAdminApp(database, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://barometre.example.org', JOBS_POLL_MS: '50' });
      await addUser(t.store, 'analyst@example.org', 'analyst');
    });
    after(async () => {
      await t.app.jobs.stop();
      await t?.close();
      await smtp?.close();
    });

    it('completes with progress readable while the workspace answers', async () => {
      const analyst = await signIn(t.app, 'analyst@example.org');
      const wave = await openWave(t.store, 'large');
      for (let i = 0; i < N; i++) await t.store.contacts.create({ waveId: wave.id, email: `large${i}@example.org` });
      const headers = { cookie: cookieHeader(analyst.jar) };
      const sent = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${wave.id}/invitations`,
        headers: { ...FORM, ...headers },
        payload: new URLSearchParams({ _csrf: analyst.csrf }).toString(),
      });
      assert.equal(sent.statusCode, 303);
      const jobPage = String(sent.headers.location);
      const started = Date.now();
      t.app.jobs.start(); // the app's own worker, on the real clock
      const readings: string[] = [];
      const latencies: number[] = [];
      let last = -1;
      await pollUntil(
        'the 5,000 invitations',
        async () => {
          const begin = performance.now();
          const page = await t.app.inject({ url: jobPage, headers });
          const overview = await t.app.inject({ url: `/admin/waves/${wave.id}`, headers });
          latencies.push(performance.now() - begin);
          assert.equal(page.statusCode, 200);
          assert.equal(overview.statusCode, 200);
          const done = Number(/(\d+) sur 5000 envoyé/.exec(page.body)?.[1] ?? -1);
          if (done !== last) readings.push(`${((Date.now() - started) / 1000).toFixed(1)} s: ${done}/${N}`);
          assert.ok(done >= last, 'progress never goes back');
          last = done;
          return done === N && /data-status="done"/.test(page.body) ? true : undefined;
        },
        { timeoutMs: 540_000, intervalMs: 500 },
      );
      await t.app.jobs.stop();
      latencies.sort((a, b) => a - b);
      const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);
      const shown = readings.filter((_, i) => i % Math.ceil(readings.length / 12) === 0 || i === readings.length - 1);
      console.log(`# 5,000 invitations [${database.name}]: ${((Date.now() - started) / 1000).toFixed(1)} s; ${readings.length} progress readings, among them ${shown.join(', ')}`);
      console.log(
        `# workspace latency while sending [${database.name}] (job page + wave page): median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms over ${latencies.length} reads`,
      );
      assert.ok(readings.length >= 3, 'progress was seen between the start and the end');
      assert.equal(smtp.messages.length, N);
      assert.equal(new Set(smtp.messages.flatMap((m) => m.to)).size, N, 'each contact mailed once');
    });
  });
}
