import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanModule } from './helpers/scan-module.js';

// The dependency direction of STYLE.md: messages (the interface's wording, a leaf every part but stats may
// import), stats ← study ← store ← analysis ← exchange ← report ← server, cli;
// demo uses study, store, analysis. Nothing imports server or cli except cli (its entry serves the app).
// Imports are read from the tokens of each file (test/helpers/scan-module.ts): multi-line imports,
// `import type`, `export … from`, `import()` and `new URL('./x.ts', import.meta.url)` all count; text
// in comments and strings does not.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  stats: [],
  messages: [],
  study: ['stats'],
  store: ['stats', 'study'],
  analysis: ['stats', 'study', 'store'],
  exchange: ['stats', 'study', 'store', 'analysis'],
  demo: ['stats', 'study', 'store', 'analysis'],
  report: ['stats', 'study', 'analysis'],
  mail: ['study', 'report'],
  server: ['stats', 'study', 'store', 'analysis', 'exchange', 'demo', 'report', 'mail'],
  cli: ['stats', 'study', 'store', 'analysis', 'exchange', 'demo', 'report', 'mail', 'server'],
};
/** Leaves import nothing else of ours: stats (pure, and no node:* either) and the interface messages. */
const LEAVES = new Set(['stats', 'messages']);
/** The one file of another part a leaf may import: the messages apply French typography. */
const LEAF_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = { messages: ['study/french-typography'] };
/** Parts every part but the leaves may import: the interface messages. */
const SHARED = new Set(['messages']);
/** Files at the root of src/ that every part but the leaves may import. */
const ROOT_FILES = new Set(['app-error']);
/**
 * Files that may read the environment. STYLE.md: `process.env` is read in server/config.ts and the CLI's
 * entry only, validated with zod; everything else receives its settings as arguments.
 */
const ENVIRONMENT_READERS = new Set([
  'server/config.ts', // the server's configuration (today it is handed the environment by the CLI)
  'cli/main.ts', // the CLI's entry: hands process.env to the commands
  'cli/env.ts', // the CLI's DATA_DIR and DATABASE_URL (handed the environment by main.ts today)
  'report/charts/assert-golden.test-helper.ts', // test code: UPDATE_GOLDEN=1 rewrites the golden SVG files
]);

const withoutExtension = (path: string) => path.replace(/\.[cm]?[jt]sx?$/, '');
const partOf = (path: string) => (path.includes('/') ? path.split('/')[0] : withoutExtension(path));

/** What `file` (a path under src/, with `/`) breaks of the layering and of the environment rule. */
function violations(file: string, source: string): string[] {
  const found: string[] = [];
  const part = partOf(file);
  const isRootFile = !file.includes('/');
  if (!isRootFile && !(part in ALLOWED)) {
    return [`src/${part}/ is not a part of the layering: add it to ALLOWED in test/architecture.test.ts`];
  }
  const scan = scanModule(source);
  for (const { specifier, line, kind } of scan.references) {
    const at = `line ${line}`;
    if (specifier === null) {
      found.push(`${at}: import(expression) cannot be checked; import a literal path`);
      continue;
    }
    if (specifier.startsWith('node:') || isBuiltin(specifier)) {
      if (part === 'stats') found.push(`${at}: ${specifier}: stats is pure and imports no node:* module`);
      continue;
    }
    if (!specifier.startsWith('.')) continue; // a package
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    if (target.startsWith('..')) {
      found.push(`${at}: ${specifier} is outside src/`);
      continue;
    }
    const targetPart = partOf(target);
    if (targetPart === part && !isRootFile) continue;
    const via = `${specifier}, ${kind === 'import' ? '' : `${kind}, `}${at}`;
    if (LEAVES.has(part) || isRootFile) {
      if (!(LEAF_EXCEPTIONS[part] ?? []).includes(withoutExtension(target))) found.push(`${part} imports nothing else of ours (${via})`);
      continue;
    }
    if (target === targetPart || !target.includes('/')) {
      if (!ROOT_FILES.has(withoutExtension(target))) found.push(`${part} must not import src/${target} (${via})`);
      continue;
    }
    if (SHARED.has(targetPart) || ALLOWED[part].includes(targetPart)) continue;
    found.push(`${part} must not import ${targetPart} (${via})`);
  }
  if (!ENVIRONMENT_READERS.has(file)) {
    for (const line of scan.environmentReads) {
      found.push(`line ${line} reads the environment: only server/config.ts and the CLI's entry do (then pass settings as arguments)`);
    }
  }
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.[cm]?ts$/.test(path) && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the dependency direction between parts', () => {
  for (const path of files(SRC)) {
    const file = relative(SRC, path).split(sep).join('/');
    it(`${file} imports only parts below ${partOf(file)} and reads no environment unless allowed`, () => {
      assert.deepEqual(violations(file, readFileSync(path, 'utf8')), []);
    });
  }
});

