import { interfaceLanguage, pluralCategory, t, type MessageKey, type MessageParams } from '../messages/index.js';
import { labelIn, type Label } from '../study/index.js';
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

/** effective base under which a cut column is not quoted in a key finding */
const SOLID_EFFECTIVE_BASE = 50;
const moe = (i: IndicatorResult) => (i.ci ? (i.ci[1] - i.ci[0]) / 2 : 0);
/** an interval of zero width (an estimate of 0 or 1 with no spread) states no precision: such a figure is not a finding */
const informative = (ci: readonly [number, number] | null): ci is readonly [number, number] => ci !== null && ci[1] - ci[0] > 1e-9;

/** How one language writes numbers and units in a finding. */
function writer(results: WaveResults, lang: string) {
  const decimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  // thin no-break spaces between thousands in French (1\u202F000), the language's own grouping otherwise
  const count = (n: number) => new Intl.NumberFormat(lang).format(n).replace(/[\s\u00A0]/g, '\u202F');
  // the sentence's wording comes from the interface catalogue of the study language (English for a language
  // without one); the unit from the study in that language, else the catalogue's generic "respondents"
  const ui = interfaceLanguage(lang);
  const text = (key: MessageKey, params: MessageParams = {}) => t(ui, key, params);
  const units = results.study.unit?.[lang]?.other ?? text('unit.other');
  return {
    label: (label: Label) => labelIn(label, lang),
    percent: (p: number) => text('keyFindings.percent', { value: Math.round(p * 100) }),
    /** the change as printed: the difference of the two printed percentages, so the sentence adds up (`−1 pt`, `0 pt`, `+5 pts`) */
    points: (p: number, previous: number) => {
      const d = Math.round(p * 100) - Math.round(previous * 100);
      return text(`keyFindings.change.${pluralCategory(ui, Math.abs(d))}`, { sign: d > 0 ? '+' : d < 0 ? '−' : '', value: Math.abs(d) });
    },
    /** `± 2,8 pts`, or `−4,5 / +2,8 pts` when the two distances differ by more than the last printed digit */
    margin: (estimate: number, ci: readonly [number, number]) => {
      const below = Math.max(0, estimate - ci[0]) * 100,
        above = Math.max(0, ci[1] - estimate) * 100;
      return Math.abs(Math.round(below * 10) - Math.round(above * 10)) <= 1
        ? text('keyFindings.margin', { value: decimal.format((below + above) / 2) })
        : text('keyFindings.marginAsymmetric', { below: decimal.format(below), above: decimal.format(above) });
    },
    base: (n: number) => text('keyFindings.base', { count: count(n) }),
    /** "des ménages", or for a question shown to some only, "des 978 ménages à qui la question a été posée" */
    ofUnits: (i: IndicatorResult) => (i.filtered ? text('keyFindings.ofUnitsAsked', { count: count(i.n), units }) : text('keyFindings.ofUnits', { units })),
    askedOf: (i: IndicatorResult) => (i.filtered ? text('keyFindings.askedOf', { count: count(i.n), units }) : ''),
    /** the sentence, set in the typography of its language by `t` (French: no-break spaces, « ») */
    sentence: (key: MessageKey, params: MessageParams) => text(key, params),
  };
}

/**
 * The 6 to 10 strongest findings of a wave as sentences in each of its study's languages (French typography
 * in French), each quoting the indicator's label, naming respondents with the study's unit (else
 * "respondents"), the base when the question was asked of some respondents only, the margin of error and n: the first item of each multiple-answer group, significant changes
 * since the previous wave (largest first), the largest significant gap of each cut, and the clearest
 * majorities or minorities. At most one finding of each kind per indicator; suppressed or low-base cut
 * columns are never quoted.
 */
