import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { catalogue, t, type Lang, type MessageKey } from '../messages/index.js';
import { interfaceLanguageWarnings } from './interface-language-warnings.js';
import { schemaMessageWords, studyIssueText } from './study-issue-words.js';
import { validateStudy, type StudyIssue } from './validate-study.js';

const L = (text: string) => ({ en: text });
const options = (...codes: number[]) => codes.map((code) => ({ code, label: L(`option ${code}`) }));

/** A valid study with a question of each kind the checks look at. */
function base(): any {
  return {
    id: 'words',
    version: 1,
    title: L('Title'),
    description: L('Description'),
    languages: ['en'],
    estimatedMinutes: 5,
    privacyNotice: L('Privacy'),
    themes: [{ id: 'th', label: L('Theme') }],
    pages: [
      {
        id: 'p1',
        title: L('First'),
        questions: [
          { name: 'size', kind: 'single', text: L('Size'), options: options(1, 2) },
          { name: 'uses', kind: 'multiple', text: L('Uses'), options: options(1, 2, 3) },
          { name: 'born', kind: 'date', text: L('Born') },
          {
            name: 'hours',
            kind: 'numbers',
            text: L('Hours'),
            items: [
              { name: 'a', label: L('A') },
              { name: 'b', label: L('B') },
            ],
          },
          { name: 'grid', kind: 'textgrid', text: L('Grid'), rows: [{ name: 'r1', label: L('R1') }], columns: [{ name: 'c1', label: L('C1') }] },
          { name: 'count', kind: 'number', text: L('Count') },
          { name: 'rank', kind: 'ranking', text: L('Rank'), options: options(1, 2, 3) },
        ],
      },
      {
        id: 'p2',
        title: L('Second'),
        questions: [
          { name: 'pick', kind: 'single', text: L('Pick'), options: options(1, 2) },
          {
            name: 'rate',
            kind: 'matrix',
            text: L('Rate'),
            items: [
              { name: 'rate_a', label: L('a') },
              { name: 'rate_b', label: L('b') },
            ],
            points: options(1, 2),
          },
        ],
      },
    ],
  };
}

const q = (doc: any, name: string) => doc.pages.flatMap((p: any) => p.questions).find((x: any) => x.name === name);
const indicator = (over: object) => ({ id: 'i', theme: 'th', label: L('I'), variable: 'size', yes: [1], ...over });
const unit = { one: 'household', other: 'households' };

