import { z } from 'zod';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import type { MessageKey } from '../../../messages/index.js';

/** A text field of the lead form: control and bidirectional characters removed, trimmed, bounded. */
const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? pdfText(v, max + 1) : ''), z.string().min(1).max(max));

const ZLeadForm = z.object({
  name: text(200),
  email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.email().max(254)),
  company: text(200),
  jobTitle: text(200),
  companySize: text(120),
});

export interface LeadForm {
  readonly name: string;
  readonly email: string;
  readonly company: string;
  readonly jobTitle: string;
  readonly companySize: string;
  readonly consent: boolean;
  readonly sendEmail: boolean;
}

export type LeadFormResult =
  | { readonly ok: true; readonly form: LeadForm }
  | { readonly ok: false; readonly spam: boolean; readonly errors: Record<string, MessageKey>; readonly values: Partial<LeadForm> };

const one = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);

/**
 * Reads the lead form: the honeypot must be empty, the five fields present and valid (the size one of the
 * study's size bands), the two checkboxes are independent and unticked by default.
 */
export function parseLeadForm(body: unknown, sizes: readonly string[]): LeadFormResult {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const field = (name: string) => { const v = one(raw[name]); return typeof v === 'string' ? v : ''; };
  const values = {
    name: field('name'), email: field('email'), company: field('company'), jobTitle: field('jobTitle'), companySize: field('companySize'),
    consent: field('consent') === 'yes', sendEmail: field('sendEmail') === 'yes',
  };
  if (field('hp-website') !== '') return { ok: false, spam: true, errors: {}, values };
  const parsed = ZLeadForm.safeParse(values);
  const errors: Record<string, MessageKey> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= `whitePaper.error.${String(issue.path[0])}` as MessageKey;
  if (parsed.success && !sizes.includes(parsed.data.companySize)) errors.companySize = 'whitePaper.error.companySize';
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, spam: false, errors, values };
  return { ok: true, form: { ...parsed.data, consent: values.consent, sendEmail: values.sendEmail } };
}
