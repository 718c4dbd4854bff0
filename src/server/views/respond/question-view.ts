import {
  numbersItemKey,
  otherKey,
  rankingBounds,
  rankKey,
  textGridCellKey,
  textGridCells,
  type Option,
  type Question,
  type RankingQuestion,
  labelIn,
  type LanguageTag,
} from '../../../study/index.js';
import { interfaceLanguage, t } from '../../../messages/index.js';
import { attrs, html, type Html } from '../html.js';
import type { FormValues } from './form-values.js';

export interface QuestionContext {
  readonly lang: LanguageTag;
  readonly values: FormValues;
  /** field -> message, in the respondent's language */
  readonly errors: ReadonlyMap<string, string>;
  /** hidden by the display logic: rendered with `hidden` and disabled inputs, for the browser script */
  readonly hidden: boolean;
  /** a randomised question's order for this respondent: option codes (as text) or matrix item names */
  readonly order?: readonly string[];
}

/** Items in the respondent's order when there is one (keys not in it keep their place after it). */
function inOrder<T>(list: readonly T[], key: (item: T) => string, order: readonly string[] | undefined): readonly T[] {
  if (!order) return list;
  const at = new Map(order.map((k, i) => [k, i]));
  return [...list].sort((a, b) => (at.get(key(a)) ?? order.length) - (at.get(key(b)) ?? order.length));
}

/** The id of the element an error of `field` links to (the first input of the field). */
export function fieldAnchor(question: Question, field: string): string {
  if (field === otherKey(question.name)) return `f-${field}`;
  switch (question.kind) {
    case 'single':
      return question.display === 'dropdown' ? `f-${field}` : `f-${field}-${question.options[0]!.code}`;
    case 'multiple':
      return `f-${field}-${question.options[0]!.code}`;
    case 'scale':
    case 'matrix':
      return `f-${field}-${question.points[0]!.code}`;
    case 'numbers':
      // the total or "required" of the whole question: its first item
      return field === question.name ? `f-${numbersItemKey(question, question.items[0]!)}` : `f-${field}`;
    case 'textgrid':
      return field === question.name ? `f-${textGridCells(question)[0]!.key}` : `f-${field}`;
    case 'ranking':
      return field === question.name ? `q-${field}` : `f-${field}`;
    default:
      return `f-${field}`;
  }
}

/** What an error of `field` is about, for the error summary: a matrix or multiple numeric item, a ranking's option, a grid cell, or the question. */
export function fieldLabel(question: Question, field: string, lang: LanguageTag): string {
  switch (question.kind) {
    case 'matrix': {
      const item = question.items.find((i) => i.name === field);
      return item ? labelIn(item.label, lang) : labelIn(question.text, lang);
    }
    case 'numbers': {
      const item = question.items.find((i) => numbersItemKey(question, i) === field);
      return item ? `${labelIn(question.text, lang)} — ${labelIn(item.label, lang)}` : labelIn(question.text, lang);
    }
    case 'ranking': {
      const option = question.options.find((o) => rankKey(question.name, o.code) === field);
      return option ? labelIn(option.label, lang) : labelIn(question.text, lang);
    }
    case 'textgrid': {
      const cell = textGridCells(question).find((c) => c.key === field);
      return cell ? `${labelIn(question.text, lang)} — ${labelIn(cell.row.label, lang)} — ${labelIn(cell.column.label, lang)}` : labelIn(question.text, lang);
    }
    default:
      return labelIn(question.text, lang);
  }
}

const errorId = (field: string) => `err-${field}`;

function errorText(ctx: QuestionContext, field: string): Html | null {
  const message = ctx.errors.get(field);
  return message
    ? html`<p class="field-error" id="${errorId(field)}"><span class="visually-hidden">${t(interfaceLanguage(ctx.lang), 'respond.errors.title')} : </span>${message}</p>`
    : null;
}

