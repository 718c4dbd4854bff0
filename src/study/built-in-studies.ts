import { ENERGY_MOBILITY_BAROMETER } from './studies/energy-mobility-barometer/study.js';
import { SOCIAL_MEDIA_BAROMETER } from './studies/social-media-barometer/study.js';
import type { StudyInput } from './study.js';

/** The studies the product ships with: the first is the one tools and tests reach for by default. */
export const BUILT_IN_STUDIES: readonly StudyInput[] = [SOCIAL_MEDIA_BAROMETER, ENERGY_MOBILITY_BAROMETER];
