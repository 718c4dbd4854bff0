// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is how XLSForm expressions refer to questions
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { importXlsFormSheets, type XlsFormSheets } from '../../src/exchange/import-xlsform.js';
import { readXlsFormWorkbook } from '../../src/exchange/read-xlsform-workbook.js';
import { findQuestion, type Study } from '../../src/study/index.js';
import { employeeGerman, householdEnergy, nutrition, schoolCensus, marketSpanish } from './xlsform/corpus.js';
import { writeXlsForm, type XlsFormSpec } from './xlsform/write-xlsform.js';

const sheetsOf = async (spec: XlsFormSpec): Promise<XlsFormSheets> => readXlsFormWorkbook(await writeXlsForm(spec));
const outline = (study: Study) => study.pages.map((p) => `${p.id}: ${p.questions.map((q) => `${q.name}:${q.kind}`).join(' ')}`);
const lossList = (losses: readonly { construct: string; where: string; changesWhoSees: boolean }[]) =>
  losses.map((l) => `${l.construct} @ ${l.where}${l.changesWhoSees ? ' (who sees)' : ''}`);

describe('XLSForm import: the test corpus', () => {
  it('household energy: groups as pages, both languages, choice names as export codes, exclusive "none"', async () => {
    const result = importXlsFormSheets(await sheetsOf(householdEnergy));
    assert.deepEqual(result.errors, []);
    const study = result.study!;
    assert.deepEqual(study.languages, ['en', 'fr']);
    assert.equal(study.id, 'household-energy-2026');
    assert.deepEqual(outline(study), ['p_home: tenure:single heating:single gas_bill:number', 'p_travel: modes:multiple km_car:number why_none:text']);
    assert.deepEqual(study.pages[0]!.title, { en: 'Your home', fr: 'Votre logement' });
    const heating = findQuestion(study, 'heating')!;
    assert.ok(heating.kind === 'single');
    assert.deepEqual(
      heating.options.map((o) => [o.code, o.exportCode, o.label.fr]),
      [
        [1, 'gas', 'Gaz'],
        [2, 'elec', 'Électricité'],
        [3, 'wood', 'Bois'],
        [4, 'heat_pump', 'Pompe à chaleur'],
      ],
    );
    assert.deepEqual(heating.help, { en: 'The one you use most', fr: 'Celui que vous utilisez le plus' });
    const bill = findQuestion(study, 'gas_bill')!;
    assert.ok(bill.kind === 'number' && bill.integer && bill.min === 0 && bill.max === 2000 && !bill.required);
    assert.deepEqual(bill.condition, { op: 'equals', question: 'heating', value: 1 });
    const modes = findQuestion(study, 'modes')!;
    assert.ok(modes.kind === 'multiple' && modes.required);
    assert.deepEqual(modes.exclusive, [4]);
    const km = findQuestion(study, 'km_car')!;
    assert.ok(km.kind === 'number' && !km.integer && km.min === 0 && km.max === undefined);
    assert.deepEqual(km.condition, { op: 'equals', question: 'modes', value: 1 });
    const why = findQuestion(study, 'why_none')!;
    assert.ok(why.kind === 'text' && why.multiline);
    assert.deepEqual(why.condition, { op: 'equals', question: 'modes', value: 4 });
    assert.deepEqual(lossList(result.losses), []);
    assert.equal(result.warnings.filter((w) => w.includes('recorded by Baromètre itself')).length, 2);
  });

  it('nutrition: a table-list group becomes a matrix, likert a scale, range a bounded number; what cannot be kept is listed', async () => {
    const sheets = await sheetsOf(nutrition);
    const refused = importXlsFormSheets(sheets);
    assert.equal(refused.ok, false);
    assert.deepEqual(
      refused.errors.map((e) => e.message),
      ['survey row 13 ("district"): choice_filter left out: "region=${region}" is left out: every choice is shown to everyone (accept with --accept-losses)'],
    );
    const result = importXlsFormSheets(sheets, { acceptLosses: true });
    assert.deepEqual(result.errors, []);
    const study = result.study!;
    assert.deepEqual(study.languages, ['en', 'sw']);
    assert.deepEqual(outline(study), ['p_meals: meals:matrix', 'p_opinions: enough_food:scale wellbeing:number region:single district:single']);
    const meals = findQuestion(study, 'meals')!;
    assert.ok(meals.kind === 'matrix' && meals.required);
    assert.deepEqual(
      meals.items.map((i) => [i.name, i.exportCode, i.label.sw]),
      [
        ['breakfast', 'breakfast', 'Kifungua kinywa'],
        ['lunch', 'lunch', 'Chakula cha mchana'],
        ['dinner', 'dinner', 'Chakula cha jioni'],
      ],
    );
    assert.deepEqual(
      meals.points.map((p) => p.exportCode),
      ['never', 'some', 'daily'],
    );
    const scale = findQuestion(study, 'enough_food')!;
    assert.ok(scale.kind === 'scale' && scale.points.length === 4);
    const wellbeing = findQuestion(study, 'wellbeing')!;
    assert.ok(wellbeing.kind === 'number' && wellbeing.min === 0 && wellbeing.max === 10 && wellbeing.integer);
    assert.deepEqual(lossList(result.losses), [
      'metadata @ survey row 3 ("deviceid")',
      'choice_filter @ survey row 13 ("district") (who sees)',
      'calculate @ survey row 14 ("score")',
      'type geopoint @ survey row 15 ("location")',
      'repeat @ survey row 16 ("children")',
    ]);
  });

  it('German employee survey: the plain label column in the default language, or_other, comparisons, and/or/not', async () => {
    const result = importXlsFormSheets(await sheetsOf(employeeGerman));
    assert.deepEqual(result.errors, []);
    const study = result.study!;
    assert.deepEqual(study.languages, ['de']);
    assert.deepEqual(outline(study), ['p_page_1: alter:number abteilung:single homeoffice:single tage:number wunsch:text kommentar:text']);
    const abteilung = findQuestion(study, 'abteilung')!;
    assert.ok(abteilung.kind === 'single');
    assert.deepEqual(abteilung.other?.code, 4);
    assert.deepEqual(abteilung.condition, {
      op: 'and',
      conditions: [
        { op: 'compare', question: 'alter', comparator: '>=', value: 18 },
        { op: 'compare', question: 'alter', comparator: '<', value: 67 },
      ],
    });
    const homeoffice = findQuestion(study, 'homeoffice')!;
    assert.ok(homeoffice.kind === 'single');
    assert.deepEqual(
      homeoffice.options.map((o) => [o.code, o.exportCode]),
      [
        [1, undefined],
        [0, undefined],
      ],
    );
    assert.deepEqual(findQuestion(study, 'wunsch')!.condition, {
      op: 'or',
      conditions: [
        { op: 'not', condition: { op: 'equals', question: 'homeoffice', value: 1 } },
        { op: 'compare', question: 'alter', comparator: '>', value: 60 },
      ],
    });
    assert.deepEqual(findQuestion(study, 'kommentar')!.condition, { op: 'answered', question: 'wunsch' });
    assert.deepEqual(lossList(result.losses), ['required expression @ survey row 5 ("tage")']);
  });

  it('Dutch school census: numeric choice names as codes, nested group logic and-ed, consent, a bounded date, a random-order ranking, a note', async () => {
    const result = importXlsFormSheets(await sheetsOf(schoolCensus));
    assert.deepEqual(result.errors, []);
    const study = result.study!;
    assert.deepEqual(study.languages, ['nl', 'en']);
    assert.deepEqual(outline(study), [
      'p_page_1: toestemming:consent',
      'p_school: soort:single groepen:number vakken:multiple leerlingen:number',
      'p_page_3: peildatum:date prioriteit:ranking dank:info',
    ]);
    const date = findQuestion(study, 'peildatum')!;
    assert.ok(date.kind === 'date' && date.min === '2025-09-01' && date.max === '2026-07-31' && date.required);
    const ranking = findQuestion(study, 'prioriteit')!;
    assert.ok(ranking.kind === 'ranking' && ranking.randomize === true && !ranking.required);
    assert.deepEqual(
      ranking.options.map((o) => [o.code, o.label.en]),
      [
        [1, 'Music'],
        [2, 'Technology'],
        [3, 'Programming'],
      ],
    );
    const note = findQuestion(study, 'dank')!;
    assert.deepEqual(note, { name: 'dank', kind: 'info', text: { nl: 'Bedankt!', en: 'Thank you!' } });
    assert.deepEqual(findQuestion(study, 'vakken')!.condition, {
      op: 'and',
      conditions: [
        { op: 'equals', question: 'soort', value: 1 },
        { op: 'compare', question: 'groepen', comparator: '>', value: 4 },
      ],
    });
    assert.equal(findQuestion(study, 'leerlingen')!.condition, undefined);
    assert.deepEqual(lossList(result.losses), []);
  });

  it('Spanish market study: a relevant outside what conditions say is an error unless accepted; defaults and piping reported', async () => {
    const sheets = await sheetsOf(marketSpanish);
    const refused = importXlsFormSheets(sheets);
    assert.equal(refused.ok, false);
    assert.equal(refused.study, null);
    assert.match(refused.errors[0]!.message, /count-selected\(\) is not supported; the question is shown to everyone/);
    const result = importXlsFormSheets(sheets, { acceptLosses: true });
    const study = result.study!;
    assert.deepEqual(study.languages, ['es', 'en']);
    assert.equal(findQuestion(study, 'preferida')!.condition, undefined);
    assert.deepEqual(findQuestion(study, 'gasto')!.condition, { op: 'answered', question: 'preferida' });
    assert.deepEqual(findQuestion(study, 'marcas')!.help, { es: 'Marque todas las que conozca', en: 'Marque todas las que conozca' });
    assert.deepEqual(lossList(result.losses), [
      'relevant @ survey row 3 ("preferida") (who sees)',
      'default @ survey row 4 ("gasto")',
      'answer piped into a label @ survey row 4 ("gasto")',
      'default @ survey row 5 ("ciudad")',
      'read_only @ survey row 5 ("ciudad")',
    ]);
  });
});