export function keyFindings(results: WaveResults, options: KeyFindingsOptions = {}): readonly KeyFinding[] {
  const min = options.min ?? 6;
  const max = options.max ?? 8;
  const languages = Object.keys(results.study.title);
  const writers = languages.map((lang) => [lang, writer(results, lang)] as const);
  const say = (make: (w: ReturnType<typeof writer>) => string): Label => Object.fromEntries(writers.map(([lang, w]) => [lang, make(w)]));
  const candidates: KeyFinding[] = [];
  const measured = results.indicators.filter((i) => i.estimate !== null && informative(i.ci));
  const groups = new Map<string, IndicatorResult[]>();
  for (const i of measured) if (i.group) groups.set(i.group, [...(groups.get(i.group) ?? []), i]);
  for (const [group, items] of groups) {
    const top = [...items].sort((a, b) => b.estimate! - a.estimate!)[0];
    const theme = results.themes.find((t) => t.id === top.theme)?.label;
    candidates.push({
      kind: 'top-of-group',
      indicator: top.id,
      estimate: top.estimate!,
      marginOfError: moe(top),
      n: top.n,
      score: 0.5 + top.estimate! / 4,
      text: say((w) =>
        w.sentence('keyFindings.topOfGroup', {
          theme: theme ? w.label(theme) : group,
          label: w.label(top.label),
          percent: w.percent(top.estimate!),
          ofUnits: w.ofUnits(top),
          margin: w.margin(top.estimate!, top.ci!),
          base: w.base(top.n),
        }),
      ),
    });
  }
  for (const i of measured) {
    const p = i.estimate!;
    const m = moe(i);
    if (i.trend?.significant && results.previousWave) {
      const trend = i.trend;
      const before = results.previousWave.code;
      candidates.push({
        kind: 'trend',
        indicator: i.id,
        estimate: p,
        marginOfError: m,
        n: i.n,
        score: 0.3 + Math.abs(trend.difference) * 4,
        text: say((w) =>
          w.sentence('keyFindings.trend', {
            label: w.label(i.label),
            percent: w.percent(p),
            ofUnits: w.ofUnits(i),
            previous: w.percent(trend.previous),
            wave: before,
            points: w.points(p, trend.previous),
            margin: w.margin(p, i.ci!),
            base: w.base(i.n),
          }),
        ),
      });
    }
    if (!i.group) {
      candidates.push({
        kind: 'level',
        indicator: i.id,
        estimate: p,
        marginOfError: m,
        n: i.n,
        score: Math.abs(p - 0.5) * 1.2,
        text: say((w) => w.sentence('keyFindings.level', { label: w.label(i.label), percent: w.percent(p), ofUnits: w.ofUnits(i), margin: w.margin(p, i.ci!), base: w.base(i.n) })),
      });
    }
    for (const banner of results.banners) {
      // a gap is a finding only between columns whose effective bases are solid: with unequal weights a
      // column of 75 respondents can rest on a handful of heavily weighted ones
      const cells = (i.cuts[banner.id] ?? []).filter(
        (c) => !c.suppressed && !c.lowBase && c.estimate !== null && informative(c.ci) && (c.nEffective ?? c.n) >= SOLID_EFFECTIVE_BASE,
      );
      let best: { hi: (typeof cells)[number]; lo: (typeof cells)[number]; gap: number; sure: number } | null = null;
      for (const hi of cells)
        for (const lo of cells) {
          if (!hi.letters.includes(lo.letter)) continue;
          const gap = hi.estimate! - lo.estimate!;
          // the gap that stays when both margins of error are taken off half-way: small columns rank lower
          const sure = gap - (hi.ci![1] - hi.ci![0] + (lo.ci![1] - lo.ci![0])) / 4;
          if (!best || sure > best.sure) best = { hi, lo, gap, sure };
        }
      if (!best) continue;
      const { hi, lo, gap } = best;
      const mh = (hi.ci![1] - hi.ci![0]) / 2,
        ml = (lo.ci![1] - lo.ci![0]) / 2;
      candidates.push({
        kind: 'gap',
        indicator: i.id,
        estimate: hi.estimate!,
        marginOfError: mh,
        n: hi.n,
        score: Math.max(0, gap - (mh + ml) / 2) * 2,
        text: say((w) =>
          w.sentence('keyFindings.gap', {
            label: w.label(i.label),
            askedOf: w.askedOf(i),
            percent: w.percent(hi.estimate!),
            high: w.label(hi.label),
            margin: w.margin(hi.estimate!, hi.ci!),
            base: w.base(hi.n),
            lowPercent: w.percent(lo.estimate!),
            low: w.label(lo.label),
            lowMargin: w.margin(lo.estimate!, lo.ci!),
            lowBase: w.base(lo.n),
          }),
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
    if (!used.has(c.indicator)) {
      chosen.push(c);
      used.add(c.indicator);
    }
  }
  for (const c of candidates) {
    if (chosen.length >= min) break;
    if (!chosen.includes(c)) chosen.push(c);
  }
  chosen.sort((a, b) => b.score - a.score);
  return Object.freeze(chosen.map((c) => Object.freeze(c)));
}