function describedBy(ctx: QuestionContext, field: string, hintId?: string): string | undefined {
  const ids = [ctx.errors.has(field) ? errorId(field) : undefined, hintId].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function choice(ctx: QuestionContext, type: 'radio' | 'checkbox', field: string, option: Option, extra: Record<string, unknown> = {}): Html {
  const id = `f-${field}-${option.code}`;
  const checked = (ctx.values[field] ?? []).includes(String(option.code));
  const input = attrs({ type, id, name: field, value: option.code, checked, disabled: ctx.hidden, 'aria-describedby': describedBy(ctx, field), ...extra });
  return html`<label class="choice" for="${id}"><input${input}><span>${labelIn(option.label, ctx.lang)}</span></label>`;
}

function otherInput(ctx: QuestionContext, q: Question & { other?: { code: number; label: Option['label']; maxLength: number } }): Html | null {
  if (!q.other) return null;
  const field = otherKey(q.name);
  const input = attrs({
    type: 'text',
    id: `f-${field}`,
    name: field,
    value: ctx.values[field]?.[0] ?? '',
    maxlength: q.other.maxLength,
    disabled: ctx.hidden,
    'aria-invalid': ctx.errors.has(field) ? 'true' : undefined,
    'aria-describedby': describedBy(ctx, field),
  });
  return html`<div class="other-field"><label for="${`f-${field}`}">${t(interfaceLanguage(ctx.lang), 'respond.other')} (${labelIn(q.other.label, ctx.lang)})</label>${errorText(ctx, field)}<input${input}></div>`;
}

/** The question's box; a fieldset (choice groups) is described by the help text, a field's input is. */
function wrapperAttrs(q: Question, ctx: QuestionContext, extraClass: string, fieldset = false): Html {
  return attrs({
    class: `question ${extraClass}`,
    id: `q-${q.name}`,
    'data-question': q.name,
    'data-condition': q.condition ? JSON.stringify(q.condition) : undefined,
    hidden: ctx.hidden,
    'aria-describedby': fieldset && q.help ? `help-${q.name}` : undefined,
  });
}

/**
 * A question's text with the optional marker, once: a study document written before the interface added
 * the marker may still end its text with it (« … (facultatif) »); that text is shown without the marker added.
 */
function legendText(q: Question, lang: LanguageTag): Html {
  const text = labelIn(q.text, lang);
  const marker = t(interfaceLanguage(lang), 'respond.optional');
  const marked = q.kind === 'info' || q.required || text.trimEnd().toLocaleLowerCase().endsWith(marker.toLocaleLowerCase());
  return html`${text}${marked ? null : html` <span class="optional">${marker}</span>`}`;
}

function help(q: Question, lang: LanguageTag): Html | null {
  return q.help ? html`<p class="hint" id="${`help-${q.name}`}">${labelIn(q.help, lang)}</p>` : null;
}

function matrix(q: Extract<Question, { kind: 'matrix' }>, ctx: QuestionContext): Html {
  const points = [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])];
  return html`<fieldset${wrapperAttrs(q, ctx, 'matrix', true)}>
  <legend>${legendText(q, ctx.lang)}</legend>${help(q, ctx.lang)}
  <div class="${`matrix-head points-${points.length}`}" aria-hidden="true"><span></span>${points.map((p) => html`<span>${labelIn(p.label, ctx.lang)}</span>`)}</div>
  ${inOrder(q.items, (item) => item.name, ctx.order).map(
    (item) => html`<div class="${`matrix-row points-${points.length}${ctx.errors.has(item.name) ? ' has-error' : ''}`}" role="radiogroup" aria-labelledby="${`lbl-${item.name}`}">
    <div class="matrix-label"><span id="${`lbl-${item.name}`}">${labelIn(item.label, ctx.lang)}</span>${errorText(ctx, item.name)}</div>
    ${points.map((p) => choice(ctx, 'radio', item.name, p))}
  </div>`,
  )}
</fieldset>`;
}

function numbers(q: Extract<Question, { kind: 'numbers' }>, ctx: QuestionContext): Html {
  const { lang } = ctx;
  const totalId = q.total !== undefined ? `total-${q.name}` : undefined;
  const unitId = q.unit ? `unit-${q.name}` : undefined;
  const total =
    q.total !== undefined
      ? html`<p class="hint" id="${totalId}">${t(interfaceLanguage(lang), 'respond.numbers.total', { total: new Intl.NumberFormat(interfaceLanguage(lang), { maximumFractionDigits: 20 }).format(q.total) })}</p>`
      : null;
  return html`<fieldset${wrapperAttrs(q, ctx, 'numbers', true)}>
  <legend>${legendText(q, lang)}</legend>${help(q, lang)}${total}${errorText(ctx, q.name)}
  ${q.items.map((item) => {
    const key = numbersItemKey(q, item);
    const input = attrs({
      type: 'text',
      inputmode: q.integer ? 'numeric' : 'decimal',
      id: `f-${key}`,
      name: key,
      value: ctx.values[key]?.[0] ?? '',
      autocomplete: 'off',
      disabled: ctx.hidden,
      'aria-invalid': ctx.errors.has(key) || ctx.errors.has(q.name) ? 'true' : undefined,
      'aria-describedby': describedBy(ctx, key, [unitId, ctx.errors.has(q.name) ? errorId(q.name) : undefined].filter(Boolean).join(' ') || undefined),
    });
    return html`<div class="numbers-item"><label for="${`f-${key}`}">${labelIn(item.label, lang)}</label>${errorText(ctx, key)}<div class="number-field"><input${input}>${q.unit ? html`<span class="unit"${attrs({ id: item === q.items[0] ? unitId : undefined })}>${labelIn(q.unit, lang)}</span>` : null}</div></div>`;
  })}
</fieldset>`;
}

