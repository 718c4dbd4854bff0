export { DEFAULT_LANG, isLang, LANGS, type Lang } from '../../messages/index.js';
