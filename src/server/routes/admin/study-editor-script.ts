import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as esbuild from 'esbuild';

let cached: string | undefined;

/** The editor's entry module (browser code, no framework; src/server/editor/). */
export const EDITOR_SCRIPT_SOURCE = fileURLToPath(new URL('../../editor/study-editor.ts', import.meta.url));
/** The script bundled once by `npm run build` beside the compiled module, so that a start does not bundle. */
export const EDITOR_SCRIPT_PREBUILT = fileURLToPath(new URL('./study-editor.prebuilt.txt', import.meta.url));
/** How the sources become one classic script (esbuild; the build applies the same). */
export const EDITOR_SCRIPT_BUILD = { bundle: true, write: false, format: 'iife', target: 'es2019', platform: 'browser', minify: false, logLevel: 'silent' } as const;

/**
 * The questionnaire editor's script for the browser: src/server/editor/study-editor.ts and the modules it
 * imports bundled into one classic script (served at /admin/study-editor.js, allowed by the CSP's
 * script-src 'self'). Built once per process, or read as the build wrote it.
 */
export function editorScript(): string {
  if (cached !== undefined) return cached;
  if (existsSync(EDITOR_SCRIPT_PREBUILT)) return (cached = readFileSync(EDITOR_SCRIPT_PREBUILT, 'utf8'));
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof esbuild;
  const result = buildSync({ ...EDITOR_SCRIPT_BUILD, entryPoints: [EDITOR_SCRIPT_SOURCE] });
  return (cached = result.outputFiles[0]!.text);
}