describe('XLSForm import: forms that are not readable', () => {
  it('names the sheet, row and column at fault', async () => {
    await assert.rejects(
      async () =>
        importXlsFormSheets(
          await sheetsOf({
            survey: [
              ['type', 'name', 'label::Klingon'],
              ['text', 'a', 'x'],
            ],
          }),
        ),
      /survey sheet, column "label::Klingon": cannot tell its language/,
    );
    await assert.rejects(
      async () =>
        importXlsFormSheets(
          await sheetsOf({
            survey: [
              ['type', 'name', 'label'],
              ['select_one nope', 'a', 'x'],
            ],
          }),
        ),
      /the choice list "nope" is not in the choices sheet/,
    );
    await assert.rejects(
      async () =>
        importXlsFormSheets(
          await sheetsOf({
            survey: [
              ['type', 'name', 'label'],
              ['begin group', 'g', 'G'],
              ['text', 'a', 'x'],
            ],
          }),
        ),
      /the group "g" is not closed/,
    );
    await assert.rejects(() => readXlsFormWorkbook(new TextEncoder().encode('type,name\ntext,a\n')), /not an \.xlsx workbook/);
    await assert.rejects(async () => readXlsFormWorkbook(await writeXlsForm({ survey: [], choices: [['list_name', 'name']] })), /the survey sheet has no "type" column or no row/);
  });
});

