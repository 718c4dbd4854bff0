import { SOCIAL_MEDIA_BAROMETER } from './studies/social-media-barometer/study.js';
import type { StudyInput } from './study.js';

/** The studies the product ships with. */
export const BUILT_IN_STUDIES: readonly StudyInput[] = [SOCIAL_MEDIA_BAROMETER];
