#!/usr/bin/env node
// Entry of the `barometre` command (and of `npm start`): runs the compiled CLI, dist/cli/main.js, which
// `npm ci` builds (the `prepare` script) and `npm run build` rebuilds. When dist/ is missing, or older than a
// file of src/ (sources pulled or edited since the last build), it says so and exits 1 rather than run code
// that no longer matches the sources: run `npm run build`, or `npm run barometre -- ARGS` to run the sources
// through tsx. The check costs a few milliseconds (one stat per source file); it is skipped when src/ is absent.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The first source file (not a test) modified after `since` (ms), or undefined. */
function newerSource(dir, since) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = newerSource(path, since);
      if (found) return found;
    } else if (!/\.test(-helper)?\.ts$/.test(entry.name) && statSync(path).mtimeMs > since) {
      return path;
    }
  }
  return undefined;
}

function staleness() {
  let built;
  try {
    built = statSync(join(root, 'dist/.build-stamp')).mtimeMs;
  } catch {
    return 'dist/ is missing (the compiled CLI)';
  }
  let source;
  try {
    source = newerSource(join(root, 'src'), built);
  } catch {
    return undefined; // no src/: an installed copy runs what it was built with
  }
  return source ? `dist/ is older than ${relative(root, source)}` : undefined;
}

const stale = staleness();
if (stale) {
  process.stderr.write(`barometre: ${stale}: run \`npm run build\` (or \`npm run barometre -- ARGS\` to run the sources through tsx)\n`);
  process.exit(1);
}
await import('../dist/cli/main.js');
