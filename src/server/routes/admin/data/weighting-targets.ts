import { AppError } from '../../../../app-error.js';
import { MISSING_POLICIES, type MissingPolicy, type PopulationTargets } from '../../../../analysis/population-targets.js';
import { marginQuestions, type SingleQuestion, type Study } from '../../../../study/index.js';

/** Variables a margin may use: the study's weighting margins (`margins` in the study document). */
export function marginCandidates(study: Study): SingleQuestion[] {
  return marginQuestions(study);
}

const number = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : Number(text.replace(/[\s\u00A0\u202F]/g, '').replace(',', '.')));

/**
 * Targets from the editor's fields: `use_<variable>` ticks a margin, `pop_<variable>_<code>` its counts
 * (blank or 0 levels left out), `missing_<variable>` the policy for respondents without an answer (MissingPolicy,
 * `impute` when absent) and `notstated_<variable>` the count of its « not stated » category (read only with that
 * policy, where it is required), `source`, `trim_lower` and `trim_upper` (bounds of the weights as multiples of the
 * mean weight, 0 < lower < 1 < upper: bounded raking).
 */
export function targetsFromForm(study: Study, form: Readonly<Record<string, string>>): PopulationTargets {
  const margins = marginCandidates(study)
    .filter((q) => form[`use_${q.name}`] === 'on')
    .map((q) => ({
      variable: q.name,
      targets: q.options.flatMap((o) => {
        const population = number(form[`pop_${q.name}_${o.code}`]);
        if (population !== undefined && !(population >= 0)) throw new AppError('INVALID_INPUT', `${q.name} ${o.code}: not a population count`);
        return population ? [{ code: o.code, population }] : [];
      }),
      ...missingPolicy(q.name, form),
    }));
  const lower = number(form.trim_lower);
  const upper = number(form.trim_upper);
  if ((lower === undefined) !== (upper === undefined)) throw new AppError('INVALID_INPUT', 'trim_lower, trim_upper: give both weight bounds, or neither');
  if (lower !== undefined && upper !== undefined && !(lower > 0 && lower < 1 && upper > 1))
    throw new AppError('INVALID_INPUT', `trim_lower, trim_upper: weight bounds [${lower}, ${upper}] need a lower bound above 0 and below 1 and an upper bound above 1`);
  const source = form.source?.trim();
  return {
    ...(source ? { source: source.slice(0, 500) } : {}),
    margins,
    ...(lower !== undefined && upper !== undefined ? { trimming: { lower, upper } } : {}),
  };
}

/** The missing-value policy of one margin from `missing_<variable>` and `notstated_<variable>`. */
function missingPolicy(variable: string, form: Readonly<Record<string, string>>): { missing?: MissingPolicy; notStated?: number } {
  const policy = form[`missing_${variable}`] ?? 'impute';
  if (!(MISSING_POLICIES as readonly string[]).includes(policy))
    throw new AppError('INVALID_INPUT', `missing_${variable}: "${policy.slice(0, 20)}" is not one of ${MISSING_POLICIES.join(', ')}`);
  if (policy === 'impute') return {};
  if (policy !== 'notStated') return { missing: policy as MissingPolicy };
  const notStated = number(form[`notstated_${variable}`]);
  if (notStated === undefined || !(notStated > 0)) throw new AppError('INVALID_INPUT', `notstated_${variable}: the « not stated » category needs a population count above 0`);
  return { missing: 'notStated', notStated };
}

/** Margins from CSV text: `variable,code,population` per line (a header line is allowed). */
export function targetsFromCsv(study: Study, text: string): PopulationTargets['margins'] {
  const known = new Map(marginCandidates(study).map((q) => [q.name, new Set(q.options.map((o) => o.code))]));
  const margins = new Map<string, { code: number; population: number }[]>();
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || /^variable\s*[,;]/i.test(trimmed)) return;
    const [variable = '', code = '', population = ''] = trimmed.split(/\s*[,;\t]\s*/);
    const where = `line ${index + 1}`;
    const codes = known.get(variable);
    if (!codes) throw new AppError('INVALID_INPUT', `${where}: "${variable.slice(0, 40)}" is not a profile variable of the study`, { line: index + 1 });
    if (!codes.has(Number(code))) throw new AppError('INVALID_INPUT', `${where}: ${variable} has no code "${code.slice(0, 20)}"`, { line: index + 1 });
    const count = number(population);
    if (count === undefined || !(count > 0)) throw new AppError('INVALID_INPUT', `${where}: the population must be a number above 0`, { line: index + 1 });
    margins.set(variable, [...(margins.get(variable) ?? []), { code: Number(code), population: count }]);
  });
  if (margins.size === 0) throw new AppError('INVALID_INPUT', 'no target in the file');
  return [...margins].map(([variable, targets]) => ({ variable, targets }));
}
