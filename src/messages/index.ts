export type { MessageKey, Messages } from './en.js';
export { frenchTypography } from './french-typography.js';
export { DEFAULT_LANG, hasCatalogue, interfaceLanguage, isLang, languageName, LANGS, type Lang } from './lang.js';
export { catalogue, pluralCategory, t, type MessageParams } from './t.js';
export { quote, typography } from './typography.js';