/** One broken document per check: the key it must report. */
const BROKEN: readonly [MessageKey, (doc: any) => void][] = [
  ['study.error.duplicatePageId', (d) => (d.pages[1].id = 'p1')],
  ['study.error.conditionNotEarlier', (d) => (q(d, 'size').condition = { op: 'equals', question: 'pick', value: 1 })],
  ['study.error.conditionOnItems', (d) => (q(d, 'pick').condition = { op: 'equals', question: 'hours', value: 1 })],
  ['study.error.conditionOnCells', (d) => (q(d, 'pick').condition = { op: 'equals', question: 'grid', value: 1 })],
  ['study.error.noCode', (d) => (q(d, 'pick').condition = { op: 'equals', question: 'size', value: 9 })],
  ['study.error.compareDateWithNumber', (d) => (q(d, 'pick').condition = { op: 'compare', question: 'born', comparator: '<', value: 3 })],
  ['study.error.notCalendarDay', (d) => (q(d, 'pick').condition = { op: 'compare', question: 'born', comparator: '<', value: '2025-02-30' })],
  ['study.error.compareNotDate', (d) => (q(d, 'pick').condition = { op: 'compare', question: 'count', comparator: '<', value: '2025-01-01' })],
  ['study.error.compareNotNumber', (d) => (q(d, 'pick').condition = { op: 'compare', question: 'size', comparator: '<', value: 1 })],
  ['study.error.duplicateVariable', (d) => (q(d, 'pick').name = 'size')],
  ['study.error.duplicateCode', (d) => (q(d, 'size').options[1].code = 1)],
  ['study.error.moreThanOptions', (d) => (q(d, 'rank').maxRanked = 5)],
  ['study.error.moreThanMaxRanked', (d) => Object.assign(q(d, 'rank'), { minRanked: 3, maxRanked: 2 })],
  ['study.error.noOptionCode', (d) => (q(d, 'uses').exclusive = [9])],
  ['study.error.minAboveMax', (d) => Object.assign(q(d, 'count'), { min: 5, max: 1 })],
  ['study.error.totalBelow', (d) => Object.assign(q(d, 'hours'), { min: 10, total: 5 })],
  ['study.error.totalAbove', (d) => Object.assign(q(d, 'hours'), { max: 1, total: 5 })],
  ['study.error.totalNotWhole', (d) => (q(d, 'hours').total = 2.5)],
  ['study.error.duplicateIndicatorId', (d) => (d.indicators = [indicator({}), indicator({})])],
  ['study.error.unknownTheme', (d) => (d.indicators = [indicator({ theme: 'nope' })])],
  ['study.error.notCategorical', (d) => (d.indicators = [indicator({ variable: 'nothing' })])],
  ['study.error.notEarlierMultiple', (d) => (q(d, 'pick').filter = { question: 'size', keep: 'chosen' })],
  ['study.error.matrixItemsMismatch', (d) => (q(d, 'rate').filter = { question: 'uses', keep: 'chosen' })],
  [
    'study.error.noExportCode',
    (d) => {
      q(d, 'rate').filter = { question: 'uses', keep: 'chosen' };
      q(d, 'rate').items.forEach((item: any, k: number) => (item.exportCode = `X${k}`));
    },
  ],
  ['study.error.neverShownOne', (d) => Object.assign(q(d, 'pick'), { filter: { question: 'uses', keep: 'chosen' }, options: options(1, 9) })],
  ['study.error.neverShownMany', (d) => Object.assign(q(d, 'pick'), { filter: { question: 'uses', keep: 'chosen' }, options: options(8, 9) })],
  ['study.error.duplicateItemName', (d) => (q(d, 'hours').items[1].name = 'a')],
  ['study.error.duplicateRowName', (d) => q(d, 'grid').rows.push({ name: 'r1', label: L('again') })],
  ['study.error.duplicateColumnName', (d) => q(d, 'grid').columns.push({ name: 'c1', label: L('again') })],
  ['study.error.variableTooLong', (d) => (q(d, 'hours').items[0].name = 'a'.repeat(30))],
  ['study.error.declaredTwice', (d) => (d.languages = ['en', 'en'])],
  ['study.error.notStudyLanguage', (d) => (d.defaultLanguage = 'fr')],
  ['study.error.missingText', (d) => (d.languages = ['en', 'fr'])],
  [
    'study.error.missingUnit',
    (d) => {
      d.languages = ['en', 'fr'];
      d.unit = { en: unit };
    },
  ],
  ['study.error.extraUnit', (d) => (d.unit = { en: unit, de: unit })],
  ['study.error.notSingleChoice', (d) => (d.cuts = [{ variable: 'uses' }])],
  ['study.error.listedTwice', (d) => (d.margins = ['size', 'size'])],
  [
    'study.error.duplicateFieldId',
    (d) =>
      (d.leadForm = [
        { id: 'role', label: L('Role') },
        { id: 'role', label: L('Role') },
      ]),
  ],
  ['study.error.reservedFieldId', (d) => (d.leadForm = [{ id: 'email', label: L('E-mail') }])],
  ['study.error.unknownKind', (d) => (q(d, 'count').kind = 'slider')],
  // the schema's problems, by zod issue code
  ['study.zod.required', (d) => delete d.title],
  ['study.zod.expected.string', (d) => (d.producers = [{ name: 5 }])],
  ['study.zod.expected.number', (d) => (d.estimatedMinutes = 'five')],
  ['study.zod.expected.int', (d) => (d.estimatedMinutes = 2.5)],
  ['study.zod.expected.boolean', (d) => (q(d, 'size').required = 'yes')],
  ['study.zod.expected.object', (d) => (d.pages[0] = 'page')],
  ['study.zod.expected.array', (d) => (d.themes = 'none')],
  ['study.zod.tooSmall.number', (d) => (d.estimatedMinutes = 0)],
  ['study.zod.tooBig.number', (d) => (d.estimatedMinutes = 500)],
  ['study.zod.tooSmall.string.one', (d) => (d.producers = [{ name: '' }])],
  ['study.zod.tooSmall.array.one', (d) => (q(d, 'pick').condition = { op: 'in', question: 'size', values: [] })],
  ['study.zod.invalidValue', (d) => (q(d, 'pick').filter = { question: 'uses', keep: 'all' })],
  ['study.zod.invalidFormat', (d) => (d.producers = [{ name: 'Us', url: 'not a url' }])],
  ['study.zod.unrecognizedKeys.one', (d) => (d.colour = 'blue')],
  ['study.zod.unrecognizedKeys.other', (d) => Object.assign(d, { colour: 'blue', shape: 'round' })],
  ['study.zod.expected.record', (d) => (d.title = 'Title')],
  ['study.zod.invalidUnion', (d) => (q(d, 'pick').condition = { op: 'compare', question: 'count', comparator: '<', value: true })],
  // the schema's own messages
  ['study.schema.studyId', (d) => (d.id = 'Not An Id')],
  ['study.schema.codeMin', (d) => (q(d, 'size').options[0].code = -1)],
  ['study.schema.emptyText', (d) => (d.title = { en: ' ' })],
  ['study.schema.accentContrast', (d) => (d.branding = { accentColor: '#ffff00' })],
  ['study.schema.logoLength', (d) => (d.branding = { logo: `data:image/png;base64,${'A'.repeat(500_001)}` })],
];

