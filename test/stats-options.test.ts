import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ZReferenceCase } from '../src/analysis/reference-cases-schema.js';
import { runCli } from './helpers/run-cli.js';

// Every option `barometre stats` accepts is covered by an R reference case, and an option it does not know is
// refused. The options are read from the case schema itself (ZReferenceCase): every key of every object, every
// kind of a discriminated union, every value of an enum, `true` of a boolean. The reference cases are every
// *.json with a "cases" array in test/fixtures/r-reference, so a new option and the cases that cover it are
// picked up without touching this file.

const FIXTURES = fileURLToPath(new URL('./fixtures/r-reference/', import.meta.url));

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional, nullable, default and transform wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (;;) {
    const def = defOf(schema);
    if (def.innerType) schema = def.innerType;
    else if (def.type === 'pipe' && def.in) schema = def.in;
    else return schema;
  }
}

/** A node of the schema where a case may carry an unknown key: its path and how to reach it in a case. */
interface ObjectNode {
  readonly path: string;
  readonly pointer: readonly (string | number)[];
}

/** Every option of the schema, as paths: `estimate[kind=ciprop].method=beta`, `design.strata`, ... */
function optionsOf(schema: z.ZodType, path: string, out: Set<string>): void {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object') {
    for (const [key, field] of Object.entries(def.shape!)) {
      // informative keys (result, note, ...) are not read: they are not options
      if (defOf(unwrap(field)).type === 'unknown') continue;
      out.add(`${path}.${key}`);
      optionsOf(field, `${path}.${key}`, out);
    }
  } else if (def.type === 'union' && def.discriminator) {
    for (const option of def.options!) {
      const tag = String(defOf(defOf(option).shape![def.discriminator]).values![0]);
      const at = `${path}[${def.discriminator}=${tag}]`;
      out.add(at);
      for (const [key, field] of Object.entries(defOf(option).shape!)) {
        if (key === def.discriminator) continue;
        out.add(`${at}.${key}`);
        optionsOf(field, `${at}.${key}`, out);
      }
    }
  } else if (def.type === 'union') for (const option of def.options!) optionsOf(option, path, out);
  else if (def.type === 'enum') for (const value of Object.values(def.entries!)) out.add(`${path}=${value}`);
  else if (def.type === 'literal') for (const value of def.values!) out.add(`${path}=${String(value)}`);
  else if (def.type === 'boolean') out.add(`${path}=true`);
  else if (def.type === 'array') optionsOf(def.element!, `${path}[]`, out);
  else if (def.type === 'record') optionsOf(def.valueType!, `${path}{}`, out);
}

/** The options one case uses (same paths as optionsOf), and the objects it holds with their pointers. */
function usedBy(schema: z.ZodType, value: unknown, path: string, pointer: (string | number)[], out: Set<string>, objects: Map<string, ObjectNode>): void {
  if (value === null || value === undefined) return;
  const inner = unwrap(schema);
  const def = defOf(inner);
  const record = value as Record<string, unknown>;
  if (def.type === 'object') {
    if (!objects.has(path)) objects.set(path, { path, pointer });
    for (const [key, field] of Object.entries(def.shape!)) {
      if (record[key] === null || record[key] === undefined || defOf(unwrap(field)).type === 'unknown') continue;
      out.add(`${path}.${key}`);
      usedBy(field, record[key], `${path}.${key}`, [...pointer, key], out, objects);
    }
  } else if (def.type === 'union' && def.discriminator) {
    const option = def.options!.find((o) => defOf(defOf(o).shape![def.discriminator!]).values![0] === record[def.discriminator!]);
    if (!option) return;
    const at = `${path}[${def.discriminator}=${String(record[def.discriminator])}]`;
    out.add(at);
    if (!objects.has(at)) objects.set(at, { path: at, pointer });
    for (const [key, field] of Object.entries(defOf(option).shape!)) {
      if (key === def.discriminator || record[key] === null || record[key] === undefined) continue;
      out.add(`${at}.${key}`);
      usedBy(field, record[key], `${at}.${key}`, [...pointer, key], out, objects);
    }
  } else if (def.type === 'union') {
    const option = def.options!.find((o) => o.safeParse(value).success);
    if (option) usedBy(option, value, path, pointer, out, objects);
  } else if (def.type === 'enum' || def.type === 'literal' || def.type === 'boolean') out.add(`${path}=${String(value)}`);
  else if (def.type === 'array' && Array.isArray(value)) value.forEach((v, k) => usedBy(def.element!, v, `${path}[]`, [...pointer, k], out, objects));
  else if (def.type === 'record') for (const [key, v] of Object.entries(record)) usedBy(def.valueType!, v, `${path}{}`, [...pointer, key], out, objects);
}

interface FixtureCase {
  readonly id: string;
  readonly result?: unknown;
  readonly [key: string]: unknown;
}

/** Every reference case with an R result, from every cases file of the fixtures folder. */
function referenceCases(): { file: string; case: FixtureCase }[] {
  const out: { file: string; case: FixtureCase }[] = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
    const document = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { cases?: FixtureCase[] };
    for (const c of document.cases ?? []) if (c.result !== undefined && c.result !== null) out.push({ file, case: c });
  }
  return out;
}