/** A grid of short texts: a group per row, each cell labelled by its column (a list of rows on a phone, a grid from 480 px). */
function textGrid(q: Extract<Question, { kind: 'textgrid' }>, ctx: QuestionContext): Html {
  const { lang } = ctx;
  return html`<fieldset${wrapperAttrs(q, ctx, 'textgrid', true)}>
  <legend>${legendText(q, lang)}</legend>${help(q, lang)}${errorText(ctx, q.name)}
  ${q.rows.map((row) => {
    const rowId = `lbl-${q.name}_${row.name}`;
    return html`<div class="textgrid-row" role="group" aria-labelledby="${rowId}">
    <div class="textgrid-label" id="${rowId}">${labelIn(row.label, lang)}</div>
    ${q.columns.map((column) => {
      const key = textGridCellKey(q, row, column);
      const input = attrs({
        type: 'text',
        id: `f-${key}`,
        name: key,
        value: ctx.values[key]?.[0] ?? '',
        maxlength: q.maxLength,
        disabled: ctx.hidden,
        'aria-invalid': ctx.errors.has(key) ? 'true' : undefined,
        'aria-describedby': describedBy(ctx, key),
      });
      return html`<div class="textgrid-cell"><label for="${`f-${key}`}">${labelIn(column.label, lang)}</label>${errorText(ctx, key)}<input${input}></div>`;
    })}
  </div>`;
  })}
</fieldset>`;
}

function choiceGroup(q: Extract<Question, { kind: 'single' | 'multiple' | 'scale' }>, ctx: QuestionContext): Html {
  const { lang } = ctx;
  const type = q.kind === 'multiple' ? 'checkbox' : 'radio';
  const options =
    q.kind === 'scale' ? [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])] : [...inOrder(q.options, (o) => String(o.code), ctx.order), ...(q.other ? [q.other] : [])];
  return html`<fieldset${wrapperAttrs(q, ctx, q.kind, true)}>
  <legend>${legendText(q, lang)}</legend>${help(q, lang)}${errorText(ctx, q.name)}
  <div class="choices">${options.map((o) => choice(ctx, type, q.name, o))}</div>
  ${q.kind !== 'scale' ? otherInput(ctx, q) : null}
</fieldset>`;
}

/**
 * A ranking without JavaScript: one select per option, "–" (not ranked) or a rank from 1 to the most an answer
 * may rank, each labelled by its option; the question's errors under its legend, a duplicate under its option.
 * The page script adds "move up / move down" buttons that renumber the selects.
 */
function ranking(q: RankingQuestion, ctx: QuestionContext): Html {
  const { lang } = ctx;
  const ui = interfaceLanguage(lang);
  const { min, max } = rankingBounds(q);
  const hint = min === max && max === q.options.length ? t(ui, 'respond.rank.hintAll', { max }) : t(ui, 'respond.rank.hintSome', { min, max });
  const hintId = `rank-hint-${q.name}`;
  const ranks = Array.from({ length: max }, (_, k) => k + 1);
  return html`<fieldset${wrapperAttrs(q, ctx, 'ranking', true)} data-max-rank="${max}">
  <legend>${legendText(q, lang)}</legend>${help(q, lang)}<p class="hint" id="${hintId}">${hint}</p>${errorText(ctx, q.name)}
  <ol class="rank-list">${inOrder(q.options, (o) => String(o.code), ctx.order).map((o) => {
    const field = rankKey(q.name, o.code);
    const value = ctx.values[field]?.[0] ?? '';
    const select = attrs({
      id: `f-${field}`,
      name: field,
      class: 'rank-select',
      disabled: ctx.hidden,
      'aria-invalid': ctx.errors.has(field) || ctx.errors.has(q.name) ? 'true' : undefined,
      'aria-describedby': describedBy(ctx, field, [hintId, ctx.errors.has(q.name) ? errorId(q.name) : undefined].filter(Boolean).join(' ')),
    });
    const option = labelIn(o.label, lang);
    const moves = { 'data-up': t(ui, 'respond.rank.up', { option }), 'data-down': t(ui, 'respond.rank.down', { option }) };
    return html`<li${attrs({ class: `rank-row${ctx.errors.has(field) ? ' has-error' : ''}`, ...moves })}>
    <select${select}><option${attrs({ value: '', selected: value === '' })}>${t(ui, 'respond.rank.none')}</option>${ranks.map((r) => html`<option${attrs({ value: r, selected: value === String(r) })}>${r}</option>`)}</select>
    <label for="${`f-${field}`}">${labelIn(o.label, lang)}</label>${errorText(ctx, field)}
  </li>`;
  })}</ol>
</fieldset>`;
}

