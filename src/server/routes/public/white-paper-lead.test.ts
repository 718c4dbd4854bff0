import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZLeadField, type LeadField } from '../../../study/index.js';
import { parseLeadForm } from './white-paper-lead.js';

const L = (fr: string, en: string) => ({ fr, en });
const FIELDS: LeadField[] = [
  ZLeadField.parse({ id: 'team', label: L('Équipe', 'Team'), maxLength: 10 }),
  ZLeadField.parse({
    id: 'band',
    label: L('Tranche', 'Band'),
    required: true,
    options: [
      { code: 1, label: L('Petite', 'Small') },
      { code: 20, label: L('Grande', 'Large') },
    ],
  }),
  // an id equal to a fixed control's name cannot take its place: controls are prefixed
  ZLeadField.parse({ id: 'email', label: L('Autre e-mail', 'Other e-mail') }),
];
const base = { name: 'Ana', email: 'ana@example.org' };

describe('parseLeadForm', () => {
  it('accepts name and e-mail alone when the study has no field, ticking nothing by default', () => {
    const result = parseLeadForm(base, []);
    assert.deepEqual(result, { ok: true, form: { name: 'Ana', email: 'ana@example.org', fields: {}, consent: false, sendEmail: false } });
  });

  it('returns the study’s answers by field id: texts cleaned, choices as codes, empty optional fields left out', () => {
    const result = parseLeadForm({ ...base, field_team: ' Data\u202E ', field_band: '20', consent: 'yes' }, FIELDS);
    assert.ok(result.ok);
    assert.deepEqual(result.form.fields, { team: 'Data', band: 20 });
    assert.equal(result.form.consent, true);
  });

  it('names what is wrong by control: a missing required choice, an unknown code, a text too long, a bad e-mail', () => {
    const missing = parseLeadForm({ ...base, field_team: 'x' }, FIELDS);
    assert.ok(!missing.ok);
    assert.deepEqual(missing.errors, { field_band: 'required' });
    const wrong = parseLeadForm({ name: '', email: 'nope', field_team: 'abcdefghijk', field_band: '3', field_email: 'fine' }, FIELDS);
    assert.ok(!wrong.ok);
    assert.deepEqual(wrong.errors, { name: 'name', email: 'email', field_team: 'tooLong', field_band: 'option' });
    assert.equal(wrong.values.inputs?.field_team, 'abcdefghijk', 'the typed values come back for the form');
    for (const code of ['1.0', ' 1e1', '-1', '01x']) {
      const odd = parseLeadForm({ ...base, field_band: code }, FIELDS);
      assert.ok(!odd.ok && odd.errors.field_band === 'option', code);
    }
  });

  it('takes the last of repeated values, ignores non-text ones, and refuses the honeypot', () => {
    const repeated = parseLeadForm({ ...base, field_band: ['9', '1'], field_team: { a: 1 } }, FIELDS);
    assert.ok(repeated.ok);
    assert.deepEqual(repeated.form.fields, { band: 1 });
    const spam = parseLeadForm({ ...base, field_band: '1', 'hp-website': 'x' }, FIELDS);
    assert.ok(!spam.ok && spam.spam);
  });
});
