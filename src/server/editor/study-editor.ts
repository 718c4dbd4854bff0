/**
 * The questionnaire editor, in the browser (served bundled at /admin/study-editor.js; no framework). It
 * holds the study document as JSON, renders it as a form (editor-fields.ts says which fields each part
 * has), asks the server to validate it as it changes (the same checks as `barometre study validate`) and
 * shows each error beside its field, keeps a draft in localStorage (per study and base version) so that a
 * reload or a lost connection loses nothing, and saves through the server, which alone decides what is
 * stored. Every text is set with textContent or as a property: nothing typed is ever parsed as markup.
 */
import { describeCondition, type ConditionVariable } from './condition-words.js';
import {
  COMMON_QUESTION_FIELDS,
  newQuestion,
  emptyLabel,
  fieldId,
  formatPath,
  JSON_SECTIONS,
  keepLanguages,
  labelsOf,
  missingTexts,
  PAGE_FIELDS,
  parsePath,
  QUESTION_KINDS,
  QUESTION_OWN_KEYS,
  RESULT_FIELDS,
  STUDY_FIELDS,
  type FieldSpec,
} from './editor-fields.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is whatever the user builds, walked by path; the server validates it
type Json = any;
type Path = (string | number)[];
interface Issue {
  path: string;
  message: string;
}
interface Config {
  lang: string;
  studyId: string | null;
  baseVersion: number | null;
  document: Json;
  usedBy: string[];
  csrf: string;
  urls: { validate: string; save: string; study: string; preview: string | null };
  messages: Record<string, string>;
}

const root = document.getElementById('study-editor');
if (root) start(root);

