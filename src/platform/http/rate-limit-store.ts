import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Db } from '../db/index.ts';
import { hit } from '../db/rate-limits.ts';

/** What @fastify/rate-limit hands a store's child(): the route's merged settings with the route. */
interface ChildOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A @fastify/rate-limit store in PostgreSQL: behind nginx with several processes, a client's
 * login attempts, SMS code requests and API calls are counted once for the cluster, not once per
 * process (which would allow N times the limit). Keys are prefixed by the route, as the plugin's
 * own stores do, so each route keeps its own counter.
 */
export function sharedRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    prefix = '';

    // The plugin constructs the store with its settings; the counters need none of them.
    constructor(options: FastifyRateLimitOptions) {
      void options;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      hit(db, `${this.prefix}${key}`, timeWindow).then(
        (r) => callback(null, r),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (routeOptions as unknown as ChildOptions).routeInfo;
      const store = new SharedStore({});
      store.prefix = `${String(route?.method ?? '')}${route?.url ?? ''}-`;
      return store;
    }
  }
  return SharedStore;
}
