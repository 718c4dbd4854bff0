import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';

let cached: string | undefined;

/** The display logic's source, read as text (dist/ holds a copy: scripts/build.js). */
export const LOGIC_SCRIPT_SOURCE = fileURLToPath(new URL('../../../study/evaluate-condition.ts', import.meta.url));
/** The script transpiled once by `npm run build` beside the compiled module, so that a start does not transpile. */
export const LOGIC_SCRIPT_PREBUILT = fileURLToPath(new URL('./logic-script.prebuilt.txt', import.meta.url));
/** How the source becomes a classic script (esbuild's transform; the build applies the same). */
export const LOGIC_SCRIPT_TRANSFORM = { loader: 'ts', format: 'iife', globalName: 'BarometreLogic', target: 'es2019', sourcefile: 'evaluate-condition.ts' } as const;

/**
 * The display-logic function for the browser: the very source the server runs
 * (src/study/evaluate-condition.ts, dependency-free on purpose) with its types stripped, as a classic
 * script defining `window.BarometreLogic.evaluateCondition`. Built once per process, or read as the build
 * wrote it (esbuild's transform costs about half a second of CPU: not at every start).
 */
export function logicScript(): string {
  if (cached !== undefined) return cached;
  if (existsSync(LOGIC_SCRIPT_PREBUILT)) return (cached = readFileSync(LOGIC_SCRIPT_PREBUILT, 'utf8'));
  const { transformSync } = createRequire(import.meta.url)('esbuild') as typeof esbuild;
  return (cached = transformSync(readFileSync(LOGIC_SCRIPT_SOURCE, 'utf8'), LOGIC_SCRIPT_TRANSFORM).code);
}