function start(root: HTMLElement): void {
  const config = JSON.parse(root.dataset.config ?? '{}') as Config;
  // a word the messages lack (a field of a newer question kind) falls back to the document's own key
  const M = (key: string, params: Record<string, string | number> = {}) =>
    (config.messages[key] ?? key.replace(/^(field|kind|value)\./, '')).replace(/\{(\w+)\}/g, (_, name: string) =>
      params[name] === undefined ? `{${name}}` : String(params[name]),
    );
  let doc: Json = structuredClone(config.document);
  let errors: Issue[] = [];
  let warnings: string[] = [];
  let validated: 'pending' | 'ok' | 'errors' | 'offline' = 'pending';
  let saving = false;
  /** a save the server never got: said until the server answers again, whatever checks fail meanwhile */
  let unsaved = false;
  const draftKey = () => `barometre.study-editor:${config.studyId ?? 'new'}:${config.baseVersion ?? 0}`;

  // ── small DOM helpers ──
  type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;
  function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === false) continue;
      if (typeof value === 'function') el.addEventListener(name.slice(2), value);
      else if (name === 'value') (el as HTMLInputElement).value = String(value);
      else if (name === 'checked') (el as HTMLInputElement).checked = Boolean(value);
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
    return el;
  }
  const languages = (): string[] => (Array.isArray(doc.languages) && doc.languages.length > 0 ? doc.languages.filter((l: unknown) => typeof l === 'string') : [config.lang]);
  const get = (path: Path): Json => path.reduce((node: Json, key) => (node == null ? undefined : node[key]), doc);
  function set(path: Path, value: Json): void {
    const parent = get(path.slice(0, -1));
    const key = path.at(-1)!;
    if (value === undefined) {
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else if (parent) delete parent[key];
    } else if (parent) parent[key] = value;
  }
  const fieldName = (key: string) => M(`field.${key}`);
  const textIn = (label: Json): string => (label && typeof label === 'object' ? (label[config.lang] ?? label[languages()[0]] ?? Object.values(label)[0] ?? '') : '');

  // ── changes: text edits update the document in place; structural ones render again ──
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  function changed(structural: boolean, focusId?: string): void {
    try {
      localStorage.setItem(draftKey(), JSON.stringify({ savedAt: new Date().toISOString(), document: doc }));
    } catch {
      // a full or disabled storage: the draft stays in the page only
    }
    if (structural) render(focusId);
    else updateCounts();
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validate, 500);
  }

  async function post(url: string, body: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': config.csrf, accept: 'application/json' },
      body: JSON.stringify(body),
    });
    let parsed: Json = null;
    try {
      parsed = await response.json();
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  }

  async function validate(): Promise<void> {
    const sent = JSON.stringify(doc);
    try {
      const { status, body } = await post(config.urls.validate, { document: doc });
      if (sent !== JSON.stringify(doc)) return; // changed meanwhile: the next run answers
      if (status >= 400 || !body) throw new Error(String(status));
      errors = body.errors ?? [];
      warnings = body.warnings ?? [];
      validated = body.ok ? 'ok' : 'errors';
      unsaved = false;
    } catch {
      validated = 'offline';
    }
    showIssues();
  }

  // ── the form ──
  const statusLine = h('p', { id: 'editor-status', class: 'editor-status', role: 'status', 'aria-live': 'polite' });
  const counts = h('p', { id: 'editor-missing', class: 'editor-missing' });
  const summary = h('div', { id: 'editor-errors', class: 'editor-errors' });
  const result = h('div', { id: 'editor-result', class: 'editor-result', tabindex: '-1' });
  const draftNotice = h('div', { id: 'editor-draft', class: 'editor-draft' });
  const form = h('div', { id: 'editor-form', class: 'editor-form' });
  const saveButton = h('button', { type: 'button', id: 'editor-save', onclick: () => void save() }, M('save'));
  const toolbar = h('div', { class: 'editor-toolbar' }, statusLine, counts, saveButton);
  root.replaceChildren(draftNotice, result, toolbar, summary, h('p', { class: 'hint', id: 'editor-keys' }, M('keysHint')), form);

  // Alt+↑ / Alt+↓ move the innermost page, question or list element the focus is in, as its buttons do
  form.addEventListener('keydown', (event) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const item = (event.target as HTMLElement).closest<HTMLElement>('.list-item, .question, .page');
    const button = item && document.getElementById(`${item.id}.${event.key === 'ArrowUp' ? 'up' : 'down'}`);
    if (!button || (button as HTMLButtonElement).disabled) return;
    event.preventDefault();
    button.click();
  });

  /** A labelled control with its error slot: `path` gives the id the validator's paths map to. */
  function row(path: Path, label: string, control: HTMLElement, hint?: string): HTMLElement {
    const id = fieldId(path);
    control.id = id;
    return h('div', { class: 'field', 'data-path': formatPath(path) }, h('label', { for: id }, label), hint ? h('span', { class: 'hint' }, hint) : null, control);
  }

  /** A checkbox and its label, handing whether it is ticked to `toggle`. */
  function checkbox(id: string, checked: boolean, label: string, toggle: (checked: boolean) => void): HTMLElement {
    return h(
      'div',
      { class: 'field checkbox' },
      h('input', { type: 'checkbox', id, checked, onchange: (e: Event) => toggle((e.target as HTMLInputElement).checked) }),
      h('label', { for: id }, label),
    );
  }

  /** The set of codes `codes` (none when not a list) with `code` added when `checked`, removed otherwise. */
  function toggled(codes: Json, code: number, checked: boolean): Set<number> {
    const now = new Set<number>(Array.isArray(codes) ? codes : []);
    if (checked) now.add(code);
    else now.delete(code);
    return now;
  }

  /** A drop-down list of `options` that hands the value picked to `pick`. */
  function select(pick: (value: string) => void, options: readonly (HTMLElement | null)[]): HTMLElement {
    return h('select', { onchange: (e: Event) => pick((e.target as HTMLSelectElement).value) }, ...options);
  }

  /** The options of a drop-down list of variables: "choose", each variable, and `value` kept when no variable has that name. */
  function variableOptions(vars: readonly ConditionVariable[], value: string | undefined): (HTMLElement | null)[] {
    return [
      h('option', { value: '' }, M('choose')),
      ...vars.map((v) => h('option', { value: v.name, selected: v.name === value }, `${v.name} – ${v.text}`)),
      value && !vars.some((v) => v.name === value) ? h('option', { value, selected: true }, value) : null,
    ];
  }

  function labelField(path: Path, name: string, optional: boolean, multiline: boolean): HTMLElement {
    const group = h('fieldset', { class: 'label-field', id: fieldId(path) }, h('legend', {}, optional ? M('optional', { field: name }) : name));
    const grid = h('div', { class: 'translations' });
    for (const lang of languages()) {
      const current = get(path)?.[lang] ?? '';
      const input = h(multiline ? 'textarea' : 'input', {
        type: multiline ? undefined : 'text',
        lang,
        rows: multiline ? 2 : undefined,
        value: current,
        class: !optional || get(path) ? (current.trim() ? '' : 'missing') : '',
        oninput: (event: Event) => {
          const text = (event.target as HTMLInputElement).value;
          const label = get(path) ?? {};
          label[lang] = text;
          if (optional && Object.values(label).every((v) => !String(v).trim())) set(path, undefined);
          else set(path, label);
          (event.target as HTMLElement).classList.toggle('missing', !text.trim() && !(optional && !get(path)));
          changed(false);
        },
      }) as HTMLInputElement;
      grid.append(row([...path, lang], `${name} (${lang})`, input));
    }
    group.append(grid);
    return group;
  }

  function variables(before?: { page: number; question?: number }): ConditionVariable[] {
    const out: ConditionVariable[] = [];
    const pages: Json[] = Array.isArray(doc.pages) ? doc.pages : [];
    pages.forEach((page, p) => {
      (Array.isArray(page?.questions) ? page.questions : []).forEach((q: Json, i: number) => {
        if (before && (p > before.page || (p === before.page && (before.question === undefined || i >= before.question)))) return;
        const codes = (list: Json) => (Array.isArray(list) ? list.map((o: Json) => ({ code: o.code, label: textIn(o.label) })) : []);
        if (q?.kind === 'matrix')
          for (const item of q.items ?? []) out.push({ name: item.name, text: `${textIn(q.text)} – ${textIn(item.label)}`, kind: 'matrix', codes: codes(q.points) });
        else if (q?.name) out.push({ name: q.name, text: textIn(q.text), kind: q.kind, codes: codes(q.options ?? q.points) });
      });
    });
    return out;
  }

  function valueField(spec: FieldSpec, path: Path, owner: Json): HTMLElement {
    const name = fieldName(spec.key);
    const value = get(path);
    switch (spec.type) {
      case 'label':
        return labelField(path, name, spec.optional ?? false, spec.multiline ?? false);
      case 'text':
        return row(
          path,
          spec.optional ? M('optional', { field: name }) : name,
          h('input', {
            type: 'text',
            value: value ?? '',
            autocomplete: 'off',
            oninput: (e: Event) => {
              const v = (e.target as HTMLInputElement).value;
              set(path, spec.optional && v === '' ? undefined : v);
              changed(false);
            },
          }),
        );
      case 'integer':
      case 'number':
        return row(
          path,
          spec.optional ? M('optional', { field: name }) : name,
          h('input', {
            type: 'number',
            step: spec.type === 'integer' ? '1' : 'any',
            value: value ?? '',
            oninput: (e: Event) => {
              const raw = (e.target as HTMLInputElement).value;
              set(path, raw === '' ? (spec.optional ? undefined : null) : Number(raw));
              changed(false);
            },
          }),
        );
      case 'boolean': {
        return checkbox(fieldId(path), Boolean(value ?? spec.default), name, (checked) => (set(path, checked), changed(false)));
      }
      case 'enum':
        return row(
          path,
          name,
          select(
            (picked) => (set(path, picked), changed(false)),
            spec.values.map((v) => h('option', { value: v, selected: v === value }, M(`value.${v}`))),
          ),
        );
      case 'variable': {
        const choices = variables().filter((v) => !spec.only || v.kind === spec.only);
        return row(
          path,
          name,
          select((picked) => (set(path, picked), changed(false)), variableOptions(choices, value)),
        );
      }
      case 'code-list':
        return row(
          path,
          name,
          h('input', {
            type: 'text',
            inputmode: 'numeric',
            value: Array.isArray(value) ? value.join(', ') : '',
            oninput: (e: Event) => {
              const raw = (e.target as HTMLInputElement).value;
              set(
                path,
                raw
                  .split(/[,;\s]+/)
                  .filter(Boolean)
                  .map((x) => (/^-?\d+$/.test(x) ? Number(x) : x)),
              );
              changed(false);
            },
          }),
          M('codesHint'),
        );
      case 'codes': {
        const list: Json[] = Array.isArray(owner?.[spec.of]) ? owner[spec.of] : [];
        const chosen: number[] = Array.isArray(value) ? value : [];
        const group = h('fieldset', { class: 'codes', id: fieldId(path) }, h('legend', {}, name));
        list.forEach((o, k) => {
          group.append(
            checkbox(`${fieldId(path)}.c${k}`, chosen.includes(o.code), `${o.code} – ${textIn(o.label) || '…'}`, (checked) => {
              set(path, [...toggled(get(path), o.code, checked)]);
              changed(false);
            }),
          );
        });
        return group;
      }
      case 'object': {
        const group = h('fieldset', { class: 'sub-object', id: fieldId(path) }, h('legend', {}, name));
        if (value && typeof value === 'object') {
          for (const field of spec.fields) group.append(valueField(field, [...path, field.key], value));
          group.append(
            h('button', { type: 'button', class: 'secondary', onclick: () => (set(path, undefined), changed(true, `${fieldId(path)}.add`)) }, M('remove', { what: name })),
          );
        } else {
          group.append(
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                id: `${fieldId(path)}.add`,
                onclick: () => (set(path, spec.item(owner, languages())), changed(true, fieldId([...path, 'code']))),
              },
              M('addWhat', { what: name }),
            ),
          );
        }
        return group;
      }
      case 'list':
        return listField(
          path,
          name,
          spec.fields,
          (list) => spec.item(list, languages()),
          (k) => `${name} ${k + 1}`,
        );
      case 'json':
        return jsonField(path, name);
    }
  }

  function jsonField(path: Path, name: string): HTMLElement {
    const value = get(path);
    const id = fieldId(path);
    const note = h('p', { class: 'field-error json-error', id: `${id}.parse`, hidden: true });
    const area = h('textarea', {
      rows: 6,
      class: 'json',
      spellcheck: 'false',
      'aria-describedby': `${id}.parse`,
      value: value === undefined ? '' : JSON.stringify(value, null, 2),
      oninput: (e: Event) => {
        const raw = (e.target as HTMLTextAreaElement).value.trim();
        try {
          set(path, raw === '' ? undefined : JSON.parse(raw));
          note.hidden = true;
          changed(false);
        } catch (error) {
          note.hidden = false;
          note.textContent = M('jsonInvalid', { reason: (error as Error).message });
        }
      },
    });
    const field = row(path, M('json', { field: name }), area);
    field.append(note);
    return field;
  }

  /** A list of objects: each with its fields and buttons to move, duplicate and delete it; a button to add one. */
  function listField(path: Path, name: string, fields: readonly FieldSpec[], create: (list: Json[]) => Json, itemTitle: (k: number, item: Json) => string): HTMLElement {
    const group = h('fieldset', { class: 'list-field', id: fieldId(path) }, h('legend', {}, name));
    const list: Json[] = Array.isArray(get(path)) ? get(path) : [];
    const ol = h('ol', { class: 'list-items' });
    list.forEach((entry, k) => {
      const at = [...path, k];
      const title = itemTitle(k, entry);
      const li = h('li', { class: 'list-item', id: fieldId(at) });
      const fieldsBox = h('div', { class: 'list-item-fields' });
      for (const field of fields) fieldsBox.append(valueField(field, [...at, field.key], entry));
      li.append(fieldsBox, moveButtons(path, k, list.length, title));
      ol.append(li);
    });
    group.append(ol);
    group.append(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: `${fieldId(path)}.add`,
          onclick: () => {
            if (!Array.isArray(get(path))) set(path, []);
            const now = get(path) as Json[];
            now.push(create(now));
            changed(true, firstFieldId([...path, now.length - 1], fields));
          },
        },
        M('addWhat', { what: name }),
      ),
    );
    return group;
  }

  const firstFieldId = (at: Path, fields: readonly FieldSpec[]) => {
    const first = fields[0];
    if (!first) return undefined;
    return first.type === 'label' ? fieldId([...at, first.key, languages()[0]]) : fieldId([...at, first.key]);
  };

  /** Up, down, duplicate, delete for the element `k` of the list at `path`; focus follows the element. */
  function moveButtons(path: Path, k: number, count: number, title: string): HTMLElement {
    const base = fieldId([...path, k]);
    const list = () => get(path) as Json[];
    const move = (to: number, which: string) => () => {
      const [moved] = list().splice(k, 1);
      list().splice(to, 0, moved);
      changed(true, `${fieldId([...path, to])}.${which}`);
    };
    /** One action button: its id ends in `action`, its text names the element for screen readers. */
    const button = (action: 'up' | 'down' | 'duplicate' | 'delete', label: string, onclick: () => void, disabled = false) =>
      h(
        'button',
        { type: 'button', class: action === 'delete' ? 'secondary danger' : 'secondary', id: `${base}.${action}`, disabled, onclick },
        label,
        h('span', { class: 'visually-hidden' }, ` ${title}`),
      );
    return h(
      'div',
      { class: 'item-actions', role: 'group', 'aria-label': M('actionsFor', { what: title }) },
      button('up', M('moveUp'), move(k - 1, k - 1 === 0 ? 'down' : 'up'), k === 0),
      button('down', M('moveDown'), move(k + 1, k + 1 === count - 1 ? 'up' : 'down'), k === count - 1),
      button('duplicate', M('duplicate'), () => {
        list().splice(k + 1, 0, duplicate(structuredClone(list()[k]), path));
        changed(true, `${fieldId([...path, k + 1])}.duplicate`);
      }),
      button('delete', M('delete'), () => {
        if (!window.confirm(M('confirmDelete', { what: title }))) return;
        list().splice(k, 1);
        const left = list().length;
        changed(true, left === 0 ? `${fieldId(path)}.add` : `${fieldId([...path, Math.min(k, left - 1)])}.delete`);
      }),
    );
  }

  /** A copy gets new names and codes where they must be unique: page ids, question and item names. */
  function duplicate(copy: Json, listPath: Path): Json {
    const taken = new Set<string>();
    for (const v of variables()) taken.add(v.name);
    for (const page of doc.pages ?? []) {
      taken.add(page.id);
      for (const q of page.questions ?? []) taken.add(q.name);
    }
    const fresh = (name: string) => {
      const stem = String(name || 'copy').replace(/_\d+$/, '');
      let n = 2;
      while (taken.has(`${stem}_${n}`)) n++;
      taken.add(`${stem}_${n}`);
      return `${stem}_${n}`;
    };
    const last = listPath.at(-1);
    const renameQuestion = (q: Json) => {
      q.name = fresh(q.name);
      if (Array.isArray(q.items)) for (const item of q.items) item.name = fresh(item.name);
    };
    if (last === 'pages') {
      copy.id = fresh(copy.id);
      for (const q of copy.questions ?? []) renameQuestion(q);
    } else if (last === 'questions') renameQuestion(copy);
    else if (last === 'items') copy.name = fresh(copy.name);
    else if (typeof copy?.code === 'number') {
      const list = get(listPath) as Json[];
      copy.code = list.reduce((max, o) => Math.max(max, typeof o.code === 'number' ? o.code : 0), 0) + 1;
    } else if (typeof copy?.id === 'string') copy.id = fresh(copy.id);
    return copy;
  }

  // ── the condition builder ──
  const LEAF_OPS = ['equals', 'in', 'answered', 'empty', 'compare'];
  const OPS = [...LEAF_OPS, 'not', 'and', 'or'];

  function conditionField(path: Path, scope: { page: number; question?: number }, name: string): HTMLElement {
    const group = h('fieldset', { class: 'condition', id: fieldId(path) }, h('legend', {}, name));
    const condition = get(path);
    const vars = variables(scope);
    if (!condition) {
      group.append(h('p', { class: 'hint' }, M('cond.always')));
      group.append(
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: `${fieldId(path)}.add`,
            disabled: vars.length === 0,
            onclick: () => (set(path, { op: 'answered', question: vars.at(-1)?.name ?? '' }), changed(true, `${fieldId(path)}.op`)),
          },
          M('cond.add'),
        ),
      );
      if (vars.length === 0) group.append(h('p', { class: 'hint' }, M('cond.noEarlier')));
      return group;
    }
    const words = h('p', { class: 'condition-words', id: `${fieldId(path)}.words` }, M('cond.shownWhen', { condition: describeCondition(condition, vars, M) }));
    group.append(
      words,
      conditionNode(path, vars, () => (words.textContent = M('cond.shownWhen', { condition: describeCondition(get(path), vars, M) }))),
    );
    group.append(
      h(
        'button',
        { type: 'button', class: 'secondary danger', id: `${fieldId(path)}.remove`, onclick: () => (set(path, undefined), changed(true, `${fieldId(path)}.add`)) },
        M('cond.remove'),
      ),
    );
    return group;
  }

  function conditionNode(path: Path, vars: ConditionVariable[], refresh: () => void): HTMLElement {
    const node = get(path) ?? {};
    const box = h('div', { class: `condition-node op-${node.op}`, id: fieldId(path) });
    const opSelect = h(
      'select',
      {
        onchange: (e: Event) => {
          const op = (e.target as HTMLSelectElement).value;
          const question = node.question ?? vars.at(-1)?.name ?? '';
          const firstCode = vars.find((v) => v.name === question)?.codes[0]?.code ?? 1;
          let next: Json;
          if (op === 'not') next = { op, condition: node };
          else if (op === 'and' || op === 'or') next = { op, conditions: node.conditions ?? [node] };
          else if (op === 'equals') next = { op, question, value: firstCode };
          else if (op === 'in') next = { op, question, values: [firstCode] };
          else if (op === 'compare') next = { op, question, comparator: '>', value: 0 };
          else next = { op, question };
          set(path, next);
          changed(true, `${fieldId(path)}.op`);
        },
      },
      ...OPS.map((op) => h('option', { value: op, selected: op === node.op }, M(`op.${op}`))),
    );
    box.append(row([...path, 'op'], M('cond.kind'), opSelect));
    if (node.op === 'not') {
      box.append(conditionNode([...path, 'condition'], vars, refresh));
      return box;
    }
    if (node.op === 'and' || node.op === 'or') {
      const ol = h('ol', { class: 'condition-group' });
      (node.conditions as Json[]).forEach((_, k) => {
        const li = h('li', {}, conditionNode([...path, 'conditions', k], vars, refresh));
        li.append(
          h(
            'button',
            {
              type: 'button',
              class: 'secondary danger',
              id: `${fieldId([...path, 'conditions', k])}.remove`,
              onclick: () => {
                const list = get([...path, 'conditions']) as Json[];
                list.splice(k, 1);
                if (list.length === 1) set(path, list[0]);
                changed(true, `${fieldId(path)}.op`);
              },
            },
            M('cond.removePart', { n: k + 1 }),
          ),
        );
        ol.append(li);
      });
      box.append(ol);
      box.append(
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: `${fieldId(path)}.more`,
            onclick: () => {
              const list = get([...path, 'conditions']) as Json[];
              list.push({ op: 'answered', question: vars.at(-1)?.name ?? '' });
              changed(true, `${fieldId([...path, 'conditions', list.length - 1])}.op`);
            },
          },
          M('cond.addPart'),
        ),
      );
      return box;
    }
    const variable = vars.find((v) => v.name === node.question);
    box.append(
      row(
        [...path, 'question'],
        M('cond.question'),
        select((picked) => (set([...path, 'question'], picked), changed(true, fieldId([...path, 'question']))), variableOptions(vars, node.question)),
      ),
    );
    const codes = variable?.codes ?? [];
    if (node.op === 'equals') {
      box.append(
        codes.length > 0
          ? row(
              [...path, 'value'],
              M('cond.value'),
              select(
                (picked) => (set([...path, 'value'], Number(picked)), refresh(), changed(false)),
                codes.map((o) => h('option', { value: o.code, selected: o.code === node.value }, `${o.code} – ${o.label}`)),
              ),
            )
          : row(
              [...path, 'value'],
              M('cond.value'),
              h('input', {
                type: 'number',
                step: '1',
                value: node.value ?? '',
                oninput: (e: Event) => (set([...path, 'value'], Number((e.target as HTMLInputElement).value)), refresh(), changed(false)),
              }),
            ),
      );
    } else if (node.op === 'in') {
      const group = h('fieldset', { class: 'codes', id: fieldId([...path, 'values']) }, h('legend', {}, M('cond.values')));
      for (const o of codes) {
        const ticked = Array.isArray(node.values) && node.values.includes(o.code);
        group.append(
          checkbox(`${fieldId([...path, 'values'])}.c${o.code}`, ticked, `${o.code} – ${o.label}`, (checked) => {
            set(
              [...path, 'values'],
              [...toggled(get([...path, 'values']), o.code, checked)].sort((a, b) => a - b),
            );
            refresh();
            changed(false);
          }),
        );
      }
      box.append(group);
    } else if (node.op === 'compare') {
      box.append(
        row(
          [...path, 'comparator'],
          M('cond.comparator'),
          select(
            (picked) => (set([...path, 'comparator'], picked), refresh(), changed(false)),
            ['<', '<=', '>', '>=', '!='].map((c) => h('option', { value: c, selected: c === node.comparator }, M(`cmp.${c}`))),
          ),
        ),
        row(
          [...path, 'value'],
          M('cond.value'),
          h('input', {
            type: 'text',
            inputmode: 'decimal',
            value: node.value ?? '',
            oninput: (e: Event) => {
              const raw = (e.target as HTMLInputElement).value.trim().replace(',', '.');
              set([...path, 'value'], raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw);
              refresh();
              changed(false);
            },
          }),
          M('cond.compareHint'),
        ),
      );
    }
    return box;
  }

  // ── questions and pages ──
  function questionField(p: number, i: number, count: number): HTMLElement {
    const path: Path = ['pages', p, 'questions', i];
    const q = get(path);
    const kind = QUESTION_KINDS[q.kind];
    const title = M('questionTitle', { n: i + 1, name: q.name || '…' });
    const box = h('section', { class: 'question', id: fieldId(path), 'aria-labelledby': `${fieldId(path)}.title` });
    box.append(h('h4', { id: `${fieldId(path)}.title` }, title, ' ', h('span', { class: 'kind-tag' }, M(`kind.${q.kind}`))));
    box.append(moveButtons(['pages', p, 'questions'], i, count, title));
    box.append(
      row(
        [...path, 'kind'],
        M('field.kind'),
        h(
          'select',
          {
            onchange: (e: Event) => {
              const next = (e.target as HTMLSelectElement).value;
              const common = Object.fromEntries(Object.entries(q).filter(([key]) => QUESTION_OWN_KEYS.includes(key)));
              set(path, newQuestion(next, { required: true, ...common }, languages()));
              changed(true, fieldId([...path, 'kind']));
            },
          },
          ...Object.keys(QUESTION_KINDS).map((k) => h('option', { value: k, selected: k === q.kind }, M(`kind.${k}`))),
          kind ? null : h('option', { value: q.kind, selected: true }, String(q.kind)),
        ),
      ),
    );
    for (const spec of COMMON_QUESTION_FIELDS) if (!kind?.omit?.includes(spec.key)) box.append(valueField(spec, [...path, spec.key], q));
    for (const spec of kind?.fields ?? []) box.append(valueField(spec, [...path, spec.key], q));
    // what the table does not name (a kind this editor does not know, or a newer setting) stays editable as JSON
    const known = new Set([...QUESTION_OWN_KEYS, ...(kind?.fields ?? []).map((f) => f.key)]);
    for (const key of Object.keys(q)) if (!known.has(key)) box.append(jsonField([...path, key], key));
    box.append(conditionField([...path, 'condition'], { page: p, question: i }, M('field.condition')));
    return box;
  }

  function pageField(p: number, count: number): HTMLElement {
    const path: Path = ['pages', p];
    const page = get(path);
    const title = M('pageTitle', { n: p + 1, id: page.id || '…' });
    const box = h('section', { class: 'page', id: fieldId(path), 'aria-labelledby': `${fieldId(path)}.title` });
    box.append(h('h3', { id: `${fieldId(path)}.title` }, title));
    box.append(moveButtons(['pages'], p, count, title));
    for (const spec of PAGE_FIELDS) box.append(valueField(spec, [...path, spec.key], page));
    box.append(conditionField([...path, 'condition'], { page: p }, M('field.pageCondition')));
    const questions: Json[] = Array.isArray(page.questions) ? page.questions : [];
    const list = h('div', { class: 'questions', id: fieldId([...path, 'questions']) });
    questions.forEach((_, i) => list.append(questionField(p, i, questions.length)));
    box.append(list);
    const kindSelect = h('select', { id: `${fieldId(path)}.newKind` }, ...Object.keys(QUESTION_KINDS).map((k) => h('option', { value: k }, M(`kind.${k}`))));
    box.append(
      h(
        'div',
        { class: 'add-question inline-form' },
        h('label', { for: `${fieldId(path)}.newKind` }, M('newKind')),
        kindSelect,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: `${fieldId(path)}.addQuestion`,
            onclick: () => {
              const kind = (kindSelect as HTMLSelectElement).value;
              if (!Array.isArray(page.questions)) page.questions = [];
              page.questions.push(newQuestion(kind, { name: freshName('q'), text: emptyLabel(languages()), required: true }, languages()));
              changed(true, fieldId([...path, 'questions', page.questions.length - 1, 'name']));
            },
          },
          M('addQuestion', { n: p + 1 }),
        ),
      ),
    );
    return box;
  }

  function freshName(stem: string): string {
    const taken = new Set<string>();
    for (const page of doc.pages ?? []) {
      taken.add(page.id);
      for (const q of page.questions ?? []) {
        taken.add(q.name);
        for (const item of q.items ?? []) taken.add(item.name);
      }
    }
    let n = 1;
    while (taken.has(`${stem}${n}`)) n++;
    return `${stem}${n}`;
  }

  function studySection(): HTMLElement {
    const box = h('section', { class: 'editor-section', 'aria-labelledby': 'editor-study-title' }, h('h2', { id: 'editor-study-title' }, M('section.study')));
    box.append(
      row(
        ['id'],
        fieldName('id'),
        h('input', {
          type: 'text',
          value: doc.id ?? '',
          readonly: config.studyId !== null,
          autocomplete: 'off',
          oninput: (e: Event) => (set(['id'], (e.target as HTMLInputElement).value), changed(false)),
        }),
        config.studyId === null ? M('idHint') : M('idFixed'),
      ),
    );
    box.append(
      row(
        ['languages'],
        fieldName('languages'),
        h('input', {
          type: 'text',
          value: languages().join(', '),
          autocomplete: 'off',
          onchange: (e: Event) => {
            const tags = (e.target as HTMLInputElement).value
              .split(/[,;\s]+/)
              .map((x) => x.trim())
              .filter(Boolean);
            if (tags.length === 0) return;
            doc.languages = tags;
            if (doc.defaultLanguage && !tags.includes(doc.defaultLanguage)) delete doc.defaultLanguage;
            keepLanguages(doc, tags);
            for (const { path, label } of labelsOf(doc)) for (const lang of tags) if (!(lang in label)) set([...path, lang], '');
            if (doc.unit) for (const lang of Object.keys(doc.unit)) if (!tags.includes(lang)) delete doc.unit[lang];
            changed(true, fieldId(['languages']));
          },
        }),
        M('languagesHint'),
      ),
    );
    for (const spec of STUDY_FIELDS) box.append(valueField(spec, [spec.key], doc));
    // the respondent unit: singular and plural per language; absent when every form is empty
    const unit = h('fieldset', { class: 'label-field', id: fieldId(['unit']) }, h('legend', {}, M('optional', { field: fieldName('unit') })));
    const grid = h('div', { class: 'translations' });
    for (const lang of languages()) {
      for (const form of ['one', 'other']) {
        grid.append(
          row(
            ['unit', lang, form],
            `${fieldName(`unit.${form}`)} (${lang})`,
            h('input', {
              type: 'text',
              lang,
              value: doc.unit?.[lang]?.[form] ?? '',
              oninput: (e: Event) => {
                doc.unit ??= {};
                doc.unit[lang] ??= {};
                doc.unit[lang][form] = (e.target as HTMLInputElement).value;
                if (Object.values(doc.unit).every((forms: Json) => !forms.one?.trim() && !forms.other?.trim())) delete doc.unit;
                changed(false);
              },
            }),
          ),
        );
      }
    }
    unit.append(grid);
    box.append(unit);
    return box;
  }

  function resultsSection(): HTMLElement {
    const box = h('section', { class: 'editor-section', 'aria-labelledby': 'editor-results-title' }, h('h2', { id: 'editor-results-title' }, M('section.results')));
    const singles = variables().filter((v) => v.kind === 'single');
    const margins = h('fieldset', { class: 'codes', id: fieldId(['margins']) }, h('legend', {}, fieldName('margins')));
    if (singles.length === 0) margins.append(h('p', { class: 'hint' }, M('noSingle')));
    singles.forEach((v, k) => {
      const ticked = Array.isArray(doc.margins) && doc.margins.includes(v.name);
      margins.append(
        checkbox(`${fieldId(['margins'])}.v${k}`, ticked, `${v.name} – ${v.text}`, (checked) => {
          const now: string[] = Array.isArray(doc.margins) ? doc.margins : [];
          doc.margins = checked ? [...now, v.name] : now.filter((m) => m !== v.name);
          changed(false);
        }),
      );
    });
    box.append(margins);
    for (const spec of RESULT_FIELDS) box.append(valueField(spec, [spec.key], doc));
    const advanced = h('details', { class: 'advanced' }, h('summary', {}, M('section.advanced')));
    for (const key of JSON_SECTIONS) advanced.append(jsonField([key], fieldName(key)));
    box.append(advanced);
    return box;
  }

  function render(focusId?: string): void {
    const pages: Json[] = Array.isArray(doc.pages) ? doc.pages : [];
    const pagesBox = h(
      'section',
      { class: 'editor-section', id: fieldId(['pages']), 'aria-labelledby': 'editor-pages-title' },
      h('h2', { id: 'editor-pages-title' }, M('section.pages')),
    );
    pages.forEach((_, p) => pagesBox.append(pageField(p, pages.length)));
    pagesBox.append(
      h(
        'button',
        {
          type: 'button',
          id: `${fieldId(['pages'])}.add`,
          onclick: () => {
            doc.pages = pages;
            pages.push({
              id: freshName('p'),
              title: emptyLabel(languages()),
              questions: [{ kind: 'single', name: freshName('q'), text: emptyLabel(languages()), required: true, ...QUESTION_KINDS.single!.create(languages()) }],
            });
            changed(true, fieldId(['pages', pages.length - 1, 'id']));
          },
        },
        M('addPage'),
      ),
    );
    form.replaceChildren(studySection(), pagesBox, resultsSection());
    showIssues();
    if (focusId) document.getElementById(focusId)?.focus();
  }

  // ── what is missing, what is wrong ──
  function updateCounts(): void {
    const missing = missingTexts(doc, languages());
    const total = Object.values(missing).reduce((a, b) => a + b, 0);
    counts.textContent =
      total === 0
        ? M('missing.none')
        : M('missing.some', {
            list: Object.entries(missing)
              .map(([lang, n]) => `${lang} ${n}`)
              .join(', '),
            n: total,
          });
    counts.classList.toggle('has-missing', total > 0);
  }

  function showIssues(): void {
    updateCounts();
    for (const old of form.querySelectorAll('.field-error.issue')) old.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      el.removeAttribute('aria-describedby');
    }
    summary.replaceChildren();
    const placed: { issue: Issue; id: string | null }[] = [];
    errors.forEach((issue, k) => {
      let path = parsePath(issue.path);
      let target: HTMLElement | null = null;
      for (; ; path = path.slice(0, -1)) {
        target = document.getElementById(fieldId(path));
        if ((target && form.contains(target)) || path.length === 0) break;
      }
      if (target && !form.contains(target)) target = null;
      const errorId = `editor-issue-${k}`;
      if (target) {
        const note = h('p', { class: 'field-error issue', id: errorId }, issue.message);
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
          target.setAttribute('aria-invalid', 'true');
          target.setAttribute('aria-describedby', [target.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '));
          target.insertAdjacentElement('afterend', note);
        } else {
          const heading = target.querySelector(':scope > legend, :scope > h3, :scope > h4');
          if (heading) heading.insertAdjacentElement('afterend', note);
          else target.prepend(note);
        }
      }
      placed.push({ issue, id: target?.id ?? null });
    });
    if (validated === 'pending') statusLine.textContent = M('status.checking');
    else if (validated === 'offline') statusLine.textContent = M(unsaved ? 'status.saveOffline' : 'status.offline');
    else statusLine.textContent = errors.length === 0 ? M('status.valid') : M('status.errors', { n: errors.length });
    statusLine.className = `editor-status ${validated}`;
    if (errors.length > 0) {
      summary.append(
        h('h2', { id: 'editor-errors-title' }, M('errors.title', { n: errors.length })),
        h(
          'ul',
          { 'aria-labelledby': 'editor-errors-title' },
          ...placed.map(({ issue, id }) =>
            h(
              'li',
              {},
              id
                ? h(
                    'a',
                    {
                      href: `#${id}`,
                      onclick: (e: Event) => {
                        e.preventDefault();
                        const el = document.getElementById(id);
                        const focusable = el && (/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName) ? el : el.querySelector<HTMLElement>('input, select, textarea, button'));
                        (focusable ?? el)?.focus();
                      },
                    },
                    h('code', {}, issue.path),
                  )
                : h('code', {}, issue.path),
              ' ',
              issue.message,
            ),
          ),
        ),
      );
    }
    if (warnings.length > 0) summary.append(h('ul', { class: 'editor-warnings' }, ...warnings.map((w) => h('li', {}, w))));
  }

  // ── saving ──
  async function save(): Promise<void> {
    if (saving) return;
    saving = true;
    saveButton.setAttribute('aria-disabled', 'true');
    statusLine.textContent = M('status.saving');
    try {
      const { status, body } = await post(config.urls.save, { document: doc, baseVersion: config.baseVersion });
      if ((status === 200 || status === 201) && body?.ok) {
        try {
          localStorage.removeItem(draftKey());
        } catch {
          // nothing stored to remove
        }
        const previous = config.baseVersion;
        config.studyId = body.studyId;
        config.baseVersion = body.version;
        doc = body.document;
        errors = [];
        validated = 'ok';
        if (body.urls?.edit && location.pathname !== body.urls.edit) history.replaceState(null, '', body.urls.edit);
        result.replaceChildren(
          ...[
            h('p', { class: 'notice', role: 'status' }, body.kind === 'unchanged' ? M('saved.unchanged', { n: body.version }) : M('saved.created', { n: body.version })),
            body.keptBy?.length > 0 ? h('p', {}, M('saved.kept', { n: previous ?? 0, waves: body.keptBy.join(', ') })) : null,
            body.changes?.length > 0 ? h('h2', {}, M('saved.changes', { n: previous ?? 0 })) : null,
            body.changes?.length > 0 ? h('ul', { class: 'study-diff' }, ...body.changes.map((c: string) => h('li', {}, c))) : null,
            h(
              'p',
              {},
              h('a', { href: body.urls.study }, M('saved.back')),
              body.urls.preview ? ' · ' : null,
              body.urls.preview ? h('a', { href: body.urls.preview, id: 'editor-preview-saved' }, M('saved.preview', { n: body.version })) : null,
            ),
          ].filter((x): x is HTMLElement => x !== null),
        );
        render();
        result.focus();
      } else {
        errors = body?.errors ?? [{ path: '(document)', message: M('saveFailed', { status }) }];
        validated = 'errors';
        showIssues();
        document.getElementById('editor-errors')?.querySelector('a')?.focus();
      }
    } catch {
      validated = 'offline';
      unsaved = true;
      showIssues();
    } finally {
      saving = false;
      saveButton.removeAttribute('aria-disabled');
    }
  }

  // ── a draft left by an earlier visit ──
  function offerDraft(): void {
    let draft: { savedAt: string; document: Json } | null = null;
    try {
      draft = JSON.parse(localStorage.getItem(draftKey()) ?? 'null');
    } catch {
      draft = null;
    }
    if (!draft || JSON.stringify(draft.document) === JSON.stringify(doc)) return;
    const when = new Date(draft.savedAt).toLocaleString(config.lang);
    draftNotice.replaceChildren(
      h(
        'div',
        { class: 'notice', role: 'region', 'aria-labelledby': 'editor-draft-title' },
        h('p', { id: 'editor-draft-title' }, M('draft.found', { when })),
        h(
          'button',
          {
            type: 'button',
            id: 'editor-draft-restore',
            onclick: () => {
              doc = draft!.document;
              draftNotice.replaceChildren();
              changed(true, 'editor-save');
            },
          },
          M('draft.restore'),
        ),
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: 'editor-draft-discard',
            onclick: () => {
              localStorage.removeItem(draftKey());
              draftNotice.replaceChildren();
              saveButton.focus();
            },
          },
          M('draft.discard'),
        ),
      ),
    );
  }

  window.addEventListener('online', () => void validate());

  if (config.usedBy.length > 0) {
    root.insertBefore(h('p', { class: 'hint', id: 'editor-used-by' }, M('usedBy', { n: config.baseVersion ?? 0, waves: config.usedBy.join(', ') })), toolbar);
  }
  render();
  offerDraft();
  void validate();
}
