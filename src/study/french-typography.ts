/** French typography now lives with the messages (the leaf part every other part may import). */
export { frenchTypography } from '../messages/french-typography.js';
