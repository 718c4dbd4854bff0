import { frenchTypography } from '../../study/french-typography.js';
import type { Lang } from '../../report/format/lang.js';
import { en } from './en.js';
import { fr, type MessageKey, type Messages } from './fr.js';

function typeset(messages: Messages): Messages {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(messages)) out[key] = frenchTypography(text);
  return Object.freeze(out) as Messages;
}

const CATALOGUES: Readonly<Record<Lang, Messages>> = Object.freeze({ fr: typeset(fr), en: Object.freeze({ ...en }) });

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The interface text for `key` in `lang`, with `{name}` placeholders replaced by `params` (as plain text:
 * escaping happens when the result is interpolated in `html`). French texts come typeset.
 * @throws Error when a placeholder has no value, so a missing parameter never reaches a page unnoticed.
 */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[lang][key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`t: message "${key}" needs the parameter "${name}"`);
    return String(value);
  });
}
