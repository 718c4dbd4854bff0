import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { seedSmallWave, smallStudy } from '../public/fixtures/small-study.js';
import { seedSyntheticWave, STUDY_ID } from '../public/fixtures/synthetic-wave.js';

const SMALL = 'household-panel';
const FIELDS_STUDY = 'field-panel';
const L = (fr: string, en: string) => ({ fr, en });

for (const database of TEST_DATABASES) {
  describe(`the lead form's fields come from the study [${database.name}]`, () => {
    let t: AdminTestApp;
    let address = 0;

    /** Opens a study's form (CSRF cookie and token) and posts `fields`; a new client address each time. */
    async function submit(study: string, fields: Record<string, string>) {
      const remoteAddress = `10.1.0.${++address}`;
      const jar = new Map<string, string>();
      const page = await t.app.inject({ url: `/livre-blanc/${study}`, remoteAddress });
      assert.equal(page.statusCode, 200, page.body);
      keepCookies(jar, page);
      const response = await t.app.inject({
        method: 'POST',
        url: `/livre-blanc/${study}`,
        remoteAddress,
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), ...fields }).toString(),
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      });
      return { page, response };
    }

    before(async () => {
      t = await startAdminApp(database);
      await seedSyntheticWave(t.store, { code: '2015', n: 200, seed: 5 });
      await seedSmallWave(t.store, smallStudy(SMALL), { code: '2025', n: 120, seed: 3 });
      await seedSmallWave(
        t.store,
        smallStudy(FIELDS_STUDY, {
          leadForm: [
            {
              id: 'household',
              label: L('Type de ménage', 'Household type'),
              required: true,
              options: [
                { code: 1, label: L('Seul', 'Alone') },
                { code: 2, label: L('En famille', 'Family') },
              ],
            },
            { id: 'city', label: L('Ville', 'City'), maxLength: 12 },
          ],
        }),
        { code: '2025', n: 120, seed: 4 },
      );
      await addUser(t.store, 'analyst@example.org', 'analyst');
    });
    after(() => t?.close());

    it('lets a study without lead fields be submitted with name, e-mail and consent only, and sends its PDF', async () => {
      const { page, response } = await submit(SMALL, { name: 'Noa', email: 'noa@example.org', consent: 'yes' });
      assert.doesNotMatch(page.body, /name="field_/, 'no field beyond name, e-mail and consent');
      assert.doesNotMatch(page.body, /Entreprise|Taille/);
      assert.equal(response.statusCode, 200, response.body);
      const link = /id="white-paper-download" href="([^"]+)"/.exec(response.body)![1];
      const [lead] = await t.store.leads.list(SMALL);
      assert.equal(lead.email, 'noa@example.org');
      assert.equal(lead.consentContact, true);
      assert.deepEqual(lead.fields, {});
      assert.equal(lead.company, null);
      const pdf = await t.app.inject({ url: link });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(String(pdf.headers['content-disposition']), /household-panel-2025-fr\.pdf/);
      assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    });

    it('requires the built-in study’s size field, naming it beside the field and in the summary', async () => {
      const before = (await t.store.leads.list(STUDY_ID)).length;
      const { response } = await submit(STUDY_ID, { name: 'Ann', email: 'ann@example.org', field_organisation: 'Acme' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<p class="field-error" id="lead-field_size_band-error">Renseignez «\u00A0Taille de l’entreprise\u00A0»\.<\/p>/);
      assert.match(response.body, /<select id="lead-field_size_band" name="field_size_band" required aria-invalid="true" aria-describedby="lead-field_size_band-error">/);
      assert.match(response.body, /<li><a href="#lead-field_size_band">Renseignez/);
      assert.match(response.body, /value="Acme"/, 'what was typed is kept');
      assert.equal((await t.store.leads.list(STUDY_ID)).length, before, 'nothing stored');
    });

    it('refuses an unknown option code and a text too long with a 400 naming the field, and stores a valid one by field id', async () => {
      const bad = await submit(FIELDS_STUDY, { name: 'Ivo', email: 'ivo@example.org', field_household: '9', field_city: 'Saint-Rémy-de-Provence' });
      assert.equal(bad.response.statusCode, 400);
      assert.match(bad.response.body, /Choisissez l’une des réponses proposées pour «\u00A0Type de ménage\u00A0»\./);
      assert.match(bad.response.body, /«\u00A0Ville\u00A0» dépasse 12 caractères\./);
      const en = await t.app.inject({ url: `/en/white-paper/${FIELDS_STUDY}` });
      assert.match(en.body, /<option value="1">Alone<\/option>/);
      assert.equal((await t.store.leads.list(FIELDS_STUDY)).length, 0);

      const good = await submit(FIELDS_STUDY, { name: 'Ivo', email: 'ivo@example.org', field_household: '2', field_city: ' =Lyon ' });
      assert.equal(good.response.statusCode, 200, good.response.body);
      const [lead] = await t.store.leads.list(FIELDS_STUDY);
      assert.deepEqual(lead.fields, { household: 2, city: '=Lyon' });
      assert.equal(lead.companySize, null);

      const optional = await submit(FIELDS_STUDY, { name: 'Uma', email: 'uma@example.org', field_household: '1' });
      assert.equal(optional.response.statusCode, 200);
      assert.deepEqual((await t.store.leads.list(FIELDS_STUDY)).find((l) => l.email === 'uma@example.org')!.fields, { household: 1 }, 'an empty optional field is left out');
    });

    it('shows each study’s field columns on the leads page and in the CSV, labelled by the study, cells neutralised', async () => {
      await submit(STUDY_ID, { name: 'Bea', email: 'bea@example.org', field_organisation: '@Corp', field_size_band: '2' });
      const analyst = await signIn(t.app, 'analyst@example.org');
      const headers = { cookie: cookieHeader(analyst.jar) };
      const page = await t.app.inject({ url: '/admin/leads', headers });
      assert.equal(page.statusCode, 200);
      const section = (study: string) => page.body.slice(page.body.indexOf(`id="leads-${study}"`), page.body.indexOf('</section>', page.body.indexOf(`id="leads-${study}"`)));
      assert.match(section(FIELDS_STUDY), /<th scope="col">Type de ménage<\/th>\s*<th scope="col">Ville<\/th>/);
      assert.match(section(FIELDS_STUDY), /<td>En famille<\/td>\s*<td>=Lyon<\/td>/, 'a choice shows its label');
      assert.match(section(STUDY_ID), /<th scope="col">Entreprise<\/th>\s*<th scope="col">Fonction<\/th>\s*<th scope="col">Taille de l’entreprise<\/th>/);
      assert.doesNotMatch(section(SMALL), /Type de ménage|Entreprise/, 'a study without fields has none of the others’ columns');
      assert.ok(page.body.includes(`href="/admin/leads.csv?study=${FIELDS_STUDY}"`));

      const csv = await t.app.inject({ url: '/admin/leads.csv', headers });
      assert.equal(csv.statusCode, 200);
      const [header, ...rows] = csv.body.trimEnd().split('\r\n');
      assert.equal(header, 'id,created_at,study,wave,name,email,Type de ménage,Ville,Entreprise,Fonction,Taille de l’entreprise,consent_contact,consent_version,consent_at');
      const row = (email: string) => rows.find((r) => r.includes(email))!.split(',');
      assert.deepEqual(row('ivo@example.org').slice(6, 11), ['En famille', "'=Lyon", '', '', '']);
      assert.deepEqual(row('bea@example.org').slice(6, 11), ['', '', "'@Corp", '', '10 à 249 salariés'], 'a choice as its label, a formula neutralised');
      assert.deepEqual(row('noa@example.org').slice(6, 11), ['', '', '', '', '']);

      const one = await t.app.inject({ url: `/admin/leads.csv?study=${FIELDS_STUDY}`, headers });
      assert.match(String(one.headers['content-disposition']), /leads-field-panel\.csv/);
      const lines = one.body.trimEnd().split('\r\n');
      assert.equal(lines[0], 'id,created_at,study,wave,name,email,Type de ménage,Ville,consent_contact,consent_version,consent_at');
      assert.equal(lines.length, 3, 'the header and this study’s two leads');
    });

    it('keeps showing the company columns of leads stored before studies declared their fields', async () => {
      const wave = (await t.store.waves.list(STUDY_ID))[0];
      await t.store.leads.create({
        studyId: STUDY_ID,
        waveId: wave.id,
        name: 'Old',
        email: 'old@example.org',
        company: '+Legacy SA',
        jobTitle: 'CEO',
        companySize: '10-49',
        consentContact: false,
      });
      const analyst = await signIn(t.app, 'analyst@example.org');
      const headers = { cookie: cookieHeader(analyst.jar) };
      const page = await t.app.inject({ url: '/admin/leads', headers });
      const section = page.body.slice(page.body.indexOf(`id="leads-${STUDY_ID}"`));
      assert.match(section, /<td>\+Legacy SA<\/td><td>CEO<\/td><td>10-49<\/td>/);
      assert.doesNotMatch(page.body.slice(page.body.indexOf(`id="leads-${FIELDS_STUDY}"`), page.body.indexOf(`id="leads-${SMALL}"`)), /\+Legacy/);
      const csv = await t.app.inject({ url: `/admin/leads.csv?study=${STUDY_ID}`, headers });
      const [header, ...rows] = csv.body.trimEnd().split('\r\n');
      assert.equal(
        header,
        'id,created_at,study,wave,name,email,Entreprise,Fonction,Taille de l’entreprise,company,job_title,company_size,consent_contact,consent_version,consent_at',
      );
      assert.deepEqual(
        rows
          .find((r) => r.includes('old@example.org'))!
          .split(',')
          .slice(6, 12),
        ['', '', '', "'+Legacy SA", 'CEO', '10-49'],
      );
    });
  });
}
