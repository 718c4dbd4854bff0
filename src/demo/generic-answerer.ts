import {
  drawOrder,
  isRandomizable,
  numbersItemKey,
  orderKey,
  otherKey,
  rankingBounds,
  rankKey,
  textGridCells,
  type Answers,
  type AnswerValue,
  type Question,
} from '../study/index.js';
import type { DemoSeed } from './demo-seed.js';
import { dayBetween, drift, location, numberAnswer, orderedIndex, selected, splitTotal, type GenericAnswerModel } from './generic-answer-model.js';
import { neutralText, otherText, sampleTexts } from './generic-texts.js';
import type { Prng } from './prng.js';

export type Answerer = (q: Question, eta: number, lang: string, prng: Prng, rank: number, answers: Answers) => AnswerValue | undefined;

/**
 * Answers one question of any kind for a respondent at latent position `eta`, in quarter `t`: returns the
 * question's value, or undefined when it is left unanswered; "other" texts, a matrix's and a multiple
 * numeric's items and a grid's cells are written into `answers` directly.
 */
export function createAnswerer(model: GenericAnswerModel, t: number, seed: DemoSeed | undefined): Answerer {
  const skip = (q: Question, prng: Prng) => q.kind !== 'info' && !q.required && prng.chance(0.06);
  /** the seed's shares of a variable when it gives them for this many options, else the model's */
  const sharesOf = (key: string, count: number, ordered: boolean): readonly number[] => {
    const prior = seed?.priors?.[key];
    return prior && prior.length === count ? prior : model.variable(key, count, ordered).shares;
  };
  const dontKnowRate = (key: string) => 0.02 + 0.05 * model.variable(`${key}:dk`, 2, false).shares[0];
  const scale = (key: string, points: readonly { code: number }[], dontKnow: { code: number } | undefined, eta: number, prng: Prng): number => {
    if (dontKnow && prng.chance(dontKnowRate(key))) return dontKnow.code;
    const m = model.variable(key, points.length, true);
    return points[orderedIndex(sharesOf(key, points.length, true), location(m, eta, t), prng)].code;
  };
  return (q, eta, lang, prng, rank, answers) => {
    // a randomised question records the order it was shown in, drawn as the questionnaire draws it
    if (isRandomizable(q) && q.randomize === true) answers[orderKey(q.name)] = drawOrder(q, `demo-${rank}`).join(',');
    switch (q.kind) {
      case 'info':
        return undefined;
      case 'ranking': {
        if (skip(q, prng)) return undefined;
        // options drawn one after the other without replacement (Plackett–Luce), each by its share and the respondent's position
        const { min, max } = rankingBounds(q);
        const count = min + prng.int(max - min + 1);
        const base = sharesOf(q.name, q.options.length, false);
        const left = q.options.map((o, k) => {
          const m = model.variable(`${q.name}_${o.code}`, 2, false);
          return { code: o.code, weight: base[k] * Math.exp(0.6 * m.loading * eta + drift(m, t)) };
        });
        for (let r = 1; r <= count; r++) {
          const [chosen] = left.splice(prng.weighted(left.map((o) => o.weight)), 1);
          answers[rankKey(q.name, chosen!.code)] = r;
        }
        return undefined;
      }
      case 'consent':
        return q.required || prng.chance(0.7) ? true : undefined;
      case 'single': {
        if (skip(q, prng)) return undefined;
        if (q.other && prng.chance(0.02)) {
          answers[otherKey(q.name)] = otherText(seed, otherKey(q.name), q.other.label, lang, prng);
          return q.other.code;
        }
        const base = sharesOf(q.name, q.options.length, false);
        const weights = q.options.map((o, k) => {
          const m = model.variable(`${q.name}_${o.code}`, 2, false);
          return base[k] * Math.exp(0.6 * m.loading * eta + drift(m, t));
        });
        return q.options[prng.weighted(weights)].code;
      }
      case 'scale':
        return skip(q, prng) ? undefined : scale(q.name, q.points, q.dontKnow, eta, prng);
      case 'matrix': {
        if (skip(q, prng)) return undefined;
        // a matrix's answers live under its items' names
        for (const item of q.items) answers[item.name] = scale(item.name, q.points, q.dontKnow, eta, prng);
        return undefined;
      }
      case 'multiple': {
        if (skip(q, prng)) return undefined;
        const plain = q.options.filter((o) => !q.exclusive.includes(o.code));
        if (q.exclusive.length > 0 && prng.chance(0.04)) return [q.exclusive[0]];
        let chosen = plain
          .filter((o) => {
            const m = model.variable(`${q.name}_${o.code}`, 2, false);
            return selected(seed?.priors?.[`${q.name}_${o.code}`]?.[0] ?? 0.08 + 0.5 * m.shares[0], location(m, eta, t), prng);
          })
          .map((o) => o.code);
        if (q.other && prng.chance(0.03)) {
          chosen.push(q.other.code);
          answers[otherKey(q.name)] = otherText(seed, otherKey(q.name), q.other.label, lang, prng);
        }
        if (q.maxSelections !== undefined && chosen.length > q.maxSelections) {
          // keep a random subset of the allowed size, the "other" text too when its option stays
          for (let k = chosen.length - 1; k > 0; k--) {
            const j = prng.int(k + 1);
            [chosen[k], chosen[j]] = [chosen[j], chosen[k]];
          }
          chosen = chosen.slice(0, q.maxSelections);
        }
        if (q.other && !chosen.includes(q.other.code)) delete answers[otherKey(q.name)];
        if (chosen.length === 0)
          chosen = q.exclusive.length > 0 ? [q.exclusive[0]] : [plain[prng.weighted(plain.map((o) => model.variable(`${q.name}_${o.code}`, 2, false).shares[0]))].code];
        return chosen.sort((a, b) => a - b);
      }
      case 'number': {
        if (!q.required && prng.chance(0.2)) return undefined;
        const m = model.variable(q.name, 2, false);
        const typical = seed?.priors?.[q.name]?.[0];
        const lo = q.min ?? 0,
          hi = q.max ?? lo + 100;
        const centre = typical !== undefined && hi > lo ? Math.min(0.95, Math.max(0.02, (typical - lo) / (hi - lo))) : 0.08 + 0.3 * m.shares[0];
        return numberAnswer(q, centre, location(m, eta, t), prng);
      }
      case 'text': {
        const samples = sampleTexts(seed, q.name, lang);
        if (!q.required && !prng.chance(q.identifying ? 0.4 : 0.12)) return undefined;
        let text: string | undefined = samples ? prng.pick(samples) : undefined;
        if (text === undefined) {
          if (!q.required && q.identifying) return undefined;
          text = q.identifying ? `demo-${rank + 1}` : neutralText(lang, prng);
        }
        return text.slice(0, q.maxLength);
      }
      case 'date':
        return skip(q, prng) ? undefined : dayBetween(q.min, q.max, prng);
      case 'numbers': {
        if (skip(q, prng)) return undefined;
        if (q.total !== undefined) {
          const shares = splitTotal(q.items.length, q.total, q, prng);
          if (shares) q.items.forEach((item, k) => (answers[numbersItemKey(q, item)] = shares[k]));
          return undefined;
        }
        for (const item of q.items) {
          const key = numbersItemKey(q, item);
          const m = model.variable(key, 2, false);
          answers[key] = numberAnswer(q, 0.08 + 0.3 * m.shares[0], location(m, eta, t), prng);
        }
        return undefined;
      }
      case 'textgrid': {
        if (!q.required && !prng.chance(q.identifying ? 0.4 : 0.12)) return undefined;
        for (const cell of textGridCells(q)) {
          if (!q.required && !prng.chance(0.6)) continue;
          answers[cell.key] = (q.identifying ? `demo-${rank + 1}` : neutralText(lang, prng)).slice(0, q.maxLength);
        }
        return undefined;
      }
    }
  };
}
