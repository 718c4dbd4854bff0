import type { Answers } from './answers.js';
import { orderKey, type MatrixQuestion, type MultipleQuestion, type Question, type RankingQuestion, type SingleQuestion } from './question.js';

/** A question whose options or items may be shown in a random order. */
export type RandomizableQuestion = SingleQuestion | MultipleQuestion | RankingQuestion | MatrixQuestion;

/** 32-bit FNV-1a of a text: the seed of one question's draw for one respondent. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The keys a question orders, in document order: option codes (as text) or matrix item names. */
export function orderedKeys(question: RandomizableQuestion): string[] {
  return question.kind === 'matrix' ? question.items.map((item) => item.name) : question.options.map((o) => String(o.code));
}

/**
 * The order in which a randomised question shows its options (codes as text) or matrix items (names) to
 * one respondent: a Fisher–Yates shuffle seeded by the respondent's seed (the response's public id) and the
 * question's name, so a reload shows the same order. Exclusive options ("none of these") stay at the end in
 * their document order; "other" and "don't know" are not in the list (they are always shown last).
 * A question that is not randomised keeps its document order.
 */
export function drawOrder(question: RandomizableQuestion, seed: string): string[] {
  const keys = orderedKeys(question);
  if (question.randomize !== true) return keys;
  const fixed = question.kind === 'multiple' ? new Set(question.exclusive.map(String)) : new Set<string>();
  const moving = keys.filter((k) => !fixed.has(k));
  const random = generator(hash(`${seed}\u0000${question.name}`));
  for (let i = moving.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [moving[i], moving[j]] = [moving[j]!, moving[i]!];
  }
  return [...moving, ...keys.filter((k) => fixed.has(k))];
}

/** Whether a recorded order is a permutation of the question's keys. */
export function isOrderOf(question: RandomizableQuestion, order: string): boolean {
  const keys = orderedKeys(question);
  const given = order.split(',');
  return given.length === keys.length && new Set(given).size === keys.length && given.every((k) => keys.includes(k));
}

/**
 * The order to show a question in: the one recorded in the answers (`<name>_order`, a page shown again)
 * when it is valid, else the respondent's draw.
 */
export function shownOrder(question: RandomizableQuestion, seed: string, answers: Answers): string[] {
  const recorded = answers[orderKey(question.name)];
  if (typeof recorded === 'string' && isOrderOf(question, recorded)) return recorded.split(',');
  return drawOrder(question, seed);
}

/** Narrows a question to the kinds that may be randomised. */
export function isRandomizable(question: Question): question is RandomizableQuestion {
  return question.kind === 'single' || question.kind === 'multiple' || question.kind === 'ranking' || question.kind === 'matrix';
}

/** The respondent's order of each randomised question among `questions` (question name -> codes or item names). */
export function questionOrders(questions: readonly Question[], seed: string, answers: Answers): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const q of questions) if (isRandomizable(q) && q.randomize === true) out.set(q.name, shownOrder(q, seed, answers));
  return out;
}
