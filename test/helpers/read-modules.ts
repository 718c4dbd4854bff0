// What each TypeScript module imports and whether it reads the environment, read by a real parser: esbuild
// (already the project's build tool) parses every file once, as one build with every file as an entry point.
// Its metafile lists each input's imports with their kind; relative imports are kept external, so no file
// is followed and the specifier comes back exactly as written. TypeScript 7's npm package is the native
// compiler and has no JavaScript parser API (`createSourceFile`), hence esbuild rather than `typescript`.
//
//   source ──esbuild (ts loader, tsconfig of the repo)──▶ metafile.inputs[file].imports  { path, kind }
//                                                       └▶ output JS, with `process.env` and `process`
//                                                          replaced by marker identifiers (define)
//
// What counts: `import … from`, `import '…'` (side effect), `export … from`, `export * from`, `import('…')`,
// `require('…')`, and `import { type A } from` (kept by verbatimModuleSyntax, so it loads the module).
// What does not: `import type` / `export type … from`, which TypeScript erases: they load nothing at run
// time, so the layering (which code a part loads and runs) does not see them. A type-only import across
// the layers still needs a reviewer's eye; the check is about what runs.
// Environment reads: the parser rewrites `process.env`, `process['env']`, `globalThis.process.env` (and
// `?.` forms) into a marker; any other use of the global `process` as a value (`const { env } = process`,
// `const p = process`, `f(process)`) is reported too, since a read through an alias cannot be followed.
// A non-literal `import(x)` or `require(x)` is reported: its target cannot be checked. The output is the
// parser's (comments and types gone), so a marker inside a string literal can only raise a false alarm.
import { relative, sep } from 'node:path';
import { build, type ImportKind } from 'esbuild';

export interface ModuleImport {
  /** the specifier as written: `../stats/mean.js`, `node:fs`, `fastify` */
  readonly specifier: string;
  readonly kind: ImportKind;
}

export interface ModuleReading {
  readonly imports: readonly ModuleImport[];
  /** `process.env` (any spelling of the member access) read this many times */
  readonly environmentReads: number;
  /** the global `process` used other than by a member access (an alias, a destructuring, an argument) */
  readonly processAliases: number;
  /** `import(expression)` / `require(expression)`: a module that cannot be known before running */
  readonly computedImports: number;
}

const ENV = '__ARCHITECTURE_ENV_READ__';
const PROCESS = '__ARCHITECTURE_PROCESS__';
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Reads every file (absolute paths under `root`); the map is keyed by the path relative to `root`, with `/`. */
export async function readModules(root: string, files: readonly string[]): Promise<ReadonlyMap<string, ModuleReading>> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [...files],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'out',
    outbase: '.',
    treeShaking: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env': ENV, 'globalThis.process.env': ENV, process: PROCESS, 'globalThis.process': PROCESS },
    plugins: [
      {
        name: 'relative-imports-stay-external',
        setup(plugin) {
          plugin.onResolve({ filter: /^\./ }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  const outputs = new Map(result.outputFiles.map((file) => [relative(root, file.path).split(sep).join('/'), file.text]));
  const readings = new Map<string, ModuleReading>();
  for (const [output, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const text = outputs.get(output) ?? '';
    const input = result.metafile.inputs[meta.entryPoint];
    readings.set(meta.entryPoint, {
      imports: (input?.imports ?? []).map((i) => ({ specifier: i.original ?? i.path, kind: i.kind })),
      environmentReads: count(text, new RegExp(`\\b${ENV}\\b`, 'g')),
      processAliases: count(text, new RegExp(`\\b${PROCESS}\\b(?!\\??\\.[A-Za-z_$])`, 'g')),
      computedImports: count(text, /\b(?:import|require|__require)\((?!\s*["'`])/g),
    });
  }
  for (const file of files) {
    const key = relative(root, file).split(sep).join('/');
    if (!readings.has(key)) throw new Error(`readModules: esbuild returned no output for ${key}`);
  }
  return readings;
}
