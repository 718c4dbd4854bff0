export { DEFAULT_LANG, frenchTypography, isLang, LANGS, t, type Lang, type MessageKey, type MessageParams, type Messages } from '../../messages/index.js';
export { LANG_PREFIXES, langOfUrl, localizedPath, stripLangPrefix } from './localized-path.js';
