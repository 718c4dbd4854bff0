import type { Condition, Label, Question, Study } from '../study/index.js';
import { writeLss, type LssQuestionSpec, type LssSurveySpec } from './write-lss.js';

// Export a study as a LimeSurvey survey structure (.lss, the 4.x+ layout), in every language of the study:
//
//   page ─▶ group (its condition ─▶ grelevance)        question ─▶ question (its condition ─▶ relevance)
//   single ─▶ L (radio) or ! (dropdown), answers coded by exportCode (else the storage code); other ─▶ other=Y
//   multiple ─▶ M, options ─▶ subquestions (exportCode, else SQ + code); exclusive ─▶ exclude_all_others;
//               maxSelections ─▶ max_answers
//   matrix ─▶ F (items ─▶ subquestions, points ─▶ answers);  scale ─▶ 5 when its points are 1..5 labelled
//   with their digits, else L (comes back as a single choice)
//   number ─▶ N (min_num_value_n, max_num_value_n, num_value_int_only);  text ─▶ S or T (maximum_chars)
//   consent ─▶ Y (yes/no);  info ─▶ X;  date ─▶ D (date_min, date_max)
//   ranking ─▶ R (options ─▶ answers; maxRanked, minRanked ─▶ max_answers, min_answers)
//   numbers ─▶ K (items ─▶ subquestions; total ─▶ equals_num_value);  textgrid ─▶ ; (rows ─▶ subquestions, columns ─▶ scale 1)
//   filter ─▶ array_filter / array_filter_exclude;  randomize ─▶ random_order
//   conditions ─▶ ExpressionScript: Q.NAOK == "A1", Q_SQ001.NAOK == "Y", !is_empty(Q.NAOK), Q.NAOK < 3, and/or/!
//
// Question titles are the study's variable names (LimeSurvey itself refuses "_" in a title it edits, but
// reads it on import). The importer reads this file back to the same questions, codes and logic.

const SID = 100000;

function optionCode(o: { code: number; exportCode?: string }): string {
  return o.exportCode ?? String(o.code);
}

function subCode(question: Question, code: number): string {
  if (question.kind !== 'multiple') return String(code);
  const o = question.options.find((x) => x.code === code);
  return o?.exportCode ?? `SQ${String(code).padStart(3, '0')}`;
}

/** The ExpressionScript of a condition, naming questions by title and codes by their export codes. */
function expression(c: Condition, byVariable: ReadonlyMap<string, { question: Question; sub?: string }>): string {
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  switch (c.op) {
    case 'and':
    case 'or':
      return `(${c.conditions.map((x) => expression(x, byVariable)).join(` ${c.op} `)})`;
    case 'not':
      return `!(${expression(c.condition, byVariable)})`;
    case 'in':
      return `(${c.values.map((value) => expression({ op: 'equals', question: c.question, value }, byVariable)).join(' or ')})`;
    default:
      break;
  }
  const target = byVariable.get(c.question);
  if (!target) throw new Error(`exportLss: condition on unknown "${c.question}"`);
  const { question, sub } = target;
  const name = sub ? `${question.name}_${sub}` : question.name;
  const codeOf = (value: number) => {
    const points = question.kind === 'single' || question.kind === 'multiple' ? question.options : question.kind === 'scale' || question.kind === 'matrix' ? question.points : [];
    const o = points.find((x) => x.code === value);
    return o ? optionCode(o) : String(value);
  };
  switch (c.op) {
    case 'answered':
      return `!is_empty(${name}.NAOK)`;
    case 'empty':
      return `is_empty(${name}.NAOK)`;
    case 'equals':
      return question.kind === 'multiple' ? `${question.name}_${subCode(question, c.value)}.NAOK == "Y"` : `${name}.NAOK == ${quote(codeOf(c.value))}`;
    case 'compare':
      if (question.kind === 'multiple') return `${question.name}_${subCode(question, Number(c.value))}.NAOK != "Y"`;
      if (question.kind === 'number') return `${name}.NAOK ${c.comparator} ${c.value}`;
      return `${name}.NAOK ${c.comparator} ${quote(typeof c.value === 'number' ? codeOf(c.value) : c.value)}`;
  }
}

