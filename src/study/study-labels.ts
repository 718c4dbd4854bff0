import type { Label } from './label.js';
import type { Question } from './question.js';
import type { Study } from './study.js';

/** One translatable text of a study and where it sits (`pages[1].questions[0].options[2].label`). */
export interface LabelAt {
  readonly path: string;
  readonly label: Label;
}

function questionLabels(q: Question, at: string, out: LabelAt[]): void {
  const add = (path: string, label: Label | undefined) => label && out.push({ path: `${at}.${path}`, label });
  add('text', q.text);
  add('help', q.help);
  switch (q.kind) {
    case 'single':
    case 'multiple':
      q.options.forEach((o, k) => add(`options[${k}].label`, o.label));
      add('other.label', q.other?.label);
      break;
    case 'scale':
      q.points.forEach((o, k) => add(`points[${k}].label`, o.label));
      add('dontKnow.label', q.dontKnow?.label);
      break;
    case 'matrix':
      q.items.forEach((item, k) => add(`items[${k}].label`, item.label));
      q.points.forEach((o, k) => add(`points[${k}].label`, o.label));
      add('dontKnow.label', q.dontKnow?.label);
      break;
    case 'ranking':
      q.options.forEach((o, k) => add(`options[${k}].label`, o.label));
      break;
    case 'number':
      add('unit', q.unit);
      break;
    case 'numbers':
      q.items.forEach((item, k) => add(`items[${k}].label`, item.label));
      add('unit', q.unit);
      break;
    case 'textgrid':
      q.rows.forEach((row, k) => add(`rows[${k}].label`, row.label));
      q.columns.forEach((column, k) => add(`columns[${k}].label`, column.label));
      break;
    default:
      break;
  }
}

/**
 * Every label of a study with its path, in document order: what must exist in each declared language
 * (`validateStudy`), and what an editor counts as translated or missing. Tolerates a document whose
 * optional lists are absent, so it can run on a broken file too.
 */
export function studyLabels(study: Study): LabelAt[] {
  const out: LabelAt[] = [];
  const add = (path: string, label: Label | undefined) => label && out.push({ path, label });
  add('title', study.title);
  add('description', study.description);
  add('privacyNotice', study.privacyNotice);
  (study.pages ?? []).forEach((page, p) => {
    add(`pages[${p}].title`, page.title);
    add(`pages[${p}].intro`, page.intro);
    (page.questions ?? []).forEach((q, i) => questionLabels(q, `pages[${p}].questions[${i}]`, out));
  });
  (study.themes ?? []).forEach((theme, k) => {
    add(`themes[${k}].label`, theme.label);
    add(`themes[${k}].description`, theme.description);
  });
  (study.indicators ?? []).forEach((indicator, k) => add(`indicators[${k}].label`, indicator.label));
  (study.maturity ?? []).forEach((dimension, k) => {
    add(`maturity[${k}].label`, dimension.label);
    add(`maturity[${k}].definition`, dimension.definition);
    (dimension.recommendations ?? []).forEach((r, j) => add(`maturity[${k}].recommendations[${j}]`, r));
  });
  (study.cuts ?? []).forEach((cut, k) => add(`cuts[${k}].label`, cut.label));
  (study.benchmark?.peerGroups ?? []).forEach((cut, k) => add(`benchmark.peerGroups[${k}].label`, cut.label));
  (study.leadForm ?? []).forEach((field, k) => {
    add(`leadForm[${k}].label`, field.label);
    (field.options ?? []).forEach((o, j) => add(`leadForm[${k}].options[${j}].label`, o.label));
  });
  return out.filter((entry) => entry.label !== null && typeof entry.label === 'object');
}
