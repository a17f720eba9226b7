import type { Db, Tx } from '../../platform/db/index.ts';

/**
 * The caller's transaction seen as a database whose `transaction()` joins it instead of opening
 * another (Kysely cannot nest them). A use-case written to run in its own transaction — the
 * appeal intake's `submit` — then writes inside the caller's: everything commits together or
 * nothing does.
 */
export function joined(tx: Tx): Db {
  const builder = { execute: <T>(fn: (t: Tx) => Promise<T>): Promise<T> => fn(tx) };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => builder;
      // Kysely keeps its state in private fields: methods must run on the real object.
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