describe('barometre stats case options', () => {
  const cases = referenceCases();
  const used = new Set<string>();
  /** for each object of the schema, the first reference case that has it */
  const objects = new Map<string, { node: ObjectNode; case: FixtureCase }>();
  const enums = new Map<string, FixtureCase>();
  for (const { case: c } of cases) {
    const found = new Map<string, ObjectNode>();
    const paths = new Set<string>();
    usedBy(ZReferenceCase, c, 'case', [], paths, found);
    for (const p of paths) {
      used.add(p);
      if (p.slice(p.lastIndexOf(']') + 1).includes('=') && !enums.has(p)) enums.set(p, c);
    }
    for (const [path, node] of found) if (!objects.has(path)) objects.set(path, { node, case: c });
  }
  const options = new Set<string>();
  optionsOf(ZReferenceCase, 'case', options);

  it('reads the options from the schema and the cases from every fixture file', () => {
    assert.ok(cases.length >= 150, `${cases.length} reference cases`);
    for (const option of ['case.design.strata', 'case.calibration[type=logit].bounds', 'case.estimate[kind=ciprop].method=beta', 'case.estimate[kind=total].deff=true'])
      assert.ok(options.has(option), `${option} is an option`);
  });

  it('covers every option the case format accepts with at least one R reference case', () => {
    const missing = [...options].filter((o) => !used.has(o));
    assert.deepEqual(missing, [], `options without a reference case: ${missing.join(', ')}`);
  });

  it('refuses an unknown key in every object of the format (case, design, calibration, margin, estimate of each kind) with exit 1, naming the case and the key', async () => {
    const probes = [...objects.values()].map(({ node, case: c }, k) => {
      const probe = structuredClone(c) as Record<string, unknown>;
      let target = probe as Record<string | number, unknown>;
      for (const step of node.pointer) target = target[step] as Record<string | number, unknown>;
      target.no_such_option = true;
      return { ...probe, id: `probe-${k}`, what: node.path };
    });
    assert.ok(probes.length >= 10, `${probes.length} objects probed`);
    for (const kind of ['case', 'case.design', 'case.calibration[type=rake]', 'case.estimate[kind=mean]', 'case.estimate[kind=chisq]'])
      assert.ok(
        probes.some((p) => p.what === kind),
        `${kind} is probed`,
      );
    const dir = mkdtempSync(join(tmpdir(), 'stats-options-'));
    writeFileSync(join(dir, 'probes.json'), JSON.stringify({ cases: probes.map(({ what: _what, ...p }) => p) }));
    const t = await runCli(['stats', join(dir, 'probes.json'), '--data-dir', FIXTURES]);
    assert.equal(t.code, 1);
    const doc = JSON.parse(t.stdout) as { cases: { id: string; error?: string; result?: unknown }[] };
    doc.cases.forEach((c, k) => {
      assert.equal(c.result, undefined, `${probes[k].what}: computed despite an unknown key`);
      assert.match(String(c.error), new RegExp(`^INVALID_CASE: case "${c.id}": .*unknown (option|case key) "no_such_option"`), probes[k].what);
      assert.match(t.stderr, new RegExp(`case ${c.id}: INVALID_CASE`));
    });
  });

  it('refuses a value outside every enumerated option with exit 1, naming the case and the option', async () => {
    type Probe = Record<string, unknown> & { id: string; what: string; key: string };
    const probes: (Probe | null)[] = [...new Map([...enums].map(([path, c]) => [path.slice(0, path.lastIndexOf('=')), c]))].map(([path, c], k) => {
      const key = path.slice(path.lastIndexOf('.') + 1);
      const probe = structuredClone(c) as Record<string, Record<string, unknown>>;
      const holder = path.startsWith('case.estimate')
        ? probe.estimate
        : path.startsWith('case.calibration')
          ? probe.calibration
          : path.startsWith('case.design')
            ? probe.design
            : probe;
      if (typeof holder[key] === 'boolean') return null;
      holder[key] = 'no_such_value';
      return { ...probe, id: `value-${k}`, what: path, key };
    });
    // and an unknown kind of estimate and type of calibration
    const first = cases.find(({ case: c }) => c.calibration)!.case;
    probes.push({ ...structuredClone(first), estimate: { ...(first.estimate as object), kind: 'no_such_value' }, id: 'kind', what: 'case.estimate.kind', key: 'kind' });
    probes.push({ ...structuredClone(first), calibration: { ...(first.calibration as object), type: 'no_such_value' }, id: 'type', what: 'case.calibration.type', key: 'type' });
    const real = probes.filter((p): p is Probe => p !== null);
    assert.ok(real.length >= 4, `${real.length} enumerated options probed`);
    const dir = mkdtempSync(join(tmpdir(), 'stats-values-'));
    writeFileSync(join(dir, 'values.json'), JSON.stringify({ cases: real.map(({ what: _w, key: _k, ...p }) => p) }));
    const t = await runCli(['stats', join(dir, 'values.json'), '--data-dir', FIXTURES]);
    assert.equal(t.code, 1);
    const doc = JSON.parse(t.stdout) as { cases: { id: string; error?: string }[] };
    doc.cases.forEach((c, k) => assert.match(String(c.error), new RegExp(`^INVALID_CASE: case "${c.id}": .*${real[k].key}.*"no_such_value"`), real[k].what));
  });
});
