import type { z } from 'zod';
import { catalogue, pluralCategory, t, type Lang, type MessageKey, type MessageParams } from '../messages/index.js';
import type { StudyIssue } from './validate-study.js';

/** A study error in words of the catalogues: its message key and the values of its placeholders. */
export interface IssueWords {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

type ZodIssue = z.ZodError['issues'][number];

/**
 * The schema's own messages (`.min(2, 'a scale needs at least 2 points')`, the accent colour's contrast…) are
 * the English texts of the `study.schema.*` keys: each template read as a pattern whose `{placeholders}` capture
 * the values, so that a message of the schema finds its key and its parameters.
 */
const SCHEMA_MESSAGES: readonly { key: MessageKey; names: readonly string[]; pattern: RegExp }[] = (Object.entries(catalogue('en')) as [MessageKey, string][])
  .filter(([key]) => key.startsWith('study.schema.'))
  .map(([key, template]) => {
    const names: string[] = [];
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '(.+?)';
      })
      .join('');
    return { key, names, pattern: new RegExp(`^${source}$`, 's') };
  });

/** The key and parameters of a message the study schema gives itself, or undefined for zod's own words. */
export function schemaMessageWords(message: string): IssueWords | undefined {
  for (const { key, names, pattern } of SCHEMA_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return { key, params: Object.fromEntries(names.map((name, k) => [name, match[k + 1]!])) };
  }
  return undefined;
}

const EXPECTED: Readonly<Record<string, MessageKey>> = {
  string: 'study.zod.expected.string',
  number: 'study.zod.expected.number',
  int: 'study.zod.expected.int',
  boolean: 'study.zod.expected.boolean',
  object: 'study.zod.expected.object',
  array: 'study.zod.expected.array',
  record: 'study.zod.expected.record',
};

const listed = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ');

/**
 * A zod issue of the study schema in words of the catalogues, by its code: the schema's own message when it
 * gave one, else required (nothing at the path), the expected type, the bounds, the allowed values, the
 * unknown fields. zod's locales are global (`z.config`), so a server answering several languages maps issues
 * itself. `value` is what the document holds at the issue's path.
 */
export function zodIssueWords(issue: ZodIssue, value: unknown): IssueWords {
  const own = schemaMessageWords(issue.message);
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return { key: 'study.zod.required', params: {} };
      return EXPECTED[issue.expected] ? { key: EXPECTED[issue.expected]!, params: {} } : { key: 'study.zod.expected.other', params: { expected: issue.expected } };
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const params: MessageParams = small ? { minimum: bound } : { maximum: bound };
      const stem = small ? 'study.zod.tooSmall' : 'study.zod.tooBig';
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        // the plural follows the bound; English words here, each language's category at rendering (studyIssueText)
        return { key: `${stem}.${issue.origin === 'string' ? 'string' : 'array'}.${bound === 1 ? 'one' : 'other'}` as MessageKey, params };
      }
      return { key: `${stem}.${issue.inclusive === false ? 'numberExclusive' : 'number'}` as MessageKey, params };
    }
    case 'invalid_value':
      return { key: 'study.zod.invalidValue', params: { values: listed(issue.values) } };
    case 'invalid_format':
      return { key: 'study.zod.invalidFormat', params: {} };
    case 'unrecognized_keys':
      return { key: issue.keys.length === 1 ? 'study.zod.unrecognizedKeys.one' : 'study.zod.unrecognizedKeys.other', params: { keys: listed(issue.keys), n: issue.keys.length } };
    case 'invalid_union':
      return { key: 'study.zod.invalidUnion', params: {} };
    default:
      return { key: 'study.zod.invalid', params: {} };
  }
}

/** `.one`/`.other` keys follow the plural category, in the language the text is rendered in, of their bound or count `n`. */
function pluralKey(lang: Lang, key: MessageKey, params: MessageParams): MessageKey {
  const match = /^(.*)\.(one|other)$/.exec(key);
  if (!match) return key;
  const n = Number(params.minimum ?? params.maximum ?? params.n);
  return `${match[1]}.${pluralCategory(lang, n)}` as MessageKey;
}

/** The text of a study error in an interface language: its key's words, or its English message when it has none. */
export function studyIssueText(lang: Lang, issue: StudyIssue): string {
  if (issue.key === undefined) return issue.message;
  return t(lang, pluralKey(lang, issue.key, issue.params ?? {}), issue.params ?? {});
}

/** The errors of a study in an interface language, each with its path: what the editor and the upload report show. */
export function studyIssuesIn(lang: Lang, issues: readonly StudyIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issue.path, message: studyIssueText(lang, issue) }));
}
