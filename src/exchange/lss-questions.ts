import { bilingual, integerCodes, type NameRegistry } from './questionnaire-import.js';
import type { LssTables, Source } from './lss-tables.js';

// Map questions: one LimeSurvey question (a Source with its subquestions, answers and attributes) becomes
// one question of the study document, and an entry that later relevance equations are read against:
//
//   type L ! O G Y  ─▶ single (radio / dropdown; codes renumbered to integers)   entry.codes: "A1" → 1
//   type M P        ─▶ multiple (subquestions are the options)                   entry.sub: "SQ001" → 1
//   type F A B C E  ─▶ matrix (subquestions are the items, answers the points)    entry.sub: "SQ001" → item name
//   type 5          ─▶ scale 1–5;  N ─▶ number;  S T U ─▶ text;  any other type ─▶ null and a warning

/** LimeSurvey question types we map, by their one-character code. */
const TYPE_NAMES: Record<string, string> = {
  '1': 'array dual scale',
  '5': '5 point choice',
  A: 'array (5 point)',
  B: 'array (10 point)',
  C: 'array (yes/no/uncertain)',
  D: 'date',
  E: 'array (increase/same/decrease)',
  F: 'array',
  G: 'gender',
  H: 'array by column',
  I: 'language switch',
  K: 'multiple numerical',
  L: 'list (radio)',
  M: 'multiple choice',
  N: 'numerical input',
  O: 'list with comment',
  P: 'multiple choice with comments',
  Q: 'multiple short text',
  R: 'ranking',
  S: 'short free text',
  T: 'long free text',
  U: 'huge free text',
  X: 'text display',
  Y: 'yes/no',
  '!': 'list (dropdown)',
  ':': 'array (numbers)',
  ';': 'array (texts)',
  '|': 'file upload',
  '*': 'equation',
};

/** A mapped question, as relevance equations refer to it. */
export interface Mapped {
  name: string;
  kind: string;
  /** LimeSurvey answer code -> our code (single, scale) */
  codes: Map<string, number>;
  /** subquestion title -> our option code (multiple) or item name (matrix) */
  sub: Map<string, number | string>;
}

export interface MappedQuestion {
  /** how warnings name the question: `question Q1 (list (radio))` */
  readonly where: string;
  readonly entry: Mapped;
  /** the question of the study document; null when its type is left out (a warning says so) */
  readonly question: Record<string, unknown> | null;
}