describe('the architecture check itself', () => {
  it('catches a multi-line import of study in a stats file', () => {
    const source = `import {\n  labelIn,\n  type Label,\n} from '../study/label.js';\nexport const x = 1;\n`;
    assert.deepEqual(violations('stats/fake-mean.ts', source), ['stats imports nothing else of ours (../study/label.js, line 1)']);
  });

  it('catches process.env, process["env"] and { env } = process in an analysis file', () => {
    const source = [
      `const a = process.env.LOW_BASE;`,
      `const b = process['env'];`,
      `const { env } = process;`,
      `const c = globalThis.process?.env;`,
      `// process.env in a comment, and 'process.env' in a string, are not reads`,
    ].join('\n');
    assert.deepEqual(
      violations('analysis/fake-settings.ts', source).map((v) => v.split(' reads')[0]),
      ['line 1', 'line 2', 'line 3', 'line 4'],
    );
    assert.deepEqual(violations('server/config.ts', source), []);
  });

  it('catches env imported from node:process, and reads through a renamed process', () => {
    assert.equal(violations('report/fake.ts', `import { env } from 'node:process';\n`).length, 1);
    assert.equal(violations('report/fake.ts', `import proc from 'node:process';\nproc.env.X;\n`).length, 1);
    assert.equal(violations('report/fake.ts', `import * as p from 'node:process';\nconst x = p.env;\n`).length, 1);
    assert.deepEqual(violations('report/fake.ts', `import { argv } from 'node:process';\nconst { a: env } = process;\n`), []);
  });

  it('reads import type, export from, export * from, dynamic import() and worker URLs', () => {
    const source = [
      `import type {`,
      `  App,`,
      `} from '../server/app.js';`,
      `export { a, type B } from '../cli/a.js';`,
      `export type * as T from '../server/t.js';`,
      `const m = await import(`,
      `  '../server/late.js'`,
      `);`,
      `new Worker(new URL('../cli/worker.ts', import.meta.url));`,
      `const y = import.meta.url; import './side-effect.js';`,
    ].join('\n');
    assert.deepEqual(violations('store/fake.ts', source), [
      'store must not import server (../server/app.js, line 1)',
      'store must not import cli (../cli/a.js, export, line 4)',
      'store must not import server (../server/t.js, export, line 5)',
      'store must not import server (../server/late.js, dynamic, line 6)',
      'store must not import cli (../cli/worker.ts, url, line 9)',
    ]);
  });

  it('ignores imports written in comments, strings, template literals and regular expressions', () => {
    const source = [
      `// import { createApp } from '../server/app.js';`,
      `/* export * from '../server/app.js'; */`,
      `const s = "import x from '../server/app.js'";`,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, on purpose
      'const t = `import(${"../server/app.js"}) ${`nested ${1}`}`;',
      `const r = /['"\`]from '..\\/server'/g;`,
      `const half = (a + b) / 2 / 3;`,
      `import { mean } from '../stats/mean.js';`,
    ].join('\n');
    assert.deepEqual(violations('analysis/fake.ts', source), []);
    assert.deepEqual(
      scanModule(source).references.map((r) => [r.specifier, r.line]),
      [['../stats/mean.js', 7]],
    );
  });

  it('tells a division after a non-null assertion from a regular expression, and fails loudly on what it cannot read', () => {
    const source = `const half = total! / 2 / count;\nconst quote = /'/;\nimport { x } from '../server/a.js';\n`;
    assert.deepEqual(violations('report/fake.ts', source), ['report must not import server (../server/a.js, line 3)']);
    assert.throws(() => scanModule(`const s = 'open;\n`), /unterminated string at line 1/);
    assert.throws(() => scanModule('const t = `open \x24{1}'), /unterminated template literal/);
  });

  it('refuses import(expression), which cannot be checked', () => {
    assert.deepEqual(violations('report/fake.ts', 'const m = await import(name);'), ['line 1: import(expression) cannot be checked; import a literal path']);
  });

  it('lets every part but stats import the messages, and the messages only French typography', () => {
    assert.deepEqual(violations('server/fake.ts', `import { fr } from '../messages/fr.js';`), []);
    assert.deepEqual(violations('study/fake.ts', `import { fr } from '../messages/fr.js';`), []);
    assert.equal(violations('stats/fake.ts', `import { fr } from '../messages/fr.js';`).length, 1);
    assert.deepEqual(violations('messages/fr.ts', `import { nbsp } from '../study/french-typography.js';`), []);
    assert.deepEqual(violations('messages/fr.ts', `import { labelIn } from '../study/label.js';`), ['messages imports nothing else of ours (../study/label.js, line 1)']);
    assert.equal(violations('messages/fr.ts', `import { AppError } from '../app-error.js';`).length, 1);
  });

  it('refuses a folder of src/ that is not a part, an import outside src/ and node:* in stats', () => {
    assert.match(violations('widgets/fake.ts', '')[0], /src\/widgets\/ is not a part/);
    assert.deepEqual(violations('report/fake.ts', `import x from '../../test/helpers/browser.js';`), ['line 1: ../../test/helpers/browser.js is outside src/']);
    assert.deepEqual(violations('stats/fake.ts', `import { readFileSync } from 'fs';`), ['line 1: fs: stats is pure and imports no node:* module']);
    assert.deepEqual(violations('report/fake.ts', `import { AppError } from '../app-error.js';`), []);
  });
});
