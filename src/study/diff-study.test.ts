import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES } from './built-in-studies.js';
import { diffStudies, renderStudyDiff, type StudyChange } from './diff-study.js';
import type { Study } from './study.js';
import { LOGIC_STUDY_DOCUMENT, logicStudy } from './logic-study.test-helper.js';
import { validateStudy } from './validate-study.js';

function study(edit: (doc: any) => void = () => {}): Study {
  const doc = structuredClone(BUILT_IN_STUDIES[0]) as any;
  edit(doc);
  const result = validateStudy(doc);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.study;
}

const kinds = (changes: readonly StudyChange[]) => changes.map((c) => c.kind);
const base = study();
const households = (edit: (doc: any) => void = () => {}): Study => {
  const doc = JSON.parse(readFileSync(new URL('../../test/fixtures/studies/households.json', import.meta.url), 'utf8'));
  edit(doc);
  const result = validateStudy(doc);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result.study;
};
const firstSingle = (doc: any) => doc.pages.flatMap((p: any) => p.questions).find((q: any) => q.kind === 'single' && q.options.length >= 3);

describe('diffStudies', () => {
  it('finds no change between a study and itself, and renders "no change"', () => {
    const diff = diffStudies(base, study());
    assert.deepEqual(diff.changes, []);
    assert.equal(renderStudyDiff(diff), 'no change\n');
  });

  it('reports a page condition and a carry forward changed', () => {
    const before = logicStudy();
    const doc = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    doc.pages[1].condition.value = 21;
    doc.pages[2].questions[0].filter.keep = 'notChosen';
    const result = validateStudy(doc);
    assert.ok(result.ok);
    const changes = diffStudies(before, result.study).changes;
    assert.deepEqual(
      changes.map((c) => `${c.kind} ${'field' in c ? c.field : ''}`),
      ['page.changed condition', 'question.changed filter'],
    );
  });

  it('reports a question reworded in one language only, naming that language', () => {
    const q = base.pages[1].questions[0];
    const after = study((doc) => (doc.pages[1].questions[0].text.en += ' (edited)'));
    assert.deepEqual(diffStudies(base, after).changes, [{ kind: 'question.reworded', question: q.name, field: 'text', languages: ['en'] }]);
  });

  it('reports added and removed questions and pages, by variable name and page id', () => {
    const before = households();
    const after = households((doc) => {
      doc.pages[1].questions.pop();
      doc.pages.push({
        id: 'extra',
        title: { fr: 'En plus', en: 'Extra' },
        questions: [{ name: 'extra_note', kind: 'text', text: { fr: 'Une note ?', en: 'A note?' }, required: false }],
      });
    });
    const changes = diffStudies(before, after).changes;
    assert.deepEqual(changes, [
      { kind: 'page.added', page: 'extra', position: 3 },
      { kind: 'question.removed', question: 'comfort', page: 'heating' },
      { kind: 'question.added', question: 'extra_note', page: 'extra' },
    ]);
    assert.deepEqual(
      changes.find((c) => c.kind === 'question.added'),
      { kind: 'question.added', question: 'extra_note', page: 'extra' },
    );
    assert.ok(!kinds(changes).includes('page.moved'), 'appending a page moves no other page');
  });

  it('reports only the question that moved, not those it passed', () => {
    const page = base.pages[1];
    assert.ok(page.questions.length >= 3);
    const after = study((doc) => {
      const qs = doc.pages[1].questions;
      // move the last question of the page first; keep conditions valid by moving one without dependants
      qs.unshift(qs.pop());
    });
    const changes = diffStudies(base, after).changes.filter((c) => c.kind === 'question.moved' || c.kind === 'question.changed');
    const last = page.questions.at(-1)!.name;
    assert.deepEqual(
      changes.filter((c) => c.kind === 'question.moved'),
      [{ kind: 'question.moved', question: last, fromPage: page.id, from: page.questions.length, toPage: page.id, to: 1 }],
    );
  });

  it('reports a question moved to another page', () => {
    const moved = base.pages[2].questions.at(-1)!;
    const after = study((doc) => doc.pages.at(-1).questions.push(doc.pages[2].questions.pop()));
    const change = diffStudies(base, after).changes.find((c) => c.kind === 'question.moved');
    assert.equal(change?.kind === 'question.moved' && `${change.question} ${change.fromPage} → ${change.toPage}`, `${moved.name} ${base.pages[2].id} → ${base.pages.at(-1)!.id}`);
  });

  it('reports options added, removed, relabelled and reordered by code', () => {
    const q = firstSingle(base);
    const after = study((doc) => {
      const d = firstSingle(doc);
      const removed = d.options.pop();
      d.options[0].label.fr += ' !';
      d.options.push({ code: 999, label: { fr: 'Nouveau', en: 'New' } });
      [d.options[0], d.options[1]] = [d.options[1], d.options[0]];
      void removed;
    });
    const changes = diffStudies(base, after).changes.filter((c) => 'question' in c && c.question === q.name);
    assert.deepEqual(kinds(changes).sort(), ['option.added', 'option.relabelled', 'option.removed', 'options.reordered']);
    assert.deepEqual(
      changes.find((c) => c.kind === 'option.relabelled'),
      { kind: 'option.relabelled', question: q.name, list: 'options', code: q.options[0].code, languages: ['fr'] },
    );
    assert.deepEqual(
      changes.find((c) => c.kind === 'option.added'),
      { kind: 'option.added', question: q.name, list: 'options', code: 999, label: 'Nouveau' },
    );
  });

  it('reports matrix items and scale points', () => {
    const matrixAt = (doc: any) => doc.pages.flatMap((p: any) => p.questions).find((q: any) => q.kind === 'matrix');
    const m = matrixAt(base);
    assert.ok(m, 'the built-in study has a matrix');
    const after = study((doc) => {
      const d = matrixAt(doc);
      d.items[0].label.en = 'Relabelled item';
      d.items.push({ name: 'zz_new_item', label: { fr: 'Nouvel item', en: 'New item' } });
      d.points[0].label.fr = 'Point renommé';
    });
    const changes = diffStudies(base, after).changes;
    assert.deepEqual(
      changes
        .filter((c) => 'question' in c && c.question === m.name)
        .map((c) => c.kind)
        .sort(),
      ['item.added', 'item.relabelled', 'option.relabelled'],
    );
    assert.ok(renderStudyDiff(diffStudies(base, after)).includes(`question ${m.name}: points ${m.points[0].code} relabelled (fr)`));
  });

  it('reports settings of a question, languages, cuts, margins and indicators', () => {
    const q = firstSingle(base);
    const after = study((doc) => {
      firstSingle(doc).required = !q.required;
      doc.cuts.pop();
      doc.margins = doc.margins.slice(1);
      doc.indicators[0].yes = [...doc.indicators[0].yes, ...[]];
      doc.indicators[0].label.en = 'Relabelled';
      doc.indicators.pop();
    });
    const changes = diffStudies(base, after).changes;
    assert.ok(changes.some((c) => c.kind === 'question.changed' && c.question === q.name && c.field === 'required'));
    assert.deepEqual(
      changes.find((c) => c.kind === 'cut.removed'),
      { kind: 'cut.removed', variable: base.cuts.at(-1)!.variable },
    );
    assert.deepEqual(
      changes.find((c) => c.kind === 'margin.removed'),
      { kind: 'margin.removed', variable: base.margins[0] },
    );
    assert.deepEqual(
      changes.find((c) => c.kind === 'indicator.removed'),
      { kind: 'indicator.removed', indicator: base.indicators.at(-1)!.id },
    );
    assert.deepEqual(
      changes.find((c) => c.kind === 'indicator.changed'),
      { kind: 'indicator.changed', indicator: base.indicators[0].id, field: 'label' },
    );
  });

  it('reports a language added once, not every label that gained it', () => {
    const mono = study((doc) => {
      doc.languages = ['fr'];
      const strip = (node: any): void => {
        if (Array.isArray(node)) return node.forEach(strip);
        if (!node || typeof node !== 'object') return;
        if (typeof node.fr === 'string' && typeof node.en === 'string') delete node.en;
        if (node.fr && node.en && typeof node.fr === 'object') delete node.en; // the unit
        for (const v of Object.values(node)) strip(v);
      };
      strip(doc);
    });
    assert.deepEqual(diffStudies(mono, base).changes, [{ kind: 'language.added', language: 'en' }]);
  });

  it('renders each change as one line', () => {
    const after = study((doc) => (doc.pages[0].title.fr = 'Autre titre'));
    assert.equal(renderStudyDiff(diffStudies(base, after)), `page ${base.pages[0].id}: title reworded (fr)\n`);
  });
});
