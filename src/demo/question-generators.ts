import { numbersItemKey, otherKey, rankingBounds, rankKey, textGridCells, type AnswerValue, type Question } from '../study/index.js';
import { dayBetween, splitTotal } from './generic-answer-model.js';
import { logistic } from './calibrate-model.js';
import { comment, companyName, otherNetwork, otherTool } from './open-texts.js';
import { drawItem, forceItem, itemIndex, sizeScore, type Respondent } from './respondent.js';

/** What a generator returns: one value, the items of a matrix or multiple numeric or a grid's cells, or nothing (an optional question skipped). */
export type Generated = AnswerValue | { readonly items: Record<string, AnswerValue> } | undefined;
export type QuestionGenerator = (r: Respondent, q: Question) => Generated;

const DONT_KNOW = 9;
const USES = itemIndex('uses_social');
const EREPUTATION = itemIndex('ereputation');
const CRM = itemIndex('crm_enrich');
const SELLING = itemIndex('social_selling');
const ADS = itemIndex('social_ads');
const MEASURES = itemIndex('measures_results');
const POLICY = itemIndex('social_policy');
const NETWORK_ITEMS = [1, 2, 3, 4, 5, 6, 7].map((c) => itemIndex(`networks_${c}`));
const CHALLENGE_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => itemIndex(`challenges_${c}`));

/** A 4-point agreement answer (3, 4 agree) or "don't know", for a modelled item. */
function agreement(r: Respondent, key: string, dontKnowRate: number, inMatrix: boolean): number {
  const item = itemIndex(key);
  const { prng } = r.wave;
  if (inMatrix && r.straightLine > 0) {
    if (r.straightLine !== DONT_KNOW) forceItem(r, item, r.straightLine >= 3);
    return r.straightLine;
  }
  if (prng.chance(dontKnowRate)) return DONT_KNOW;
  if (drawItem(r, item)) return prng.chance(logistic(-0.6 + 0.8 * r.z)) ? 4 : 3;
  return prng.chance(0.3) ? 1 : 2;
}

const matrixDontKnow = (r: Respondent): number => (r.size === 1 ? 0.06 : 0.03);

function matrix(r: Respondent, q: Question): Generated {
  if (q.kind !== 'matrix') return undefined;
  const items: Record<string, number> = {};
  for (const it of q.items) items[it.name] = agreement(r, it.name, matrixDontKnow(r), true);
  return { items };
}

/** Selected codes of a multiple choice, each with its own probability. */
function several(r: Respondent, codes: readonly number[], probabilities: readonly number[]): number[] {
  const out: number[] = [];
  codes.forEach((c, i) => {
    if (r.wave.prng.chance(probabilities[i])) out.push(c);
  });
  return out;
}

/** An ordered category from a latent score and thresholds (codes 1..thresholds.length + 1). */
function ordered(score: number, thresholds: readonly number[]): number {
  let code = 1;
  for (const t of thresholds) if (score > t) code++;
  return code;
}

const MAIN_NETWORK_WEIGHT = [0, 1, 3, 0.7, 1, 0.5, 0.5, 0.3];

