export { frenchTypography } from '../../study/french-typography.js';
export { DEFAULT_LANG, isLang, LANGS, type Lang } from '../../report/format/lang.js';
export { en } from './en.js';
export { fr, type MessageKey, type Messages } from './fr.js';
export { langOfUrl, localizedPath, stripLangPrefix } from './localized-path.js';
export { t, type MessageParams } from './t.js';
