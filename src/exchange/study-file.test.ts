import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readStudyFile } from './study-file.js';

const HOUSEHOLDS = readFileSync(new URL('../../test/fixtures/studies/households.json', import.meta.url), 'utf8');
const SURVEYJS = readFileSync(new URL('../../test/fixtures/exchange/customer-survey.surveyjs.json', import.meta.url), 'utf8');

describe('readStudyFile', () => {
  it('reads a native study document', () => {
    const reading = readStudyFile(HOUSEHOLDS, 'native');
    assert.equal(reading.ok && reading.study.id, 'household-energy');
  });

  it("reports an empty file, bad JSON and another study's id as errors, never throwing", () => {
    assert.deepEqual(readStudyFile('  \n', 'native'), {
      ok: false,
      errors: [{ path: '(document)', message: 'the file is empty', key: 'study.file.empty', params: {} }],
      warnings: [],
    });
    const bad = readStudyFile('{ "id": ', 'native');
    assert.equal(!bad.ok && bad.errors[0].path, '(document)');
    assert.match(!bad.ok ? bad.errors[0].message : '', /^not valid JSON: /);
    assert.deepEqual(readStudyFile(HOUSEHOLDS, 'native', { studyId: 'other' }), {
      ok: false,
      errors: [{ path: 'id', message: 'the file is study "household-energy", not "other"', key: 'study.file.otherStudy', params: { id: 'household-energy', expected: 'other' } }],
      warnings: [],
    });
    const notSurvey = readStudyFile('{"title": "no pages"}', 'surveyjs');
    assert.match(!notSurvey.ok ? notSurvey.errors[0].message : '', /^not a SurveyJS file: /);
  });

  it("converts a SurveyJS survey under the given id, with the importer's warnings", () => {
    const reading = readStudyFile(SURVEYJS, 'surveyjs', { studyId: 'customers' });
    assert.equal(reading.ok && reading.study.id, 'customers');
    assert.ok(reading.warnings.length > 0);
  });
});
