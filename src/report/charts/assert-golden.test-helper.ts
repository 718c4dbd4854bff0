import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN_DIR = fileURLToPath(new URL('../../../test/fixtures/charts/', import.meta.url));

/** Numbers rounded to 3 decimals and one element per line, so goldens survive float noise and diff well. */
export function normalizeSvg(svg: string): string {
  return svg.replace(/\d+\.\d+/g, (d) => String(Number(Number(d).toFixed(3)))).replace(/></g, '>\n<') + '\n';
}

/**
 * Compares an SVG with `test/fixtures/charts/NAME.svg` (Observable Plot's snapshot style). On a mismatch it
 * writes `NAME-changed.svg` beside it for review and fails; `UPDATE_GOLDEN=1` rewrites the golden file.
 * A missing golden file fails too (its `-changed.svg` is written): a renamed or deleted golden must not let
 * every comparison pass silently; `UPDATE_GOLDEN=1` creates it.
 */
export function assertGolden(name: string, svg: string): void {
  const path = join(GOLDEN_DIR, `${name}.svg`);
  const changed = join(GOLDEN_DIR, `${name}-changed.svg`);
  const actual = normalizeSvg(svg);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
    rmSync(changed, { force: true });
    return;
  }
  if (!existsSync(path)) {
    writeFileSync(changed, actual);
    assert.fail(`${name}.svg has no golden file; see ${changed} (UPDATE_GOLDEN=1 creates it)`);
  }
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  assert.fail(`${name}.svg differs from its golden file; see ${changed} (UPDATE_GOLDEN=1 accepts it)`);
}
