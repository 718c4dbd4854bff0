import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// The dependency direction of STYLE.md: messages (the interface's wording, a leaf every part but stats may
// import), stats ← study ← store ← analysis ← exchange ← report ← server, cli;
// demo uses study, store, analysis. Nothing imports server or cli except cli (its entry serves the app).
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const ALLOWED: Record<string, readonly string[]> = {
  messages: [],
  stats: [],
  study: ['messages', 'stats'],
  store: ['messages', 'stats', 'study'],
  analysis: ['messages', 'stats', 'study', 'store'],
  exchange: ['messages', 'stats', 'study', 'store', 'analysis'],
  demo: ['messages', 'stats', 'study', 'store', 'analysis'],
  report: ['messages', 'stats', 'study', 'analysis'],
  mail: ['messages', 'study', 'report'],
  server: ['messages', 'stats', 'study', 'store', 'analysis', 'exchange', 'demo', 'report', 'mail'],
  cli: ['messages', 'stats', 'study', 'store', 'analysis', 'exchange', 'demo', 'report', 'mail', 'server'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

describe('the dependency direction between parts', () => {
  for (const file of files(SRC)) {
    const part = relative(SRC, file).split('/')[0];
    if (!(part in ALLOWED)) continue;
    it(`${relative(SRC, file)} imports only parts below ${part}`, () => {
      for (const spec of imports(file)) {
        if (spec.startsWith('node:')) {
          if (part === 'stats') assert.fail(`${spec}: stats is pure and imports no node:* module`);
          continue;
        }
        if (!spec.startsWith('.')) continue;
        const target = relative(SRC, resolve(dirname(file), spec));
        if (target.startsWith('..')) continue;
        const targetPart = target.split('/')[0];
        if (targetPart === part || targetPart.startsWith('app-error.')) continue;
        if (part === 'stats') assert.fail(`${spec}: stats imports nothing else of ours`);
        assert.ok(ALLOWED[part].includes(targetPart), `${part} must not import ${targetPart} (${spec})`);
      }
    });
  }
});
