import { z } from 'zod';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import type { LeadFieldValue } from '../../../store/index.js';
import type { LeadField } from '../../../study/index.js';

/** What is wrong with one control: name and e-mail have their own messages, the study's fields share three. */
export type LeadFormError = 'name' | 'email' | 'required' | 'tooLong' | 'option';

/** The form control of a study's field: prefixed, so no field id can collide with name, email or consent. */
export const leadInputName = (field: Pick<LeadField, 'id'>) => `field_${field.id}`;

export interface LeadForm {
  readonly name: string;
  readonly email: string;
  /** by field id: the text, or the chosen option's code; fields left empty are absent */
  readonly fields: Readonly<Record<string, LeadFieldValue>>;
  readonly consent: boolean;
  readonly sendEmail: boolean;
}

/** What the reader typed, by control name, to fill the form again after an error. */
export interface LeadFormValues {
  readonly inputs?: Readonly<Record<string, string>>;
  readonly consent?: boolean;
  readonly sendEmail?: boolean;
}

export type LeadFormResult =
  | { readonly ok: true; readonly form: LeadForm }
  | { readonly ok: false; readonly spam: boolean; readonly errors: Readonly<Record<string, LeadFormError>>; readonly values: LeadFormValues };

const ERROR_CODES: ReadonlySet<string> = new Set<LeadFormError>(['name', 'email', 'required', 'tooLong', 'option']);
const one = (v: unknown) => (Array.isArray(v) ? v.at(-1) : v);
/** Control and bidirectional characters removed, spaces collapsed, cut one past `max` so a long text fails `max`. */
const cleaned = (max: number) => (v: unknown) => (typeof v === 'string' ? pdfText(v, max + 1) : '');
const presentIf = (required: boolean) => (v: string) => v !== '' || !required;

/** The schema of one of the study's fields; the issue messages are `LeadFormError` codes. */
function fieldSchema(field: LeadField) {
  if (field.options) {
    const codes = new Set(field.options.map((o) => String(o.code)));
    return z.preprocess(
      cleaned(12),
      z
        .string()
        .refine(presentIf(field.required), 'required')
        .refine((v) => v === '' || codes.has(v), 'option')
        .transform((v) => (v === '' ? undefined : Number(v))),
    );
  }
  return z.preprocess(
    cleaned(field.maxLength),
    z
      .string()
      .refine(presentIf(field.required), 'required')
      .max(field.maxLength, 'tooLong')
      .transform((v) => (v === '' ? undefined : v)),
  );
}

/** The lead form's schema for a study: name and e-mail always, then the study's own fields by control name. */
export function leadFormSchema(fields: readonly LeadField[]) {
  return z.object({
    name: z.preprocess(cleaned(200), z.string().min(1, 'name').max(200, 'name')),
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.email('email').max(254, 'email')),
    ...Object.fromEntries(fields.map((f) => [leadInputName(f), fieldSchema(f)])),
  });
}

/**
 * Reads the lead form of a study: the honeypot must be empty, name and e-mail valid, each of the study's
 * fields within its length (a text) or one of its option codes (a choice), present when required. The two
 * checkboxes are independent and unticked by default. Errors are by control name.
 */
export function parseLeadForm(body: unknown, fields: readonly LeadField[]): LeadFormResult {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const text = (name: string) => {
    const v = one(raw[name]);
    return typeof v === 'string' ? v : '';
  };
  const names = ['name', 'email', ...fields.map(leadInputName)];
  const inputs = Object.fromEntries(names.map((n) => [n, text(n)]));
  const values: LeadFormValues = { inputs, consent: text('consent') === 'yes', sendEmail: text('sendEmail') === 'yes' };
  if (text('hp-website') !== '') return { ok: false, spam: true, errors: {}, values };
  const parsed = leadFormSchema(fields).safeParse(inputs);
  if (!parsed.success) {
    const errors: Record<string, LeadFormError> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= ERROR_CODES.has(issue.message) ? (issue.message as LeadFormError) : 'required';
    return { ok: false, spam: false, errors, values };
  }
  const data = parsed.data as Record<string, unknown>;
  const answers: Record<string, LeadFieldValue> = {};
  for (const f of fields) {
    const value = data[leadInputName(f)];
    if (typeof value === 'string' || typeof value === 'number') answers[f.id] = value;
  }
  return { ok: true, form: { name: data.name as string, email: data.email as string, fields: answers, consent: values.consent!, sendEmail: values.sendEmail! } };
}
