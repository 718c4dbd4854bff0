import type { Study } from './study.js';

/**
 * The study with every label's texts in the order default language first, then the declared order. A label
 * read in a language the study lacks falls back to its first text (`labelIn`), so after this that fallback
 * is the study's default language: results, reports and pages built from the study's labels show
 * `contentLanguage(study, requested)` without carrying the study along. Texts are not changed, only the
 * order of keys; objects that are not labels (whose keys are not exactly the study's languages) are kept.
 */
export function defaultLanguageFirst(study: Study): Study {
  const order = [study.defaultLanguage ?? study.languages[0]!, ...study.languages.filter((l) => l !== (study.defaultLanguage ?? study.languages[0]))];
  const languages = new Set(order);
  const isLabel = (value: Record<string, unknown>) => {
    const keys = Object.keys(value);
    return keys.length === languages.size && keys.every((k) => languages.has(k) && typeof value[k] === 'string');
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    if (isLabel(record)) return Object.fromEntries(order.map((l) => [l, record[l]]));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, walk(v)]));
  };
  return walk(study) as Study;
}
