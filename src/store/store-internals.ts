import type { StoreContext } from './store-context.js';

/**
 * The Kysely handle and dialect under a store, kept off the public `Store` type so that every SQL
 * statement lives in src/store and runs in the per-database suites. They ride on a symbol-keyed
 * property: object spread keeps it, so a wrapped store (the tests' `openTestStore`) still has it.
 * Only src/store imports this file (the architecture test checks it); tests that must look at raw
 * tables go through test/helpers/raw-database.ts.
 */
export const STORE_INTERNALS: unique symbol = Symbol('barometre.store.internals');

/** The context a store or transaction store was built on; throws for any other object. */
export function storeInternals(store: object): StoreContext {
  const ctx = (store as { [STORE_INTERNALS]?: StoreContext })[STORE_INTERNALS];
  if (!ctx) throw new TypeError('storeInternals: not a store opened by createDatabase');
  return ctx;
}
