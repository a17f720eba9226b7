import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from './index.ts';

/**
 * What a process keeps in memory from the database (the calendar, the appeal settings) must
 * follow a change made through another process on the same PostgreSQL. The change's transaction
 * announces its topic with NOTIFY (delivered at commit, never for a rolled-back change); every
 * process LISTENs on one connection of its own and re-reads what that topic covers. PGlite is
 * one process: the process that changes something refreshes it itself, as it always has.
 */
const CHANNEL = 'qifu_changes';
const RETRY_MS = 1_000;

type Refresh = () => Promise<void>;
const refreshers = new WeakMap<Db, Map<string, Refresh>>();

/**
 * Registers how to re-read `topic` for `db` when another process changed it. One way per topic:
 * registering again (a holder made anew after a failed first read) replaces it, so a change
 * never triggers the same re-read twice.
 */
export function onChange(db: Db, topic: string, refresh: Refresh): void {
  let byTopic = refreshers.get(db);
  if (!byTopic) refreshers.set(db, (byTopic = new Map()));
  byTopic.set(topic, refresh);
}

/** Inside the change's transaction: tells every process, at commit, that `topic` changed. */
export async function announceChange(tx: Db, topic: string): Promise<void> {
  await sql`select pg_notify(${CHANNEL}, ${topic})`.execute(tx);
}

export interface ChangeListener {
  /** Resolves once the first LISTEN is in place (or has failed and is being retried). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Listens for announced changes on a connection of its own, reconnecting when it drops. */
export function listenForChanges(db: Db, databaseUrl: string, log: FastifyBaseLogger): ChangeListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const refresh = async (topics: Iterable<string>) => {
    const byTopic = refreshers.get(db);
    for (const topic of topics) {
      await byTopic
        ?.get(topic)?.()
        .catch((err: unknown) => log.error({ err, topic }, 'refresh after a change failed'));
    }
  };

  const connect = async (again: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (n) => void refresh([n.payload ?? '']));
    c.on('error', (err) => log.warn({ err }, 'change listener lost its connection'));
    c.on('end', () => {
      if (closed || client !== c) return;
      client = undefined;
      retry = setTimeout(() => void connect(true), RETRY_MS);
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
      client = c;
      // Changes announced while nobody listened are unknown: re-read everything.
      if (again) await refresh(refreshers.get(db)?.keys() ?? []);
    } catch (err) {
      log.warn({ err }, 'change listener could not connect; retrying');
      await c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(true), RETRY_MS);
    }
  };

  return {
    ready: connect(false),
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end();
    },
  };
}
