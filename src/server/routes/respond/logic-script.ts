import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

let cached: string | undefined;
const SOURCE = fileURLToPath(new URL('../../../study/evaluate-condition.ts', import.meta.url));

/**
 * The display-logic function for the browser: the very source the server runs
 * (src/study/evaluate-condition.ts, dependency-free on purpose) with its types stripped, as a classic
 * script defining `window.BarometreLogic.evaluateCondition`. Built once per process.
 */
export function logicScript(): string {
  if (cached !== undefined) return cached;
  const source = readFileSync(SOURCE, 'utf8');
  return (cached = transformSync(source, { loader: 'ts', format: 'iife', globalName: 'BarometreLogic', target: 'es2019', sourcefile: 'evaluate-condition.ts' }).code);
}
