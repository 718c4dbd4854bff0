import { z } from 'zod';
import { ESTIMATOR_ESTIMATES, ESTIMATOR_KINDS } from './reference-cases-estimators.js';

/**
 * The case format of test/fixtures/r-reference/README.md, strict: every key and value the computation
 * understands, nothing else. An option the engine does not compute (a linear calibration, the Wald chi-square,
 * an interval by domain, a misspelt design key) is refused rather than silently approximated. Every option
 * accepted here is covered by an R reference case (test/stats-reference.test.ts checks it).
 */
const name = z.string().min(1, 'a column name is required');
/** optional keys may be written null (jsonlite writes absent values that way) */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

export const ZCaseDesign = z.strictObject({
  weights: name,
  ids: optional(name),
  strata: optional(name),
  fpc: optional(name),
  filter: optional(z.record(z.string(), z.union([z.string(), z.number()]).transform(String))),
});

const ZMargin = z.strictObject({
  variable: name,
  population: z.record(z.string(), z.number().nonnegative('a population count is 0 or more')),
});

// --- calibration (issue 21 item 3): R's calibrate with numeric totals, a population size and bounds on g ---
/** Bounds [L, U] of the weight ratio g = w/w0 (R's `bounds`): 0 ≤ L < 1 < U. */
const ZBounds = z.tuple([z.number().nonnegative(), z.number()]).refine(([l, u]) => l < 1 && u > 1, 'bounds [L, U] need 0 ≤ L < 1 < U');
/** What a calibration meets: margins (counts per level), numeric totals, the population size (R's intercept). */
const calibrationTargets = {
  margins: optional(z.array(ZMargin)),
  totals: optional(z.record(z.string().min(1), z.number().refine(Number.isFinite, 'a total is a finite number'))),
  populationSize: optional(z.number().positive('the population size is above 0')),
};
const needsTargets = (c: { margins?: unknown[]; totals?: Record<string, number>; populationSize?: number }) =>
  (c.margins?.length ?? 0) > 0 || Object.keys(c.totals ?? {}).length > 0 || c.populationSize !== undefined;
const TARGETS_REQUIRED = { message: 'calibration needs at least one margin, total or populationSize', path: ['margins'] };

export const ZCaseCalibration = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('rake'), ...calibrationTargets, bounds: optional(ZBounds) }).refine(needsTargets, TARGETS_REQUIRED),
    z.strictObject({ type: z.literal('linear'), ...calibrationTargets, bounds: optional(ZBounds) }).refine(needsTargets, TARGETS_REQUIRED),
    z
      .strictObject({ type: z.literal('logit'), ...calibrationTargets, bounds: ZBounds.refine(([, u]) => Number.isFinite(u), 'logit bounds need a finite U') })
      .refine(needsTargets, TARGETS_REQUIRED),
    z.strictObject({
      type: z.literal('poststratify'),
      margins: z.array(ZMargin).length(1, 'post-stratification is on exactly one margin (several margins: use "rake")'),
    }),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `calibration type ${JSON.stringify((issue.input as { type?: unknown })?.type)} is not computed (computed: "rake", "poststratify", "linear", "logit")`
        : undefined,
  },
);
// --- end of calibration ---

export const ZCaseEstimate = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('mean'), variable: name, by: optional(name), deff: optional(z.boolean()) }),
    z.strictObject({ kind: z.literal('total'), variable: name, by: optional(name), deff: optional(z.boolean()) }),
    z.strictObject({ kind: z.literal('proportion'), variable: name, by: optional(name), deff: optional(z.boolean()) }),
    z.strictObject({
      kind: z.literal('ciprop'),
      variable: name,
      level: z.string(),
      method: optional(z.enum(['logit', 'beta', 'asin', 'wald'])),
      conf: optional(z.number().gt(0, 'conf is a level between 0 and 1').lt(1, 'conf is a level between 0 and 1')),
    }),
    z.strictObject({ kind: z.literal('chisq'), rows: name, cols: name, statistic: optional(z.enum(['F', 'Chisq'])) }),
    z.strictObject({ kind: z.literal('weights') }),
    ...ESTIMATOR_ESTIMATES,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `estimate kind ${JSON.stringify((issue.input as { kind?: unknown })?.kind)} is not computed (computed: "mean", "total", "proportion", "ciprop", "chisq", "weights", ${ESTIMATOR_KINDS.map((k) => `"${k}"`).join(', ')})`
        : undefined,
  },
);

export const ZReferenceCase = z.strictObject({
  id: z.string().min(1),
  data: z.string().min(1),
  design: ZCaseDesign,
  calibration: optional(ZCaseCalibration),
  estimate: ZCaseEstimate,
  // informative, not read
  result: z.unknown().optional(),
  error: z.unknown().optional(),
  note: z.unknown().optional(),
  description: z.unknown().optional(),
});

export type CaseDesign = z.output<typeof ZCaseDesign>;
export type CaseCalibration = z.output<typeof ZCaseCalibration>;
export type CaseEstimate = z.output<typeof ZCaseEstimate>;
export type ParsedCase = z.output<typeof ZReferenceCase>;

/**
 * Checks one case against the format. Returns the parsed case, or a message naming the case and each option
 * refused, e.g. `case "x": design: unknown key "stratum"; calibration.type: ...`.
 * @example parseCase({ id: 'x', data: 'd.csv', estimate: { kind: 'mean', variable: 'y' } }, 0)
 * // { ok: false, message: 'case "x": design: required (the design of the case: {"weights": ...})' }
 */
export function parseCase(raw: unknown, index: number): { ok: true; value: ParsedCase } | { ok: false; message: string } {
  const label = caseLabel(raw, index);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, message: `${label}: a case is a JSON object` };
  const parsed = ZReferenceCase.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'case';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${where === 'case' ? '' : `${where}: `}unknown ${where === 'case' ? 'case key' : 'option'} "${key}" (not computed, refused)`).join('; ');
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return `${where}: required${where === 'design' ? ' (the design of the case: {"weights": "column", "strata"?, "ids"?, "fpc"?, "filter"?})' : ''}`;
    }
    if (issue.code === 'invalid_value') return `${where}: ${JSON.stringify(issue.input)} is not computed (computed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
    return `${where}: ${issue.message}`;
  });
  return { ok: false, message: `${label}: ${problems.join('; ')}` };
}

function caseLabel(raw: unknown, index: number): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? `case "${id}"` : `case ${index + 1} (no id)`;
}
