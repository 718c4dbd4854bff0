import type { AppConfig } from '../server/config.js';
import { installBuiltInStudies } from '../analysis/install-built-in-studies.js';
import { prepareDemo } from '../demo/index.js';
import type { Store } from '../store/index.js';

export interface PrepareContext {
  readonly config: AppConfig;
  /** one line for the operator (stdout) */
  readonly log: (line: string) => void;
}

/** A step `npm start` runs after migrating and before serving; it must be idempotent (it runs at every start). */
export type PrepareHook = (store: Store, context: PrepareContext) => Promise<void>;

/**
 * What `barometre start` prepares, in order: make sure the built-in study exists, generate the demo when the
 * database is empty. The lead wires the hooks here.
 */
export const PREPARE_HOOKS: PrepareHook[] = [
  async (store, { log }) => {
    for (const s of await installBuiltInStudies(store)) if (s.created) log(`study ${s.studyId}: version ${s.version} stored`);
  },
  async (store, { config, log }) => {
    const demo = await prepareDemo(store, { secretKey: config.secretKey });
    for (const w of demo?.calibrated.waves ?? []) log(`demo wave ${w.year}: ${w.summary.generated} responses, ${w.status}`);
    for (const s of demo?.studies ?? []) for (const w of s.waves) log(`demo wave ${s.studyId} ${w.code}: ${w.summary.generated} responses, ${w.status}`);
  },
];
