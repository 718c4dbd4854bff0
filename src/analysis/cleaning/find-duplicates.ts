import type { CleaningFlag, CleaningInput } from './cleaning-flag.js';
import { DEFAULT_CLEANING_SETTINGS, type CleaningSettings } from './cleaning-settings.js';

const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
const domainOf = (email: string | null) =>
  email?.includes('@')
    ? email
        .slice(email.lastIndexOf('@') + 1)
        .trim()
        .toLowerCase()
    : '';

/** An answer that says nothing: absent, null, an empty text or an empty selection. */
const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
/** The non-empty answers as [key, canonical JSON of the value], keys sorted, so key order never matters. */
const answered = (answers: Readonly<Record<string, unknown>>): [string, string][] =>
  Object.keys(answers)
    .filter((k) => !isEmpty(answers[k]))
    .sort()
    .map((k) => [k, JSON.stringify(answers[k])]);

function groups<T extends { id: number }>(rows: readonly T[], keyOf: (r: T) => string | undefined): T[][] {
  const byKey = new Map<string, T[]>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === undefined) continue;
    const group = byKey.get(key);
    if (group) group.push(r);
    else byKey.set(key, [r]);
  }
  return [...byKey.values()].filter((group) => group.length > 1);
}

/**
 * The probability that at least one of `others` respondents gives exactly these answers by chance, when each
 * answer is drawn independently from its observed shares among the `n` compared responses (an empty answer is a
 * value of its own): 1 − (1 − P)^others with P = ∏ share(key, value). Independence overstates how unlikely a
 * coincidence is when answers are correlated, which is why a minimum number of answers comes with it.
 */
function coincidenceProbability(vector: ReadonlyMap<string, string>, shares: ReadonlyMap<string, ReadonlyMap<string, number>>, n: number, others: number): number {
  let logP = 0;
  for (const [key, counts] of shares) logP += Math.log((counts.get(vector.get(key) ?? '') ?? 0) / n);
  return -Math.expm1(others * Math.log1p(-Math.exp(logP)));
}

/**
 * Duplicates among complete responses: the same company (normalised name) and e-mail domain, or the same
 * non-empty answers to every question. Identical answers are flagged only when at least
 * `duplicateMinAnswers` answers are compared and a chance coincidence is at most `duplicateMaxProbability`
 * likely, so a short questionnaire answered by many does not flag respondents who merely agree.
 * Each response of a group is flagged with the ids of the others. O(responses × variables).
 */
export function findDuplicates(
  responses: readonly CleaningInput[],
  settings: Pick<CleaningSettings, 'identicalAnswers' | 'duplicateMinAnswers' | 'duplicateMaxProbability'> = DEFAULT_CLEANING_SETTINGS,
): Map<number, CleaningFlag[]> {
  const complete = responses.filter((r) => r.status === 'complete');
  const out = new Map<number, CleaningFlag[]>();
  const add = (id: number, flag: CleaningFlag) => out.set(id, [...(out.get(id) ?? []), Object.freeze(flag)]);
  const others = (ids: readonly number[], id: number) => Object.freeze(ids.filter((x) => x !== id));

  for (const group of groups(complete, (r) => (r.company && domainOf(r.email) ? `${normalise(r.company)}\u0000${domainOf(r.email)}` : undefined))) {
    const ids = group.map((r) => r.id);
    for (const id of ids) add(id, { kind: 'duplicate', rule: 'company-domain', with: others(ids, id) });
  }
  if (!settings.identicalAnswers) return out;

  const vectors = complete.map((r) => ({ id: r.id, answered: answered(r.answers) }));
  const shares = new Map<string, Map<string, number>>();
  for (const v of vectors) for (const [key] of v.answered) if (!shares.has(key)) shares.set(key, new Map());
  for (const v of vectors) {
    const vector = new Map(v.answered);
    for (const [key, counts] of shares) {
      const value = vector.get(key) ?? '';
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  const candidates = groups(vectors, (v) => (v.answered.length >= settings.duplicateMinAnswers ? JSON.stringify(v.answered) : undefined));
  for (const group of candidates) {
    const first = group[0]!;
    const probability = coincidenceProbability(new Map(first.answered), shares, vectors.length, vectors.length - 1);
    if (probability > settings.duplicateMaxProbability) continue;
    const ids = group.map((v) => v.id);
    for (const id of ids) add(id, { kind: 'duplicate', rule: 'identical-answers', with: others(ids, id), answers: first.answered.length, probability });
  }
  return out;
}
