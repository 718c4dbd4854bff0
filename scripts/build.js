// Compiles src/ to dist/ for running (`npm run build`, and `prepare`, which `npm ci` runs): esbuild
// transpiles each TypeScript file on its own, keeping the tree (src/a/b.ts -> dist/a/b.js), so that every
// path read through `import.meta.url` (static files, the worker entry, the display-logic source) finds its
// file at the same place; the files the code reads at run time are copied beside. No type check here: that
// is `npm run check`'s job. Tests are left out. (One bundle of src/, packages left out, was measured: it cut
// the loading of the server's modules by about 15 % of CPU, the packages being most of it; not worth moving
// every file read through `import.meta.url`.) Last, dist/.build-stamp records the build, which
// bin/barometre.js compares with src/ to refuse stale files.
// Usage: node scripts/build.js [OUTDIR]   (default dist/; the built-CLI test builds into a temporary folder)
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, transformSync } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const DIST = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist');

/**
 * Files other than compiled modules that the code reads at run time, relative to src/. A source file read
 * as text (not imported) is listed here too: the respondent page's display logic is
 * study/evaluate-condition.ts transpiled for the browser (server/routes/respond/logic-script.ts), which the
 * build does once, below, into logic-script.prebuilt.txt.
 */
const ASSETS = ['server/static', 'study/evaluate-condition.ts'];

/** Test code, compiled for nothing: `*.test.ts` and their helpers `*.test-helper.ts`. */
const isTestFile = (name) => /\.test(-helper)?\.ts$/.test(name);

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !isTestFile(entry.name) ? [path] : [];
  });
}

const started = performance.now();
rmSync(DIST, { recursive: true, force: true });
const entryPoints = sources(SRC);
await build({
  entryPoints,
  outdir: DIST,
  outbase: SRC,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const asset of ASSETS) {
  mkdirSync(dirname(join(DIST, asset)), { recursive: true });
  cpSync(join(SRC, asset), join(DIST, asset), { recursive: true });
}
// the respondent page's display logic for browsers, transpiled now rather than at every start
const logic = await import(pathToFileURL(join(DIST, 'server/routes/respond/logic-script.js')).href);
writeFileSync(logic.LOGIC_SCRIPT_PREBUILT, transformSync(readFileSync(logic.LOGIC_SCRIPT_SOURCE, 'utf8'), logic.LOGIC_SCRIPT_TRANSFORM).code);
// the questionnaire editor's script for browsers, bundled now from the sources (dist/ has no .ts to bundle)
const editor = await import(pathToFileURL(join(DIST, 'server/routes/admin/study-editor-script.js')).href);
const editorBuild = await build({ ...editor.EDITOR_SCRIPT_BUILD, entryPoints: [join(SRC, 'server/editor/study-editor.ts')] });
writeFileSync(editor.EDITOR_SCRIPT_PREBUILT, editorBuild.outputFiles[0].text);
writeFileSync(join(DIST, '.build-stamp'), `${new Date().toISOString()}\n`);
const ms = Math.round(performance.now() - started);
process.stdout.write(`build: ${entryPoints.length} files of src/ compiled to ${relative(ROOT, DIST).startsWith('..') ? DIST : relative(ROOT, DIST)}/ in ${ms} ms\n`);
