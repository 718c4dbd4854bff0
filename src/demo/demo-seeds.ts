import type { DemoSeed } from './demo-seed.js';
import { ENERGY_MOBILITY_SEED } from './seeds/energy-mobility-barometer.js';

/** The demo seeds of the built-in studies that the generic generator fills, by study id. */
export const DEMO_SEEDS: Readonly<Record<string, DemoSeed>> = Object.freeze({
  'energy-mobility-barometer': ENERGY_MOBILITY_SEED,
});