/** One question of a questionnaire page: fieldset and legend for choice groups, labels, errors tied with aria-describedby. */
export function questionView(q: Question, ctx: QuestionContext): Html {
  const { lang } = ctx;
  const value = ctx.values[q.name]?.[0] ?? '';
  const invalid = ctx.errors.has(q.name) ? 'true' : undefined;
  switch (q.kind) {
    case 'single':
      if (q.display === 'dropdown') {
        const options = [...q.options, ...(q.other ? [q.other] : [])];
        const select = attrs({
          id: `f-${q.name}`,
          name: q.name,
          disabled: ctx.hidden,
          'aria-invalid': invalid,
          'aria-describedby': describedBy(ctx, q.name, q.help ? `help-${q.name}` : undefined),
        });
        return html`<div${wrapperAttrs(q, ctx, 'dropdown')}>
  <label for="${`f-${q.name}`}">${legendText(q, lang)}</label>${help(q, lang)}${errorText(ctx, q.name)}
  <select${select}><option value="">${t(interfaceLanguage(lang), 'respond.choose')}</option>${options.map((o) => html`<option${attrs({ value: o.code, selected: value === String(o.code) })}>${labelIn(o.label, lang)}</option>`)}</select>
  ${otherInput(ctx, q)}
</div>`;
      }
      return choiceGroup(q, ctx);
    case 'multiple':
    case 'scale':
      return choiceGroup(q, ctx);
    case 'matrix':
      return matrix(q, ctx);
    case 'ranking':
      return ranking(q, ctx);
    case 'info':
      // a text between questions: no field
      return html`<div${wrapperAttrs(q, ctx, 'info')}><p class="info-text">${labelIn(q.text, lang)}</p>${help(q, lang)}</div>`;
    case 'number': {
      const unitId = q.unit ? `unit-${q.name}` : undefined;
      const input = attrs({
        type: 'text',
        inputmode: q.integer ? 'numeric' : 'decimal',
        id: `f-${q.name}`,
        name: q.name,
        value,
        autocomplete: 'off',
        disabled: ctx.hidden,
        'aria-invalid': invalid,
        'aria-describedby': describedBy(ctx, q.name, [unitId, q.help ? `help-${q.name}` : undefined].filter(Boolean).join(' ') || undefined),
      });
      return html`<div${wrapperAttrs(q, ctx, 'number')}>
  <label for="${`f-${q.name}`}">${legendText(q, lang)}</label>${help(q, lang)}${errorText(ctx, q.name)}
  <div class="number-field"><input${input}>${q.unit ? html`<span class="unit" id="${unitId}">${labelIn(q.unit, lang)}</span>` : null}</div>
</div>`;
    }
    case 'text': {
      const common = {
        id: `f-${q.name}`,
        name: q.name,
        maxlength: q.maxLength,
        disabled: ctx.hidden,
        'aria-invalid': invalid,
        'aria-describedby': describedBy(ctx, q.name, q.help ? `help-${q.name}` : undefined),
      };
      return html`<div${wrapperAttrs(q, ctx, 'text')}>
  <label for="${`f-${q.name}`}">${legendText(q, lang)}</label>${help(q, lang)}${errorText(ctx, q.name)}
  ${q.multiline ? html`<textarea${attrs(common)}>${value}</textarea>` : html`<input${attrs({ type: 'text', ...common, value })}>`}
</div>`;
    }
    case 'date': {
      const hintId = `fmt-${q.name}`;
      const input = attrs({
        type: 'date',
        id: `f-${q.name}`,
        name: q.name,
        value,
        min: q.min,
        max: q.max,
        autocomplete: 'off',
        disabled: ctx.hidden,
        'aria-invalid': invalid,
        'aria-describedby': describedBy(ctx, q.name, [hintId, q.help ? `help-${q.name}` : undefined].filter(Boolean).join(' ')),
      });
      return html`<div${wrapperAttrs(q, ctx, 'date')}>
  <label for="${`f-${q.name}`}">${legendText(q, lang)}</label>${help(q, lang)}<p class="hint" id="${hintId}">${t(interfaceLanguage(lang), 'respond.date.hint')}</p>${errorText(ctx, q.name)}
  <input${input}>
</div>`;
    }
    case 'numbers':
      return numbers(q, ctx);
    case 'textgrid':
      return textGrid(q, ctx);
    case 'consent': {
      const input = attrs({
        type: 'checkbox',
        id: `f-${q.name}`,
        name: q.name,
        value: 'yes',
        checked: value !== '',
        disabled: ctx.hidden,
        'aria-invalid': invalid,
        'aria-describedby': describedBy(ctx, q.name),
      });
      return html`<div${wrapperAttrs(q, ctx, 'consent')}>
  ${errorText(ctx, q.name)}
  <label class="choice" for="${`f-${q.name}`}"><input${input}><span>${labelIn(q.text, lang)}</span></label>
</div>`;
    }
  }
}
