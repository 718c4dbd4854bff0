import type { Store } from '../store/index.js';
import { BUILT_IN_STUDIES } from '../study/index.js';
import { DEMO_SEEDS } from './demo-seeds.js';
import { generateDemo, type DemoResult } from './generate-demo.js';
import { generateStudyDemo, type StudyDemoResult } from './generate-study-demo.js';

/** What `prepareDemo` generated: the calibrated barometer's demo, then each other built-in study's. */
export interface PreparedDemo {
  readonly calibrated: DemoResult;
  readonly studies: readonly StudyDemoResult[];
}

/**
 * What `npm start` runs on every start: on a database without any wave, generates the default demo of
 * every built-in study (the calibrated barometer's three editions of 1,200 responses, then the waves of
 * each other built-in study's demo seed, with the generic generator), their public ids keyed by the
 * server's `secretKey`; otherwise does nothing. Returns what it generated, or undefined when the database
 * already had waves.
 */
export async function prepareDemo(store: Store, options: { readonly secretKey: string }): Promise<PreparedDemo | undefined> {
  const waves = await store.waves.list();
  if (waves.length > 0) return undefined;
  const calibrated = await generateDemo(store, { secretKey: options.secretKey });
  const studies: StudyDemoResult[] = [];
  for (const study of BUILT_IN_STUDIES) {
    if (DEMO_SEEDS[study.id]) studies.push(await generateStudyDemo(store, study.id, { secretKey: options.secretKey }));
  }
  return Object.freeze({ calibrated, studies: Object.freeze(studies) });
}
