import { frenchTypography, labelIn, unitWords, type Label } from '../study/index.js';
import type { IndicatorResult, WaveResults } from './wave-results-types.js';

/** One generated finding: a sentence per language, with the numbers it states. */
export interface KeyFinding {
  readonly kind: 'level' | 'top-of-group' | 'trend' | 'gap';
  readonly indicator: string;
  readonly text: Label;
  readonly estimate: number;
  /** half-width of the 95 % interval of the estimate */
  readonly marginOfError: number;
  readonly n: number;
  /** strength used to rank the findings */
  readonly score: number;
}

export interface KeyFindingsOptions {
  /** at least this many when the numbers allow (default 6) */
  readonly min?: number;
  /** at most this many (default 8, never above 10 by design of the page) */
  readonly max?: number;
}

const NBSP = '\u00A0';
/** effective base under which a cut column is not quoted in a key finding */
const SOLID_EFFECTIVE_BASE = 50;
const number = (value: number, lang: 'fr' | 'en', digits: number) => {
  const text = value.toFixed(digits);
  return lang === 'fr' ? text.replace('.', ',') : text;
};
const percent = (p: number, lang: 'fr' | 'en') => (lang === 'fr' ? `${Math.round(p * 100)}${NBSP}%` : `${Math.round(p * 100)}%`);
/** the change as printed: the difference of the two printed percentages, so the sentence adds up */
const points = (p: number, previous: number, lang: 'fr' | 'en') => {
  const d = Math.round(p * 100) - Math.round(previous * 100);
  return `${d >= 0 ? '+' : '−'}${number(Math.abs(d), lang, 0)}${NBSP}pts`;
};
const margin = (m: number, lang: 'fr' | 'en') => `±${NBSP}${number(m * 100, lang, 1)}${NBSP}pts`;
const base = (n: number, lang: 'fr' | 'en') => `n${NBSP}=${NBSP}${lang === 'fr' ? n.toLocaleString('fr-FR').replace(/\s/g, '\u202F') : n.toLocaleString('en-GB')}`;
/** "Use social media" → "use social media" (not "LinkedIn", not "ROI") */
const lower = (text: string) => (/^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text);
const typeset = (fr: string, en: string): Label => ({ fr: frenchTypography(fr), en });
const moe = (i: IndicatorResult) => (i.ci ? (i.ci[1] - i.ci[0]) / 2 : 0);

/**
 * The 6 to 10 strongest findings of a wave as sentences in French (French typography) and English, each
 * with its margin of error and base: the first item of each multiple-answer group, significant changes
 * since the previous wave (largest first), the largest significant gap of each cut, and the clearest
 * majorities or minorities. At most one finding of each kind per indicator; suppressed or low-base cut
 * columns are never quoted.
 */