/** Maps one top-level question; `names` gives unique names across the study, `warn` collects what is left out. */
export function mapLssQuestion(s: Source, tables: LssTables, names: NameRegistry, warn: (message: string) => void): MappedQuestion {
  const { answers, subs, questionTexts, attributes } = tables;
  const where = `question ${s.title} (${TYPE_NAMES[s.type] ?? `type ${s.type}`})`;
  const text = bilingual(s.texts, where, warn, s.title);
  const help = Object.values(s.helps).some((h) => h) ? bilingual(s.helps, `${where} help`, warn) : undefined;
  const options = (answers.get(s.qid) ?? []).sort((a, b) => a.order - b.order);
  const subList = (subs.get(s.qid) ?? []).filter((x) => x.scale === '0').sort((a, b) => a.order - b.order);
  const name = names.name(s.title, 'q');
  const base: Record<string, unknown> = { name, text, ...(help ? { help } : {}), required: s.mandatory === 'Y' };
  if (s.mandatory === 'S') warn(`${where}: soft mandatory is imported as optional`);
  const codeList = (raw: { code: string; label: Record<string, string> }[], what: string) => {
    const { codes, renumbered } = integerCodes(raw.map((o) => o.code));
    if (renumbered) warn(`${where}: ${what} codes ${raw.map((o) => o.code).join(', ')} are renumbered ${codes.join(', ')}`);
    return raw.map((o, k) => ({ code: codes[k], label: bilingual(o.label, `${where} ${what} ${o.code}`, warn, o.code) }));
  };
  const entry: Mapped = { name, kind: '', codes: new Map(), sub: new Map() };
  let question: Record<string, unknown> | null = null;
  switch (s.type) {
    case 'L':
    case '!':
    case 'O':
    case 'G':
    case 'Y': {
      const raw =
        s.type === 'Y'
          ? [
              { code: 'Y', label: { fr: 'Oui', en: 'Yes' } },
              { code: 'N', label: { fr: 'Non', en: 'No' } },
            ]
          : s.type === 'G'
            ? [
                { code: 'F', label: { fr: 'Femme', en: 'Female' } },
                { code: 'M', label: { fr: 'Homme', en: 'Male' } },
              ]
            : options;
      const list = codeList(raw, 'answer');
      raw.forEach((o, k) => entry.codes.set(o.code, list[k].code));
      question = { ...base, kind: 'single', display: s.type === '!' ? 'dropdown' : 'radio', options: list };
      if (s.type === 'O') warn(`${where}: the comment box is left out`);
      if (s.other === 'Y') {
        const code = Math.max(0, ...list.map((o) => o.code)) + 1;
        question.other = { code, label: { fr: 'Autre', en: 'Other' } };
      }
      entry.kind = 'single';
      break;
    }
    case 'M':
    case 'P': {
      const list = codeList(
        subList.map((x) => ({ code: x.title, label: questionTexts.get(x.qid) ?? {} })),
        'option',
      );
      subList.forEach((x, k) => entry.sub.set(x.title, list[k].code));
      question = { ...base, kind: 'multiple', options: list };
      const max = Number(attributes.get(s.qid)?.max_answers);
      if (Number.isInteger(max) && max > 0) question.maxSelections = Math.min(max, list.length + (s.other === 'Y' ? 1 : 0));
      if (s.other === 'Y') question.other = { code: Math.max(0, ...list.map((o) => o.code)) + 1, label: { fr: 'Autre', en: 'Other' } };
      if (s.type === 'P') warn(`${where}: the comments are left out`);
      entry.kind = 'multiple';
      break;
    }
    case 'F':
    case 'A':
    case 'B':
    case 'C':
    case 'E': {
      const raw =
        s.type === 'F'
          ? options
          : s.type === 'A'
            ? [1, 2, 3, 4, 5].map((k) => ({ code: String(k), label: { fr: String(k), en: String(k) } }))
            : s.type === 'B'
              ? Array.from({ length: 10 }, (_, k) => ({ code: String(k + 1), label: { fr: String(k + 1), en: String(k + 1) } }))
              : s.type === 'C'
                ? [
                    { code: 'Y', label: { fr: 'Oui', en: 'Yes' } },
                    { code: 'U', label: { fr: 'Incertain', en: 'Uncertain' } },
                    { code: 'N', label: { fr: 'Non', en: 'No' } },
                  ]
                : [
                    { code: 'I', label: { fr: 'Augmente', en: 'Increase' } },
                    { code: 'S', label: { fr: 'Stable', en: 'Same' } },
                    { code: 'D', label: { fr: 'Diminue', en: 'Decrease' } },
                  ];
      const points = codeList(raw, 'answer');
      const items = subList.map((x) => {
        const item = names.name(`${s.title}_${x.title}`, 'q');
        entry.sub.set(x.title, item);
        return { name: item, label: bilingual(questionTexts.get(x.qid) ?? {}, `${where} item ${x.title}`, warn, x.title) };
      });
      question = { ...base, kind: 'matrix', items, points };
      entry.kind = 'matrix';
      break;
    }
    case '5': {
      const points = [1, 2, 3, 4, 5].map((k) => ({ code: k, label: { fr: String(k), en: String(k) } }));
      for (const p of points) entry.codes.set(String(p.code), p.code);
      question = { ...base, kind: 'scale', points };
      entry.kind = 'scale';
      break;
    }
    case 'N': {
      const a = attributes.get(s.qid) ?? {};
      const min = a.min_num_value_n !== undefined && a.min_num_value_n !== '' ? Number(a.min_num_value_n) : undefined;
      const max = a.max_num_value_n !== undefined && a.max_num_value_n !== '' ? Number(a.max_num_value_n) : undefined;
      question = { ...base, kind: 'number', integer: a.num_value_int_only === '1', ...(Number.isFinite(min) ? { min } : {}), ...(Number.isFinite(max) ? { max } : {}) };
      entry.kind = 'number';
      break;
    }
    case 'S':
    case 'T':
    case 'U': {
      const max = Number(attributes.get(s.qid)?.maximum_chars);
      question = { ...base, kind: 'text', multiline: s.type !== 'S', maxLength: Number.isInteger(max) && max > 0 ? Math.min(max, 10000) : s.type === 'S' ? 200 : 2000 };
      entry.kind = 'text';
      break;
    }
    default:
      warn(`${where}: this question type is left out`);
  }
  return { where, entry, question };
}
