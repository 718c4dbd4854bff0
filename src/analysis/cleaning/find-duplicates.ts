import type { CleaningFlag, CleaningInput } from './cleaning-flag.js';

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
/** Answers as canonical JSON (keys sorted), so key order never matters. */
const canonical = (answers: Readonly<Record<string, unknown>>) =>
  JSON.stringify(
    Object.keys(answers)
      .sort()
      .map((k) => [k, answers[k]]),
  );

function groups(responses: readonly CleaningInput[], keyOf: (r: CleaningInput) => string | undefined): number[][] {
  const byKey = new Map<string, number[]>();
  for (const r of responses) {
    const key = keyOf(r);
    if (key === undefined) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), r.id]);
  }
  return [...byKey.values()].filter((ids) => ids.length > 1);
}

/**
 * Duplicates among complete responses: the same company (normalised name) and e-mail domain, or the
 * same answers to every question. Each response of a group is flagged with the ids of the others.
 */
export function findDuplicates(responses: readonly CleaningInput[]): Map<number, CleaningFlag[]> {
  const complete = responses.filter((r) => r.status === 'complete');
  const out = new Map<number, CleaningFlag[]>();
  const flag = (rule: 'company-domain' | 'identical-answers', ids: number[]) => {
    for (const id of ids) out.set(id, [...(out.get(id) ?? []), Object.freeze({ kind: 'duplicate', rule, with: Object.freeze(ids.filter((x) => x !== id)) })]);
  };
  for (const ids of groups(complete, (r) => (r.company && domainOf(r.email) ? `${normalise(r.company)}\u0000${domainOf(r.email)}` : undefined))) flag('company-domain', ids);
  for (const ids of groups(complete, (r) => (Object.keys(r.answers).length > 0 ? canonical(r.answers) : undefined))) flag('identical-answers', ids);
  return out;
}
