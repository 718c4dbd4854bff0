import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUESTION_KINDS as MODEL_KINDS, validateStudy, ZQuestion } from '../../study/index.js';
import { COMMON_QUESTION_FIELDS, fieldId, formatPath, keepLanguages, missingTexts, newQuestion, parsePath, QUESTION_KINDS } from './editor-fields.js';

describe('editor fields', () => {
  it('reads a validator path into the id of its form element and back', () => {
    const path = parsePath('pages[0].questions[12].options[1].code');
    assert.deepEqual(path, ['pages', 0, 'questions', 12, 'options', 1, 'code']);
    assert.equal(fieldId(path), 'f.pages.0.questions.12.options.1.code');
    assert.equal(formatPath(path), 'pages[0].questions[12].options[1].code');
    assert.deepEqual(parsePath('title.pt-BR'), ['title', 'pt-BR']);
    assert.deepEqual(parsePath('(document)'), []);
    assert.equal(formatPath([]), '(document)');
  });

  it('knows every question kind of the model, and a new question of each kind is valid once its texts are written', () => {
    assert.deepEqual(Object.keys(QUESTION_KINDS).sort(), [...MODEL_KINDS].sort());
    for (const [kind, spec] of Object.entries(QUESTION_KINDS)) {
      const question = newQuestion(kind, { name: 'q1', text: { en: '' }, required: true }, ['en']);
      assert.ok(spec);
      const document = {
        id: 'kinds',
        version: 1,
        title: { en: 'T' },
        description: { en: 'D' },
        languages: ['en'],
        estimatedMinutes: 1,
        privacyNotice: { en: 'P' },
        pages: [{ id: 'p1', title: { en: 'P' }, questions: [question] }],
      };
      // the empty texts are the only errors: the form asks for them
      const result = validateStudy(document);
      assert.ok(!result.ok);
      for (const error of result.errors) assert.match(error.message, /empty text/, `${kind}: ${error.path} ${error.message}`);
      const filled = JSON.parse(JSON.stringify(document).replace(/"en":""/g, '"en":"x"'));
      const again = validateStudy(filled);
      assert.ok(again.ok, `${kind}: ${JSON.stringify(again.errors)}`);
    }
  });

  it('shows a box absent from the document as the study schema reads it (required and whole numbers by default)', () => {
    for (const [kind, spec] of Object.entries(QUESTION_KINDS)) {
      const booleans = [...COMMON_QUESTION_FIELDS, ...spec!.fields].filter((f) => f.type === 'boolean' && !spec!.omit?.includes(f.key));
      const question = JSON.parse(JSON.stringify(newQuestion(kind, { name: 'q1', text: { en: 'x' } }, ['en'])).replace(/"en":""/g, '"en":"x"'));
      for (const f of booleans) delete question[f.key];
      const parsed = ZQuestion.safeParse(question);
      assert.ok(parsed.success, `${kind}: ${JSON.stringify(parsed.error?.issues)}`);
      for (const f of booleans) {
        const read: unknown = (parsed.data as Record<string, unknown>)[f.key] ?? false;
        assert.equal(f.type === 'boolean' ? (f.default ?? false) : null, read, `${kind}.${f.key}: the box shows what the schema reads`);
      }
    }
  });

  it('counts the texts each language lacks and keeps only the declared languages', () => {
    const document = {
      title: { fr: 'Titre', en: '' },
      pages: [{ title: { fr: 'Page' }, questions: [{ kind: 'single', options: [{ code: 1, label: { fr: 'Oui', en: 'Yes', de: 'Ja' } }] }] }],
      unit: { fr: { one: 'ménage', other: 'ménages' } },
    };
    assert.deepEqual(missingTexts(document, ['fr', 'en']), { fr: 0, en: 2 });
    keepLanguages(document, ['fr', 'en']);
    assert.deepEqual(document.pages[0].questions[0].options[0].label, { fr: 'Oui', en: 'Yes' });
    assert.deepEqual(document.unit, { fr: { one: 'ménage', other: 'ménages' } }, 'the unit is not a label');
  });
});
