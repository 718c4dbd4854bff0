import { labelIn, type Label } from './label.js';
import { rankKey, type Option, type Question } from './question.js';
import type { Indicator, Study, Theme } from './study.js';

/** What a study publishes: its own themes and indicators, or the defaults drawn from its questionnaire. */
export interface PublishedIndicators {
  readonly themes: Theme[];
  readonly indicators: Indicator[];
}

/** The codes counted as yes by a top-box indicator: the upper half of the points (2 of 4, 2 of 5, 3 of 7). */
export function topBox(points: readonly Option[]): number[] {
  return points.slice(points.length - Math.floor(points.length / 2)).map((p) => p.code);
}

/** `a — b` in each of the study's languages. */
function joined(languages: readonly string[], head: Label, tail: Label): Label {
  return Object.fromEntries(languages.map((lang) => [lang, `${labelIn(head, lang)} — ${labelIn(tail, lang)}`]));
}

/** The top-box points named in each language: "Satisfied / Very satisfied". */
function pointsLabel(languages: readonly string[], points: readonly Option[], yes: readonly number[]): Label {
  const chosen = points.filter((p) => yes.includes(p.code));
  return Object.fromEntries(languages.map((lang) => [lang, chosen.map((p) => labelIn(p.label, lang)).join(' / ')]));
}

/** An indicator with the id it would like (made unique by the caller). */
type Draft = Omit<Indicator, 'id'> & { readonly idBase: string };

function questionIndicators(study: Study, q: Question, theme: string): Draft[] {
  if (q.kind === 'info' || q.identifying) return [];
  switch (q.kind) {
    case 'ranking':
      // the share who ranked each option first, among those who answered the ranking (its mean rank is published beside it)
      return q.options.map((o) => ({
        idBase: `${q.name}_${o.code}_first`,
        theme,
        group: q.name,
        variable: rankKey(q.name, o.code),
        yes: [1],
        label: o.label,
      }));
    case 'single':
      return [...q.options, ...(q.other ? [q.other] : [])].map((o) => ({
        idBase: `${q.name}_${o.code}`,
        theme,
        group: q.name,
        variable: q.name,
        yes: [o.code],
        label: o.label,
      }));
    case 'multiple':
      return [...q.options, ...(q.other ? [q.other] : [])].map((o) => ({
        idBase: `${q.name}_${o.code}`,
        theme,
        group: q.name,
        variable: `${q.name}_${o.code}`,
        yes: [1],
        label: o.label,
      }));
    case 'scale': {
      const yes = topBox(q.points);
      return [{ idBase: `${q.name}_top`, theme, variable: q.name, yes, label: joined(study.languages, q.text, pointsLabel(study.languages, q.points, yes)) }];
    }
    case 'matrix': {
      const yes = topBox(q.points);
      const points = pointsLabel(study.languages, q.points, yes);
      return q.items.map((item) => ({
        idBase: `${item.name}_top`,
        theme,
        group: q.name,
        variable: item.name,
        yes,
        label: joined(study.languages, item.label, points),
      }));
    }
    default:
      // numbers and texts are not shares; a consent box is a condition of taking part, not a finding
      return [];
  }
}

/** `base`, or `base_2`, `base_3`… when taken. */
function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  taken.add(id);
  return id;
}

/**
 * The indicators a study publishes when it defines none, drawn from its questionnaire: each option of a
 * single choice (its share, id `<question>_<code>`) and of a multiple choice (the share who chose it, id
 * `<question>_<code>`), the options of one question sharing a `group`; for a scale, and each item of a
 * matrix, the top box (the share in the upper half of the points, id `<variable>_top`; a matrix's items share
 * a group) — one figure per statement reads better than one per point; for a ranking, the share who ranked
 * each option first (id `<question>_<code>_first`, the options sharing a group). Identifying questions, numbers,
 * texts, information texts and consent boxes give none. Themes are the questionnaire's pages that give an indicator (id: the
 * page's id, label: its title). Complexity O(questions × options).
 */
export function defaultIndicators(study: Study): PublishedIndicators {
  const themes: Theme[] = [];
  const indicators: Indicator[] = [];
  const taken = new Set<string>();
  for (const page of study.pages) {
    const before = indicators.length;
    for (const q of page.questions) {
      for (const { idBase, ...indicator } of questionIndicators(study, q, page.id)) indicators.push({ id: uniqueId(idBase, taken), ...indicator });
    }
    if (indicators.length > before) themes.push({ id: page.id, label: page.title });
  }
  return { themes, indicators };
}

/**
 * The study as publication reads it: unchanged when it defines indicators (they replace the defaults),
 * otherwise with `defaultIndicators` as its themes and indicators. The one loader of a wave's study applies
 * it, so the dashboard, white paper, API and benchmark all see the same list.
 */
export function withDefaultIndicators(study: Study): Study {
  if (study.indicators.length > 0) return study;
  const { themes, indicators } = defaultIndicators(study);
  return { ...study, themes, indicators };
}