export function keyFindings(results: WaveResults, options: KeyFindingsOptions = {}): readonly KeyFinding[] {
  const min = options.min ?? 6;
  const max = options.max ?? 8;
  const candidates: KeyFinding[] = [];
  // how sentences name respondents: the study's unit ("households"), else "répondants" / "respondents"
  const units = { fr: unitWords(results.study, 'fr').units, en: unitWords(results.study, 'en').units };
  const measured = results.indicators.filter((i) => i.estimate !== null && i.ci !== null);
  const groups = new Map<string, IndicatorResult[]>();
  for (const i of measured) if (i.group) groups.set(i.group, [...(groups.get(i.group) ?? []), i]);
  for (const [group, items] of groups) {
    const top = [...items].sort((a, b) => b.estimate! - a.estimate!)[0];
    const theme = results.themes.find((t) => t.id === top.theme)?.label ?? { fr: group, en: group };
    const m = margin(moe(top), 'fr'), me = margin(moe(top), 'en');
    candidates.push({
      kind: 'top-of-group', indicator: top.id, estimate: top.estimate!, marginOfError: moe(top), n: top.n, score: 0.5 + top.estimate! / 4,
      text: typeset(
        `${labelIn(theme, 'fr')} : « ${labelIn(top.label, 'fr')} » arrive en tête, cité par ${percent(top.estimate!, 'fr')} des ${units.fr} (${m}, ${base(top.n, 'fr')}).`,
        `${labelIn(theme, 'en')}: “${labelIn(top.label, 'en')}” comes first, named by ${percent(top.estimate!, 'en')} of ${units.en} (${me}, ${base(top.n, 'en')}).`,
      ),
    });
  }
  for (const i of measured) {
    const p = i.estimate!;
    const m = moe(i);
    if (i.trend?.significant && results.previousWave) {
      const before = results.previousWave.code;
      candidates.push({
        kind: 'trend', indicator: i.id, estimate: p, marginOfError: m, n: i.n, score: 0.3 + Math.abs(i.trend.difference) * 4,
        text: typeset(
          `« ${labelIn(i.label, 'fr')} » : ${percent(p, 'fr')} contre ${percent(i.trend.previous, 'fr')} en ${before} (${points(p, i.trend.previous, 'fr')}, évolution significative ; ${margin(m, 'fr')}, ${base(i.n, 'fr')}).`,
          `“${labelIn(i.label, 'en')}”: ${percent(p, 'en')} against ${percent(i.trend.previous, 'en')} in ${before} (${points(p, i.trend.previous, 'en')}, a significant change; ${margin(m, 'en')}, ${base(i.n, 'en')}).`,
        ),
      });
    }
    if (!i.group) {
      candidates.push({
        kind: 'level', indicator: i.id, estimate: p, marginOfError: m, n: i.n, score: Math.abs(p - 0.5) * 1.2,
        text: typeset(
          `${percent(p, 'fr')} des ${units.fr} ${lower(labelIn(i.label, 'fr'))} (${margin(m, 'fr')}, ${base(i.n, 'fr')}).`,
          `${percent(p, 'en')} of ${units.en} ${lower(labelIn(i.label, 'en'))} (${margin(m, 'en')}, ${base(i.n, 'en')}).`,
        ),
      });
    }
    for (const banner of results.banners) {
      // a gap is a finding only between columns whose effective bases are solid: with unequal weights a
      // column of 75 respondents can rest on a handful of heavily weighted ones
      const cells = (i.cuts[banner.id] ?? []).filter(
        (c) => !c.suppressed && !c.lowBase && c.estimate !== null && c.ci !== null && (c.nEffective ?? c.n) >= SOLID_EFFECTIVE_BASE,
      );
      let best: { hi: (typeof cells)[number]; lo: (typeof cells)[number]; gap: number; sure: number } | null = null;
      for (const hi of cells) for (const lo of cells) {
        if (!hi.letters.includes(lo.letter)) continue;
        const gap = hi.estimate! - lo.estimate!;
        // the gap that stays when both margins of error are taken off half-way: small columns rank lower
        const sure = gap - ((hi.ci![1] - hi.ci![0]) + (lo.ci![1] - lo.ci![0])) / 4;
        if (!best || sure > best.sure) best = { hi, lo, gap, sure };
      }
      if (!best) continue;
      const { hi, lo, gap } = best;
      const mh = (hi.ci![1] - hi.ci![0]) / 2, ml = (lo.ci![1] - lo.ci![0]) / 2;
      candidates.push({
        kind: 'gap', indicator: i.id, estimate: hi.estimate!, marginOfError: mh, n: hi.n, score: Math.max(0, gap - (mh + ml) / 2) * 2,
        text: typeset(
          `« ${labelIn(i.label, 'fr')} » : ${percent(hi.estimate!, 'fr')} parmi « ${labelIn(hi.label, 'fr')} » (${margin(mh, 'fr')}, ${base(hi.n, 'fr')}) contre ${percent(lo.estimate!, 'fr')} parmi « ${labelIn(lo.label, 'fr')} » (${margin(ml, 'fr')}, ${base(lo.n, 'fr')}).`,
          `“${labelIn(i.label, 'en')}”: ${percent(hi.estimate!, 'en')} among “${labelIn(hi.label, 'en')}” (${margin(mh, 'en')}, ${base(hi.n, 'en')}) against ${percent(lo.estimate!, 'en')} among “${labelIn(lo.label, 'en')}” (${margin(ml, 'en')}, ${base(lo.n, 'en')}).`,
        ),
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score || (a.indicator < b.indicator ? -1 : 1));
  const chosen: KeyFinding[] = [];
  const used = new Set<string>();
  // first pass: one finding per indicator and a few of each kind (a varied summary); then fill up
  const perKind = new Map<string, number>();
  const cap = Math.ceil(max / 3);
  for (const c of candidates) {
    if (chosen.length >= max) break;
    if (used.has(c.indicator) || (perKind.get(c.kind) ?? 0) >= cap) continue;
    chosen.push(c);
    used.add(c.indicator);
    perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
  }
  for (const c of candidates) {
    if (chosen.length >= max) break;
    if (!used.has(c.indicator)) { chosen.push(c); used.add(c.indicator); }
  }
  for (const c of candidates) {
    if (chosen.length >= min) break;
    if (!chosen.includes(c)) chosen.push(c);
  }
  chosen.sort((a, b) => b.score - a.score);
  return Object.freeze(chosen.map((c) => Object.freeze(c)));
}
