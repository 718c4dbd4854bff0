export { formatDate } from './format-date.js';
export { formatInterval, formatMargin, formatPoints, MINUS } from './format-interval.js';
export { formatMarginOfError } from './format-margin-of-error.js';
export { formatNumber, MISSING, roundHalfAwayFromZero } from './format-number.js';
export { formatPercent } from './format-percent.js';
export { frenchTypography } from '../../messages/index.js';
export { DEFAULT_LANG, isLang, LANGS, type Lang } from './lang.js';
export { NUMBER_CONVENTIONS, type NumberConventions } from './number-conventions.js';