describe('XLSForm round trip', () => {
  const L = (fr: string, en: string) => ({ fr, en });
  const opts = (...names: string[]) => names.map((n, k) => ({ code: k + 1, label: L(`${n} (fr)`, n), exportCode: n.toUpperCase().replace(/\s/g, '_') }));
  const document = {
    id: 'round-trip',
    version: 1,
    title: L('Aller-retour', 'Round trip'),
    description: L('Aller-retour', 'Round trip'),
    languages: ['fr', 'en'],
    estimatedMinutes: 3,
    privacyNotice: L('Notice', 'Notice'),
    pages: [
      {
        id: 'p_profile',
        title: L('Profil', 'Profile'),
        questions: [
          { name: 'consent', kind: 'consent', text: L('J’accepte', 'I agree') },
          { name: 'size', kind: 'single', text: L('Taille ?', 'Size?'), help: L('Aide', 'Help'), display: 'dropdown', options: opts('small', 'medium', 'large') },
          { name: 'staff', kind: 'number', text: L('Effectif ?', 'Staff?'), min: 1, max: 100000, required: false },
          {
            name: 'share',
            kind: 'number',
            text: L('Part ?', 'Share?'),
            integer: false,
            min: 0,
            max: 1,
            condition: { op: 'compare', question: 'staff', comparator: '>=', value: 10 },
          },
        ],
      },
      {
        id: 'p_uses',
        title: L('Usages', 'Uses'),
        condition: { op: 'not', condition: { op: 'equals', question: 'size', value: 1 } },
        questions: [
          { name: 'tools', kind: 'multiple', text: L('Outils ?', 'Tools?'), options: opts('mail', 'chat', 'video', 'none'), exclusive: [4] },
          { name: 'why', kind: 'text', text: L('Pourquoi ?', 'Why?'), multiline: true, required: false, condition: { op: 'equals', question: 'tools', value: 4 } },
          {
            name: 'satisf',
            kind: 'scale',
            text: L('Satisfaction ?', 'Satisfaction?'),
            points: opts('low', 'mid', 'high'),
            condition: {
              op: 'or',
              conditions: [
                { op: 'in', question: 'tools', values: [1, 2] },
                { op: 'empty', question: 'why' },
              ],
            },
          },
          {
            name: 'agree',
            kind: 'matrix',
            text: L('D’accord ?', 'Agree?'),
            items: [
              { name: 'agree_a', label: L('A', 'A'), exportCode: 'agree_a' },
              { name: 'agree_b', label: L('B', 'B'), exportCode: 'agree_b' },
            ],
            points: opts('no', 'yes'),
            condition: {
              op: 'and',
              conditions: [
                { op: 'answered', question: 'satisf' },
                { op: 'compare', question: 'size', comparator: '!=', value: 2 },
              ],
            },
          },
          { name: 'follow', kind: 'text', text: L('Suite ?', 'Next?'), required: false, condition: { op: 'equals', question: 'agree_b', value: 2 } },
          { name: 'note', kind: 'info', text: L('Merci.', 'Thanks.'), condition: { op: 'answered', question: 'follow' } },
          { name: 'since', kind: 'date', text: L('Depuis ?', 'Since?'), min: '2020-01-01', max: '2026-12-31', required: false },
          { name: 'prio', kind: 'ranking', text: L('Priorités ?', 'Priorities?'), options: opts('cost', 'speed', 'care'), randomize: true, required: false },
        ],
      },
    ],
  };

  it('a study written out as an XLSForm comes back with the same questions, codes and logic', async () => {
    const { validateStudy } = await import('../../src/study/index.js');
    const { studyToXlsForm } = await import('./xlsform/study-to-xlsform.js');
    const original = validateStudy(document);
    assert.ok(original.ok, JSON.stringify(!original.ok && original.errors));
    const back = importXlsFormSheets(await sheetsOf(studyToXlsForm(original.study)));
    assert.deepEqual(back.errors, []);
    assert.deepEqual(lossList(back.losses), []);
    const study = back.study!;
    assert.deepEqual(study.languages, original.study.languages);
    assert.deepEqual(
      study.pages.map((p) => [p.id, p.title, p.condition]),
      original.study.pages.map((p) => [p.id, p.title, p.condition]),
    );
    assert.deepEqual(
      study.pages.map((p) => p.questions),
      original.study.pages.map((p) => p.questions),
    );
  });
});

describe('barometre import xlsform', () => {
  it('writes the study, lists what is left out by construct, and exits 1 on a refused loss, 0 once accepted, 2 on a bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsform-'));
    try {
      const file = join(dir, 'mercado.xlsx');
      writeFileSync(file, await writeXlsForm(marketSpanish));
      const refused = await runCli(['import', 'xlsform', file]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^lost: relevant \(1\), changes who sees what\n {2}survey row 3 \("preferida"\): .*\nlost: default \(2\)\n/m);
      assert.match(refused.stderr, /error: \(import\): survey row 3/);
      const out = join(dir, 'study.json');
      const accepted = await runCli(['import', 'xlsform', file, '--accept-losses', '--id', 'mercado', '--out', out]);
      assert.equal(accepted.code, 0, accepted.stderr);
      const study = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(study.id, 'mercado');
      assert.deepEqual(study.languages, ['es', 'en']);
      const notXlsx = join(dir, 'form.csv');
      writeFileSync(notXlsx, 'type,name\n');
      const bad = await runCli(['import', 'xlsform', notXlsx]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /not an \.xlsx workbook/);
      assert.equal((await runCli(['import', 'xlsform', '--help'])).code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
