// Public surface of the demo generator.
export { DEMO_DEFAULTS, DEMO_STUDY_ID, demoWavePlan, type DemoWavePlan } from './demo-waves.js';
export { generateDemo, type DemoOptions, type DemoResult, type DemoWaveResult } from './generate-demo.js';
export { generateWave, type GenerateWaveOptions, type WaveSummary } from './generate-wave.js';
export { POPULATION, POPULATION_SOURCE, POPULATION_TOTAL, populationTargets } from './population.js';
export { prepareDemo } from './prepare-demo.js';
export { createPrng, type Prng } from './prng.js';
