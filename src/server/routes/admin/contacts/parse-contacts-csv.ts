import { z } from 'zod';
import { CsvSyntaxError, csvRecordsSync } from '../../../../analysis/read-csv.js';
import type { JsonObject } from '../../../../store/index.js';

export interface ContactRow {
  readonly line: number;
  readonly email: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly profile: JsonObject | null;
}

export interface ContactRejection {
  readonly line: number;
  readonly column: string | null;
  readonly code: 'FIELD_COUNT' | 'INVALID_EMAIL' | 'DUPLICATE_EMAIL' | 'TOO_LONG' | 'UNCLOSED_QUOTE' | 'NO_EMAIL_COLUMN' | 'TOO_MANY_ROWS';
  readonly message: string;
}

export interface ParsedContacts {
  readonly kind: 'contacts-csv';
  readonly rows: readonly ContactRow[];
  readonly rejected: readonly ContactRejection[];
}

export const MAX_CONTACT_ROWS = 50_000;
const MAX_FIELD = 500;
const ALIASES: Readonly<Record<string, 'email' | 'name' | 'company'>> = {
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  courriel: 'email',
  name: 'name',
  nom: 'name',
  'full name': 'name',
  'nom complet': 'name',
  company: 'company',
  entreprise: 'company',
  société: 'company',
  societe: 'company',
  organisation: 'company',
  organization: 'company',
};
const ZEmail = z.email();

/** The records of CSV text with the line each starts on, blank lines left out (through the project's one CSV reader). */
function records(text: string, separator: string): { line: number; fields: string[] }[] | { unclosedAt: number } {
  try {
    return csvRecordsSync(text, separator)
      .filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''))
      .map((r) => ({ line: r.line, fields: r.cells }));
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { unclosedAt: error.line };
    throw error;
  }
}

const cell = (value: string | undefined) => {
  const v = (value ?? '').replace(/[\u0000-\u001F\u007F]/g, ' ').trim();
  return v === '' ? null : v;
};

/**
 * Reads a contact list: a header with an `email` column (also e-mail, courriel), optional name and
 * company columns, every other column a profile field. Each bad line is rejected with its line number
 * and reason (wrong field count, invalid or repeated e-mail, field over 500 characters); good lines are kept.
 */
export function parseContactsCsv(text: string): ParsedContacts {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const parsed = records(text, separator);
  const rejected: ContactRejection[] = [];
  const done = (rows: ContactRow[]) => Object.freeze({ kind: 'contacts-csv' as const, rows, rejected });
  if (!Array.isArray(parsed)) {
    rejected.push({ line: parsed.unclosedAt, column: null, code: 'UNCLOSED_QUOTE', message: `line ${parsed.unclosedAt}: a quoted field is never closed` });
    return done([]);
  }
  const [header, ...data] = parsed;
  const names = (header?.fields ?? []).map((h) => h.trim());
  const roles = names.map((h) => ALIASES[h.toLowerCase()]);
  const emailAt = roles.indexOf('email');
  if (emailAt < 0) {
    rejected.push({ line: header?.line ?? 1, column: null, code: 'NO_EMAIL_COLUMN', message: 'the header has no email column' });
    return done([]);
  }
  const seen = new Set<string>();
  const rows: ContactRow[] = [];
  for (const { line, fields } of data) {
    if (rows.length >= MAX_CONTACT_ROWS) {
      rejected.push({ line, column: null, code: 'TOO_MANY_ROWS', message: `line ${line}: more than ${MAX_CONTACT_ROWS} contacts in one file` });
      break;
    }
    if (fields.length !== names.length) {
      rejected.push({ line, column: null, code: 'FIELD_COUNT', message: `line ${line}: ${fields.length} fields, the header has ${names.length}` });
      continue;
    }
    const long = fields.findIndex((f) => f.length > MAX_FIELD);
    if (long >= 0) {
      rejected.push({ line, column: names[long]!, code: 'TOO_LONG', message: `line ${line}: ${names[long]} is longer than ${MAX_FIELD} characters` });
      continue;
    }
    const email = (cell(fields[emailAt]) ?? '').toLowerCase();
    if (!ZEmail.safeParse(email).success) {
      rejected.push({ line, column: names[emailAt]!, code: 'INVALID_EMAIL', message: `line ${line}: "${email.slice(0, 80)}" is not an e-mail address` });
      continue;
    }
    if (seen.has(email)) {
      rejected.push({ line, column: names[emailAt]!, code: 'DUPLICATE_EMAIL', message: `line ${line}: ${email} appears earlier in the file` });
      continue;
    }
    seen.add(email);
    const profile: JsonObject = {};
    names.forEach((n, i) => {
      if (roles[i] || n === '' || n === '__proto__' || n === 'constructor' || n === 'prototype') return;
      const v = cell(fields[i]);
      if (v !== null) profile[n] = /^-?\d{1,9}$/.test(v) ? Number(v) : v;
    });
    const at = (role: 'name' | 'company') => (roles.indexOf(role) >= 0 ? cell(fields[roles.indexOf(role)]) : null);
    rows.push(Object.freeze({ line, email, name: at('name'), company: at('company'), profile: Object.keys(profile).length ? profile : null }));
  }
  return done(rows);
}
