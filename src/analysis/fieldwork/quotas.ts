import { z } from 'zod';
import { AppError } from '../../app-error.js';

/** Fieldwork quotas kept in `waves.quotas`: a target count of complete responses per profile segment. */
const ZSegment = z.strictObject({ variable: z.string().regex(/^[a-z][a-z0-9_]*$/), code: z.number().int().min(0), target: z.number().int().min(1) });
export const ZQuotas = z.strictObject({ segments: z.array(ZSegment).default([]) });
export type Quotas = z.infer<typeof ZQuotas>;

export function readQuotas(value: unknown): Quotas {
  const parsed = ZQuotas.safeParse(value ?? { segments: [] });
  return parsed.success ? parsed.data : { segments: [] };
}

/** Parses the editor's text: one `variable,code,target` per line; blank lines and `#` comments skipped. */
export function parseQuotaLines(text: string): Quotas {
  const segments: Quotas['segments'] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || /^variable\s*,/i.test(trimmed)) return;
    const [variable, code, target] = trimmed.split(/\s*[,;]\s*/);
    const parsed = ZSegment.safeParse({ variable, code: Number(code), target: Number(target) });
    if (!parsed.success) throw new AppError('INVALID_INPUT', `quotas line ${index + 1}: expected variable,code,target (got "${trimmed.slice(0, 80)}")`, { line: index + 1 });
    segments.push(parsed.data);
  });
  return { segments };
}

export function quotaLines(quotas: Quotas): string {
  return quotas.segments.map((s) => `${s.variable},${s.code},${s.target}`).join('\n');
}