/** The generators of the built-in barometer's questions, by question name. */
export const QUESTION_GENERATORS: Readonly<Record<string, QuestionGenerator>> = {
  consent: () => true,
  company_size: (r) => r.size,
  sector: (r) => r.sector,
  region: (r) => r.region,
  respondent_function: (r) => r.role,
  company_name: (r) => (r.wave.prng.chance(0.45) ? companyName(r.wave.prng) : undefined),
  uses_social: (r) => {
    r.uses = drawItem(r, USES);
    return r.uses ? 1 : 2;
  },
  importance: (r) => agreement(r, 'importance', 0.03, false),
  networks: (r) => {
    const selected: number[] = [];
    NETWORK_ITEMS.forEach((item, c) => {
      if (drawItem(r, item)) selected.push(c + 1);
    });
    if (r.wave.prng.chance(0.03)) {
      selected.push(97);
      r.answers[otherKey('networks')] = otherNetwork(r.wave.prng, r.wave.year);
    }
    if (selected.length === 0) {
      selected.push(2);
      forceItem(r, NETWORK_ITEMS[1], true);
    }
    return selected;
  },
  main_network: (r) => {
    const selected = (r.answers.networks as number[] | undefined) ?? [2];
    const weights = selected.map((c) => (c === 1 ? 1 + sizeScore(r) : c === 2 ? Math.max(0.5, 3 - sizeScore(r)) : (MAIN_NETWORK_WEIGHT[c] ?? 0.3)));
    return selected[r.wave.prng.weighted(weights)];
  },
  presence_years: (r) => ordered(0.5 * sizeScore(r) + 0.6 * r.z + 0.25 * (r.wave.year - 2015) + r.wave.prng.normal() * 0.7, [-0.9, 0.1, 1.1]),
  no_use_reasons: (r) => {
    const reasons = several(r, [1, 2, 3, 4], [0.5, 0.4, 0.3, 0.12]);
    return reasons.length > 0 ? reasons : [98];
  },
  objectives: (r) => {
    const weights = [5, 4, 3, 3.5, 2, 1.5, 0.5 + sizeScore(r)];
    const count = 1 + r.wave.prng.int(3);
    const chosen: number[] = [];
    while (chosen.length < count) {
      const c = r.wave.prng.weighted(weights);
      weights[c] = 0;
      chosen.push(c + 1);
    }
    return chosen.sort((a, b) => a - b);
  },
  team_size: (r) => {
    const base = [0, 0.3, 1.2, 3.5, 12][r.size];
    const fte = base * Math.exp(0.5 * r.z + 0.5 * r.wave.prng.normal());
    return Math.min(500, Math.round(fte * 10) / 10);
  },
  managed_by: (r) => {
    const s = sizeScore(r) / 1.8;
    return 1 + r.wave.prng.weighted([0.5 - 0.1 * s, 0.15 - 0.05 * s, 0.1 + 0.35 * s, 0.25 - 0.2 * s]);
  },
  budget_trend: (r) => [1, 2, 3, 9][r.wave.prng.weighted([0.4 + 0.1 * logistic(r.z), 0.4, 0.06, 0.1])],
  budget_share: (r) => (r.wave.prng.chance(0.55) ? Math.min(100, Math.round(8 * Math.exp(0.7 * r.wave.prng.normal()))) : undefined),
  ereputation: (r) => (drawItem(r, EREPUTATION) ? (r.wave.prng.chance(logistic(-1.2 + 0.9 * sizeScore(r) + 0.5 * r.z)) ? 1 : 2) : 3),
  relation: matrix,
  crm_enrich: (r) => (drawItem(r, CRM) ? (r.wave.prng.chance(0.3) ? 1 : 2) : r.wave.prng.chance(logistic(-0.8 + 0.5 * r.z)) ? 3 : 4),
  response_time: (r) => ordered(-(0.4 * sizeScore(r) + 0.7 * r.z) + r.wave.prng.normal(), [-1.2, 0.2, 1.1, 2]),
  social_selling: (r) => (drawItem(r, SELLING) ? (r.wave.prng.chance(0.4) ? 1 : 2) : r.wave.prng.chance(0.35) ? 3 : 4),
  social_ads: (r) => (drawItem(r, ADS) ? 1 : 2),
  measures_results: (r) => (drawItem(r, MEASURES) ? (r.wave.prng.chance(logistic(-0.8 + 0.9 * sizeScore(r) + 0.5 * r.z)) ? 1 : 2) : 3),
  kpis: (r) => {
    const kpis = several(r, [1, 2, 3, 4, 5, 6, 7], [0.8, 0.7, 0.55, 0.35, 0.3, 0.25, 0.2]);
    return kpis.length > 0 ? kpis : [1];
  },
  measure_tools: (r) => {
    const tools = several(r, [1, 2, 3, 4, 5], [0.7, 0.45, 0.5, 0.25, 0.2]);
    if (r.wave.prng.chance(0.05) || tools.length === 0) {
      tools.push(97);
      r.answers[otherKey('measure_tools')] = otherTool(r.wave.prng);
    }
    return tools;
  },
  challenges: (r) => {
    const selected: number[] = [];
    CHALLENGE_ITEMS.forEach((item, c) => {
      if (drawItem(r, item)) selected.push(c + 1);
    });
    return selected.length > 0 ? selected : [98];
  },
  internal: matrix,
  social_policy: (r) => (drawItem(r, POLICY) ? 1 : r.wave.prng.chance(0.3) ? 2 : 3),
  outlook: (r) => (r.wave.prng.chance(0.05) ? 9 : ordered(0.8 * r.z + 0.3 * (r.uses ? 1 : -1) + r.wave.prng.normal(), [-2.6, -1.8, -0.3, 0.8])),
  comments: (r) => (r.wave.prng.chance(0.09) ? comment(r.wave.prng) : undefined),
};

/** A valid answer to a question the model does not know (a later version of the study). */
export function genericAnswer(r: Respondent, q: Question): Generated {
  const { prng } = r.wave;
  switch (q.kind) {
    case 'single':
      return prng.pick(q.options).code;
    case 'multiple':
      return [prng.pick(q.options).code];
    case 'scale':
      return prng.pick(q.points).code;
    case 'matrix':
      return { items: Object.fromEntries(q.items.map((it) => [it.name, prng.pick(q.points).code])) };
    case 'number': {
      const lo = q.min ?? 0,
        hi = q.max ?? lo + 10;
      return q.integer ? Math.round(lo + prng.next() * (hi - lo)) : lo + Math.round(prng.next() * (hi - lo) * 10) / 10;
    }
    case 'text':
      return q.required ? 'Réponse' : undefined;
    case 'consent':
      return true;
    case 'date':
      return dayBetween(q.min, q.max, prng);
    case 'numbers': {
      const lo = q.min ?? 0,
        hi = q.max ?? lo + 10;
      const shares =
        q.total !== undefined
          ? splitTotal(q.items.length, q.total, q, prng)
          : q.items.map(() => (q.integer ? Math.round(lo + prng.next() * (hi - lo)) : lo + Math.round(prng.next() * (hi - lo) * 10) / 10));
      return shares ? { items: Object.fromEntries(q.items.map((item, k) => [numbersItemKey(q, item), shares[k]])) } : undefined;
    }
    case 'textgrid':
      return q.required ? { items: Object.fromEntries(textGridCells(q).map((cell) => [cell.key, 'Réponse'.slice(0, q.maxLength)])) } : undefined;
    case 'ranking': {
      // the first `maxRanked` options of a random order get ranks 1, 2, …
      const order = q.options.map((o) => o.code);
      for (let k = order.length - 1; k > 0; k--) {
        const j = prng.int(k + 1);
        [order[k], order[j]] = [order[j]!, order[k]!];
      }
      const { max } = rankingBounds(q);
      return { items: Object.fromEntries(order.slice(0, max).map((code, k) => [rankKey(q.name, code), k + 1])) };
    }
    case 'info':
      return undefined;
  }
}