/** The .lss document of a study. */
export function exportLss(study: Study): string {
  const languages = study.languages;
  const texts = (label: Label) => Object.fromEntries(languages.map((l) => [l, label[l] ?? Object.values(label)[0] ?? '']));
  const byVariable = new Map<string, { question: Question; sub?: string }>();
  let qid = 1;
  const groups = study.pages.map((page, p) => {
    const gid = p + 1;
    const groupRelevance = page.condition ? expression(page.condition, byVariable) : '';
    const questions = page.questions.map((q): LssQuestionSpec => {
      const base = {
        qid: qid++,
        title: q.name,
        text: texts(q.text),
        ...(q.help ? { help: texts(q.help) } : {}),
        mandatory: q.kind !== 'info' && q.required ? ('Y' as const) : ('N' as const),
      };
      const relevance = q.condition ? expression(q.condition, byVariable) : '1';
      let spec: LssQuestionSpec;
      switch (q.kind) {
        case 'single':
          spec = {
            ...base,
            relevance,
            type: q.display === 'dropdown' ? '!' : 'L',
            other: q.other ? 'Y' : 'N',
            answers: q.options.map((o) => ({ code: optionCode(o), text: texts(o.label) })),
          };
          if (q.other) spec = { ...spec, attributeTexts: { other_replace_text: texts(q.other.label) } };
          break;
        case 'multiple': {
          const attributes: Record<string, string> = {};
          if (q.exclusive.length) attributes.exclude_all_others = q.exclusive.map((c) => subCode(q, c)).join(';');
          if (q.maxSelections) attributes.max_answers = String(q.maxSelections);
          spec = {
            ...base,
            relevance,
            type: 'M',
            other: q.other ? 'Y' : 'N',
            subquestions: q.options.map((o) => ({ qid: qid++, title: subCode(q, o.code), text: texts(o.label) })),
            attributes,
            ...(q.other ? { attributeTexts: { other_replace_text: texts(q.other.label) } } : {}),
          };
          break;
        }
        case 'matrix':
          spec = {
            ...base,
            relevance,
            type: 'F',
            subquestions: q.items.map((i) => ({ qid: qid++, title: i.exportCode ?? i.name, text: texts(i.label) })),
            answers: q.points.map((o) => ({ code: optionCode(o), text: texts(o.label) })),
          };
          q.items.forEach((i) => byVariable.set(i.name, { question: q, sub: i.exportCode ?? i.name }));
          break;
        case 'scale':
          // LimeSurvey's 5-point choice has the digits as labels; a scale labelled in words goes out as a list
          spec =
            q.points.map((o) => o.code).join() === '1,2,3,4,5' && q.points.every((o) => Object.values(o.label).every((text) => text === String(o.code)))
              ? { ...base, relevance, type: '5' }
              : { ...base, relevance, type: 'L', answers: q.points.map((o) => ({ code: optionCode(o), text: texts(o.label) })) };
          break;
        case 'number': {
          const attributes: Record<string, string> = { num_value_int_only: q.integer ? '1' : '0' };
          if (q.min !== undefined) attributes.min_num_value_n = String(q.min);
          if (q.max !== undefined) attributes.max_num_value_n = String(q.max);
          spec = { ...base, relevance, type: 'N', attributes };
          break;
        }
        case 'text':
          spec = { ...base, relevance, type: q.multiline ? 'T' : 'S', attributes: { maximum_chars: String(q.maxLength) } };
          break;
        case 'info':
          spec = { ...base, relevance, type: 'X' };
          break;
        case 'date': {
          const attributes: Record<string, string> = {};
          if (q.min !== undefined) attributes.date_min = q.min;
          if (q.max !== undefined) attributes.date_max = q.max;
          spec = { ...base, relevance, type: 'D', attributes };
          break;
        }
        case 'ranking': {
          const attributes: Record<string, string> = {};
          if (q.maxRanked !== undefined) attributes.max_answers = String(q.maxRanked);
          if (q.minRanked !== undefined) attributes.min_answers = String(q.minRanked);
          spec = { ...base, relevance, type: 'R', answers: q.options.map((o) => ({ code: optionCode(o), text: texts(o.label) })), attributes };
          break;
        }
        case 'numbers': {
          const attributes: Record<string, string> = { num_value_int_only: q.integer ? '1' : '0' };
          if (q.min !== undefined) attributes.min_num_value_n = String(q.min);
          if (q.max !== undefined) attributes.max_num_value_n = String(q.max);
          if (q.total !== undefined) attributes.equals_num_value = String(q.total);
          spec = { ...base, relevance, type: 'K', subquestions: q.items.map((i) => ({ qid: qid++, title: i.exportCode ?? i.name, text: texts(i.label) })), attributes };
          break;
        }
        case 'textgrid':
          spec = {
            ...base,
            relevance,
            type: ';',
            subquestions: [
              ...q.rows.map((i) => ({ qid: qid++, title: i.exportCode ?? i.name, text: texts(i.label) })),
              ...q.columns.map((i) => ({ qid: qid++, title: i.exportCode ?? i.name, text: texts(i.label), scale: 1 })),
            ],
            attributes: { maximum_chars: String(q.maxLength) },
          };
          break;
        default:
          spec = { ...base, relevance, type: 'Y' };
      }
      const logic: Record<string, string> = {};
      if ((q.kind === 'single' || q.kind === 'multiple' || q.kind === 'matrix') && q.filter)
        logic[q.filter.keep === 'chosen' ? 'array_filter' : 'array_filter_exclude'] = q.filter.question;
      if ((q.kind === 'single' || q.kind === 'multiple' || q.kind === 'matrix' || q.kind === 'ranking') && q.randomize) logic.random_order = '1';
      if (Object.keys(logic).length > 0) spec = { ...spec, attributes: { ...spec.attributes, ...logic } };
      byVariable.set(q.name, { question: q });
      return spec;
    });
    return { gid, name: texts(page.title), relevance: groupRelevance, questions };
  });
  const spec: LssSurveySpec = { sid: SID, languages, title: texts(study.title), description: texts(study.description), groups };
  return writeLss(spec);
}
