export { DEFAULT_LANG, frenchTypography, isLang, LANGS, t, type Lang, type MessageKey, type MessageParams, type Messages } from '../../messages/index.js';
export { langOfUrl, localizedPath, stripLangPrefix } from './localized-path.js';
