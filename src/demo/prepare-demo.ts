import type { Store } from '../store/index.js';
import { generateDemo, type DemoResult } from './generate-demo.js';

/**
 * What `npm start` runs on every start: on a database without any wave, generates the default demo
 * (three waves of 1,200 responses, a few seconds), its public ids keyed by the server's `secretKey`;
 * otherwise does nothing. Returns the demo's result, or undefined when the database already had waves.
 */
export async function prepareDemo(store: Store, options: { readonly secretKey: string }): Promise<DemoResult | undefined> {
  const waves = await store.waves.list();
  if (waves.length > 0) return undefined;
  return generateDemo(store, { secretKey: options.secretKey });
}
