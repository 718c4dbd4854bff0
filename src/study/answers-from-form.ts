import { otherKey, type Answers } from './answers.js';
import { numbersItemKey, textGridCells } from './question.js';
import type { AnswerError } from './validate-answers.js';
import type { Study } from './study.js';
import { rankKey } from './question.js';

export type FormBody = Readonly<Record<string, string | string[] | undefined>>;

function values(form: FormBody, key: string): string[] {
  const v = form[key];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((s) => String(s));
}

function single(form: FormBody, key: string): string | undefined {
  const list = values(form, key).filter((s) => s.trim() !== '');
  return list.length > 0 ? list[list.length - 1] : undefined;
}

/** Parses a number as typed by a person: `1 200,5` (French) or `1200.5`. */
export function parseTypedNumber(text: string): number {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

function parseCode(text: string): number {
  return /^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/**
 * Turns a page's form fields (strings, as browsers send them) into typed answers. Field names are the
 * variable names; a multiple choice repeats its name; consent is any non-empty value; a date is `YYYY-MM-DD`
 * (what `<input type="date">` sends; anything else is an `invalid_date` error). What cannot be read
 * (letters in a number, a code that is not a number) becomes a `wrong_type` error, never a guess.
 */
export function answersFromForm(study: Study, pageIndex: number, form: FormBody): { answers: Answers; errors: AnswerError[] } {
  const page = study.pages[pageIndex];
  if (!page) throw new RangeError(`answersFromForm: no page ${pageIndex}`);
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  const bad = (field: string, question: string) => errors.push({ field, question, code: 'wrong_type', params: {} });
  for (const q of page.questions) {
    switch (q.kind) {
      case 'single':
      case 'scale': {
        const raw = single(form, q.name);
        if (raw !== undefined) {
          const code = parseCode(raw);
          if (Number.isNaN(code)) bad(q.name, q.name);
          else answers[q.name] = code;
        }
        break;
      }
      case 'multiple': {
        const raw = values(form, q.name).filter((s) => s.trim() !== '');
        if (raw.length > 0) {
          const codes = raw.map(parseCode);
          if (codes.some(Number.isNaN)) bad(q.name, q.name);
          else answers[q.name] = codes;
        }
        break;
      }
      case 'matrix':
        for (const item of q.items) {
          const raw = single(form, item.name);
          if (raw === undefined) continue;
          const code = parseCode(raw);
          if (Number.isNaN(code)) bad(item.name, q.name);
          else answers[item.name] = code;
        }
        break;
      case 'number': {
        const raw = single(form, q.name);
        if (raw !== undefined) {
          const n = parseTypedNumber(raw);
          if (Number.isNaN(n)) bad(q.name, q.name);
          else answers[q.name] = n;
        }
        break;
      }
      case 'text': {
        const raw = values(form, q.name).join('\n');
        if (raw.trim() !== '') answers[q.name] = raw.replace(/\r\n/g, '\n');
        break;
      }
      case 'consent':
        if (single(form, q.name) !== undefined) answers[q.name] = true;
        break;
      case 'date': {
        // `<input type="date">` sends YYYY-MM-DD; a browser without it sends what was typed
        const raw = single(form, q.name)?.trim();
        if (raw === undefined) break;
        if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) answers[q.name] = raw;
        else errors.push({ field: q.name, question: q.name, code: 'invalid_date', params: {} });
        break;
      }
      case 'numbers':
        for (const item of q.items) {
          const key = numbersItemKey(q, item);
          const raw = single(form, key);
          if (raw === undefined) continue;
          const n = parseTypedNumber(raw);
          if (Number.isNaN(n)) bad(key, q.name);
          else answers[key] = n;
        }
        break;
      case 'textgrid':
        for (const { key } of textGridCells(q)) {
          const raw = values(form, key).join(' ').trim();
          if (raw !== '') answers[key] = raw;
        }
        break;
      case 'ranking':
        // one rank field per option (`<name>_<code>`), empty when the option is not ranked
        for (const o of q.options) {
          const key = rankKey(q.name, o.code);
          const raw = single(form, key);
          if (raw === undefined) continue;
          const rank = parseCode(raw);
          if (Number.isNaN(rank)) bad(key, q.name);
          else answers[key] = rank;
        }
        break;
      case 'info':
        break;
    }
    if ((q.kind === 'single' || q.kind === 'multiple') && q.other) {
      const text = values(form, otherKey(q.name)).join(' ').trim();
      if (text !== '') answers[otherKey(q.name)] = text;
    }
  }
  return { answers, errors };
}
