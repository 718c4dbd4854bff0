import type { Condition } from '../study/index.js';
import type { Mapped } from './lss-questions.js';

// Map conditions: a LimeSurvey relevance equation (ExpressionScript) becomes a display condition when it
// stays in the common subset, read term by term against the questions already mapped (by LimeSurvey title):
//
//   Q1 == "A2" and !is_empty(Q3) and Q4_SQ002 == "Y"
//   └─ equals(single/scale, code)   └─ answered(Q3)   └─ equals(multiple Q4, option of SQ002)
//   → { op: 'and', conditions: [ … ] }      (one kind of and / or; anything else: null, and a warning)

/**
 * Reads a relevance equation of the common subset: terms `Q == "A1"` (or `Q.NAOK`, single quotes, numbers),
 * `Q_SQ001 == "Y"` for a multiple choice's option, `!is_empty(Q)`, joined by one kind of `and` / `or`.
 * Returns null when the equation is outside it.
 */
export function relevanceCondition(expression: string, mapped: ReadonlyMap<string, Mapped>): Condition | null {
  const text = expression
    .trim()
    .replace(/^\((.*)\)$/s, '$1')
    .trim();
  const parts = text.split(/\s+(and|or|&&|\|\|)\s+/i);
  const ops = parts.filter((_, k) => k % 2 === 1).map((o) => (o === '&&' || o.toLowerCase() === 'and' ? 'and' : 'or'));
  if (new Set(ops).size > 1) return null;
  const terms: Condition[] = [];
  for (const raw of parts.filter((_, k) => k % 2 === 0)) {
    const term = raw
      .trim()
      .replace(/^\((.*)\)$/s, '$1')
      .trim();
    const empty = /^!\s*is_empty\(\s*([A-Za-z0-9_]+?)(?:\.NAOK)?\s*\)$/.exec(term);
    if (empty) {
      const q = mapped.get(empty[1]);
      if (!q) return null;
      terms.push({ op: 'answered', question: q.name });
      continue;
    }
    const eq = /^([A-Za-z0-9_]+?)(?:\.NAOK)?\s*(?:==|eq)\s*(?:"([^"]*)"|'([^']*)'|(\d+))$/.exec(term);
    if (!eq) return null;
    const value = eq[2] ?? eq[3] ?? eq[4];
    const direct = mapped.get(eq[1]);
    if (direct && (direct.kind === 'single' || direct.kind === 'scale')) {
      const code = direct.codes.get(value);
      if (code === undefined) return null;
      terms.push({ op: 'equals', question: direct.name, value: code });
      continue;
    }
    const sep = eq[1].lastIndexOf('_');
    const parent = sep > 0 ? mapped.get(eq[1].slice(0, sep)) : undefined;
    const option = parent?.sub.get(eq[1].slice(sep + 1));
    if (parent?.kind === 'multiple' && typeof option === 'number' && value === 'Y') {
      terms.push({ op: 'equals', question: parent.name, value: option });
      continue;
    }
    return null;
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? terms[0] : { op: ops[0] as 'and' | 'or', conditions: terms };
}
