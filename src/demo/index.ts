// Public surface of the demo generator.
export { DEMO_DEFAULTS, DEMO_STUDY_ID, demoWavePlan, type DemoWavePlan } from './demo-waves.js';
export { generateDemo, type DemoOptions, type DemoResult, type DemoWaveResult } from './generate-demo.js';
export { generateWave, type GenerateWaveOptions, type WaveSummary } from './generate-wave.js';
export { generateGenericWave, type GenericWaveOptions, type GenericWaveSummary } from './generate-generic-wave.js';
export {
  STUDY_DEMO_DEFAULTS,
  generateStudyDemo,
  type StudyDemoOptions,
  type StudyDemoResult,
  type StudyDemoWaveResult,
} from './generate-study-demo.js';
export { DEMO_SEEDS } from './demo-seeds.js';
export type { DemoSeed } from './demo-seed.js';
export { genericWavePlan, type GenericWavePlan } from './generic-wave-plan.js';
export { waveCodePeriod } from './wave-code-dates.js';
export { POPULATION, POPULATION_SOURCE, POPULATION_TOTAL, populationTargets } from './population.js';
export { prepareDemo, type PreparedDemo } from './prepare-demo.js';
export { createPrng, type Prng } from './prng.js';