function issuesOf(change: (doc: any) => void): readonly StudyIssue[] {
  const doc = base();
  change(doc);
  const result = validateStudy(doc);
  assert.equal(result.ok, false, 'the broken document is refused');
  return result.errors;
}

describe('study errors in the interface languages', () => {
  it('starts from a valid study', () => {
    assert.deepEqual(validateStudy(base()).errors, []);
  });

  for (const [key, change] of BROKEN) {
    it(`reports ${key} with words in every catalogue`, () => {
      const issues = issuesOf(change);
      const found = issues.filter((issue) => issue.key === key);
      assert.ok(found.length > 0, `${key} among ${JSON.stringify(issues)}`);
      for (const issue of found) {
        const english = studyIssueText('en', issue);
        if (key.startsWith('study.error.')) assert.equal(english, issue.message, 'the English words are the message the CLI prints');
        for (const lang of ['fr', 'de', 'es'] as Lang[]) {
          const text = studyIssueText(lang, issue);
          assert.doesNotMatch(text, /\{\w+\}|study\.(error|zod|schema)\./, `${lang}: no placeholder or key left raw: ${text}`);
          assert.notEqual(text, english, `${lang} has its own words for ${key}`);
          for (const [name, value] of Object.entries(issue.params ?? {})) if (name !== 'n') assert.ok(text.includes(String(value)), `${lang}: ${text} names ${value}`);
        }
      }
    });
  }

  it('has a case above for every semantic check of the catalogue', () => {
    const tried = new Set(BROKEN.map(([key]) => key));
    const keys = Object.keys(catalogue('en')).filter((key) => key.startsWith('study.error.'));
    assert.deepEqual(
      keys.filter((key) => !tried.has(key as MessageKey)),
      [],
    );
  });

  it('renders French with its typography and German with its quotation marks', () => {
    const [issue] = issuesOf((d) => (q(d, 'pick').name = 'size'));
    assert.equal(issue!.message, 'duplicate variable name "size"');
    assert.equal(studyIssueText('fr', issue!), 'nom de variable «\u00A0size\u00A0» en double');
    assert.equal(studyIssueText('de', issue!), 'doppelter Variablenname „size“');
    const [missing] = issuesOf((d) => delete d.title);
    assert.equal(missing!.path, 'title');
    assert.match(missing!.message, /Invalid input/, 'zod’s English message is kept for the CLI');
    assert.equal(studyIssueText('fr', missing!), 'obligatoire');
    const never = issuesOf((d) => Object.assign(q(d, 'pick'), { filter: { question: 'uses', keep: 'chosen' }, options: options(8, 9) })).find(
      (i) => i.key === 'study.error.neverShownMany',
    );
    assert.equal(studyIssueText('fr', never!), '«\u00A0uses\u00A0» n’a pas de code 8, 9\u00A0: ces options ne seraient jamais affichées');
  });

  it('chooses the plural of a bound in each language', () => {
    const [few] = issuesOf(
      (d) => (d.maturity = [{ id: 'm', label: L('M'), definition: L('D'), scoring: [{ variable: 'size', scores: [{ code: 1, score: 1 }] }], recommendations: [L('one')] }]),
    );
    assert.equal(few!.key, 'study.zod.tooSmall.array.other');
    assert.equal(studyIssueText('fr', few!), 'au moins 2 éléments');
    assert.equal(studyIssueText('de', few!), 'mindestens 2 Einträge');
  });

  it('warns of a study language without an interface catalogue in English by default and in the reader’s language', () => {
    const study = { languages: ['de', 'it'] };
    assert.deepEqual(interfaceLanguageWarnings(study), ['language "it" has no interface catalogue: falls back to English for the interface\'s words']);
    assert.deepEqual(interfaceLanguageWarnings(study, 'fr'), ['la langue «\u00A0it\u00A0» n’a pas de catalogue d’interface\u00A0: les mots de l’interface s’affichent en anglais']);
  });

  it('finds the key of every message the study schema gives itself', () => {
    const sources = ['study.ts', 'question.ts', 'condition.ts', 'label.ts', 'study-branding.ts'].map((file) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'));
    const messages = sources.flatMap((source) => [...source.matchAll(/\.(?:min|max|int|regex|refine)\((?:(?!z\.|\)\.)[^'`\n])*?'([^']+)'\)/g)].map((m) => m[1]!));
    assert.ok(messages.length >= 30, `the scan finds the schema's messages (${messages.length})`);
    assert.deepEqual(
      messages.filter((message) => schemaMessageWords(message) === undefined),
      [],
    );
    assert.deepEqual(schemaMessageWords('a logo is at most 500000 characters (about 375 kB of image)'), { key: 'study.schema.logoLength', params: { max: '500000' } });
    assert.equal(t('fr', 'study.schema.logoLength', { max: '500000' }), 'un logo compte au plus 500000 caractères (environ 375 ko d’image)');
  });
});
