import type { Condition, Label, Option, Question, Study } from '../../../src/study/index.js';
import type { XlsFormSpec } from './write-xlsform.js';

// The round trip's other half: a study written out as an XLSForm, the way a researcher would write the same
// questionnaire by hand (pages as groups, matrices as table-list groups, scales as likert, logic as relevant).

const choiceName = (o: Option) => o.exportCode ?? String(o.code);

/** Writes a study as an XLSForm spec; question kinds XLSForm cannot say are refused. */
export function studyToXlsForm(study: Study): XlsFormSpec {
  const langs = study.languages;
  const labelColumns = langs.map((l) => `label::${l}`);
  const hintColumns = langs.map((l) => `hint::${l}`);
  const survey: string[][] = [['type', 'name', ...labelColumns, ...hintColumns, 'required', 'relevant', 'constraint', 'appearance', 'parameters']];
  const choices: string[][] = [['list_name', 'name', ...labelColumns]];
  const texts = (label: Label | undefined) => langs.map((l) => label?.[l] ?? '');
  const row = (
    type: string,
    name: string,
    label: Label | undefined,
    extra: { hint?: Label; required?: boolean; relevant?: string; constraint?: string; appearance?: string; parameters?: string } = {},
  ) =>
    survey.push([
      type,
      name,
      ...texts(label),
      ...texts(extra.hint),
      extra.required === undefined ? '' : extra.required ? 'yes' : 'no',
      extra.relevant ?? '',
      extra.constraint ?? '',
      extra.appearance ?? '',
      extra.parameters ?? '',
    ]);
  const list = (name: string, options: readonly Option[]) => {
    for (const o of options) choices.push([name, choiceName(o), ...texts(o.label)]);
    return name;
  };
  // what a variable's codes are called, for the relevant expressions
  const codeNames = new Map<string, Map<number, string>>();
  const multiples = new Set<string>();
  const relevant = (c: Condition | undefined): string => {
    if (!c) return '';
    const name = (variable: string, code: number) => `'${codeNames.get(variable)?.get(code) ?? code}'`;
    const one = (variable: string, code: number) => (multiples.has(variable) ? `selected(\${${variable}}, ${name(variable, code)})` : `\${${variable}} = ${name(variable, code)}`);
    switch (c.op) {
      case 'equals':
        return one(c.question, c.value);
      case 'in':
        return `(${c.values.map((v) => one(c.question, v)).join(' or ')})`;
      case 'answered':
        return `\${${c.question}} != ''`;
      case 'empty':
        return `\${${c.question}} = ''`;
      case 'compare':
        return typeof c.value === 'number' && codeNames.has(c.question)
          ? `\${${c.question}} != ${name(c.question, c.value)}`
          : `\${${c.question}} ${c.comparator} ${typeof c.value === 'number' ? c.value : `'${c.value}'`}`;
      case 'not':
        return `not(${relevant(c.condition)})`;
      case 'and':
      case 'or':
        return `(${c.conditions.map(relevant).join(` ${c.op} `)})`;
    }
  };
  const question = (q: Question) => {
    const base = { hint: q.help, required: q.kind !== 'info' && q.required, relevant: relevant(q.condition) };
    switch (q.kind) {
      case 'single':
      case 'multiple': {
        if (q.other) throw new Error(`${q.name}: "other" options are labelled "Other" by XLSForm; leave them out of a round trip`);
        codeNames.set(q.name, new Map(q.options.map((o) => [o.code, choiceName(o)])));
        if (q.kind === 'multiple') multiples.add(q.name);
        const constraint =
          q.kind === 'multiple' ? q.exclusive.map((code) => `not(selected(., '${codeNames.get(q.name)!.get(code)}') and count-selected(.) > 1)`).join(' and ') : '';
        row(`${q.kind === 'single' ? 'select_one' : 'select_multiple'} ${list(`l_${q.name}`, q.options)}`, q.name, q.text, {
          ...base,
          constraint,
          appearance: q.kind === 'single' && q.display === 'dropdown' ? 'minimal' : '',
        });
        return;
      }
      case 'scale':
        if (q.dontKnow) throw new Error(`${q.name}: a "don't know" point has no XLSForm equivalent`);
        codeNames.set(q.name, new Map(q.points.map((o) => [o.code, choiceName(o)])));
        row(`select_one ${list(`l_${q.name}`, q.points)}`, q.name, q.text, { ...base, appearance: 'likert' });
        return;
      case 'matrix': {
        const listName = list(`l_${q.name}`, q.points);
        survey.push(['begin_group', q.name, ...texts(q.text), ...texts(undefined), '', relevant(q.condition), '', 'table-list']);
        for (const item of q.items) {
          codeNames.set(item.name, new Map(q.points.map((o) => [o.code, choiceName(o)])));
          row(`select_one ${listName}`, item.name, item.label, { required: q.required });
        }
        survey.push(['end_group', q.name]);
        return;
      }
      case 'number': {
        const bounds = [q.min === undefined ? '' : `. >= ${q.min}`, q.max === undefined ? '' : `. <= ${q.max}`].filter(Boolean).join(' and ');
        row(q.integer ? 'integer' : 'decimal', q.name, q.text, { ...base, constraint: bounds });
        return;
      }
      case 'text':
        row('text', q.name, q.text, { ...base, appearance: q.multiline ? 'multiline' : '' });
        return;
      case 'consent':
        row('acknowledge', q.name, q.text, base);
        return;
      case 'ranking':
        row(`rank ${list(`l_${q.name}`, q.options)}`, q.name, q.text, { ...base, parameters: q.randomize ? 'randomize=true' : '' });
        return;
      case 'date': {
        const bounds = [q.min === undefined ? '' : `. >= date('${q.min}')`, q.max === undefined ? '' : `. <= date('${q.max}')`].filter(Boolean).join(' and ');
        row('date', q.name, q.text, { ...base, constraint: bounds });
        return;
      }
      case 'info':
        row('note', q.name, q.text, { hint: q.help, relevant: relevant(q.condition) });
        return;
      default:
        throw new Error(`${(q as Question).name}: no XLSForm type for this kind`);
    }
  };
  for (const page of study.pages) {
    survey.push(['begin_group', page.id.replace(/^p_/, ''), ...texts(page.title), ...texts(undefined), '', relevant(page.condition)]);
    for (const q of page.questions) question(q);
    survey.push(['end_group', page.id]);
  }
  return {
    survey,
    choices,
    settings: [
      ['form_title', 'form_id', 'default_language'],
      [study.title[langs[0]!]!, study.id, langs[0]!],
    ],
  };
}
