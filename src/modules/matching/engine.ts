import type { Db } from '../../platform/db/index.ts';
import { forEachBit } from './bitset.ts';
import { countAll, forEachRuleSets } from './batch.ts';
import { evaluate, eligibilityOf, outcomeOf } from './evaluate.ts';
import type { Profile } from './fields.ts';
import { explainEnterprise, type EnterpriseExplanation } from './explanation.ts';
import type { Notes } from './profile-notes.ts';
import { buildProfile, loadProfiles, loadRecords, today } from './profile.ts';
import {
  fullRunsSince,
  latestProfileRun,
  lockMatches,
  queueIsEmpty,
  queueLength,
  recordRun,
  selectCurrentRule,
  selectMatches,
  selectRulesInForce,
  takeQueue,
  writeDiff,
  type MatchRow,
  type PolicyRule,
} from './repository.ts';
import type { Rule } from './rule.ts';
import { clusterOrder, StoreBuilder, type ColumnStore } from './store.ts';

/**
 * 政策找企业: keeps policy_matches equal to every current rule evaluated against every active
 * enterprise. The column store stays warm in memory per database; the match_queue (filled by
 * triggers) says which enterprises changed; policies are re-matched when their owner says so.
 * Operations on one database run one at a time in this process; across processes an advisory
 * lock serialises the writes, and every write is a diff, so running twice is harmless. Another
 * process may drain the queue this one's store never sees: match_runs tells, and the store is
 * rebuilt before it is used again.
 */
interface State {
  store?: ColumnStore;
  storeDay?: string;
  /** The day whose full match this process has seen (made or found in match_runs). */
  fullDay?: string;
  /** The latest profile-reading run (latestProfileRun) the warm store reflects. */
  seenRun?: number;
  tail: Promise<unknown>;
}

const states = new WeakMap<Db, State>();

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) states.set(db, (s = { tail: Promise.resolve() }));
  return s;
}

function serial<T>(db: Db, f: (s: State) => Promise<T>): Promise<T> {
  const s = stateOf(db);
  const run = s.tail.then(() => f(s));
  s.tail = run.catch(() => undefined);
  return run;
}

/** When a queue is longer than this share of the district, a full match is cheaper than one by one. */
const FULL_MATCH_SHARE = 0.2;

export interface RunSummary {
  policies: number;
  enterprises: number;
  changed: number;
  durationMs: number;
}

async function buildStore(db: Db, day: string): Promise<ColumnStore> {
  const profiles = await loadProfiles(db, undefined, day);
  const order = clusterOrder(profiles.map((p) => p.profile));
  const builder = new StoreBuilder(order.map((i) => profiles[i]!.id));
  for (const i of order) builder.add(profiles[i]!.active, profiles[i]!.profile);
  return builder.finish();
}

/** The warm store, rebuilt when it is of another day or another process has read profiles since. */
async function storeFor(db: Db, s: State, day: string): Promise<ColumnStore> {
  const latest = await latestProfileRun(db);
  if (!s.store || s.storeDay !== day || s.seenRun !== latest) {
    s.store = await buildStore(db, day);
    s.storeDay = day;
    s.seenRun = latest;
  }
  return s.store;
}

function matchesOf(store: ColumnStore, rules: readonly PolicyRule[]): MatchRow[] {
  const out: MatchRow[] = [];
  forEachRuleSets(
    store,
    rules.map((r) => r.rule),
    (i, sets, counts) => {
      const r = rules[i]!;
      if (counts.eligible)
        forEachBit(sets.p, (row) =>
          out.push({ policyId: r.policyId, enterpriseId: store.ids[row]!, outcome: 'eligible', version: r.version }),
        );
      if (counts.unknown)
        forEachBit(sets.u, (row) =>
          out.push({ policyId: r.policyId, enterpriseId: store.ids[row]!, outcome: 'unknown', version: r.version }),
        );
    },
  );
  return out;
}

async function fullMatch(db: Db, s: State): Promise<RunSummary> {
  const started = performance.now();
  const day = today();
  const summary = await db.transaction().execute(async (trx) => {
    await lockMatches(trx);
    // The queue is taken first: whatever changes after this is queued again by the triggers.
    await takeQueue(trx);
    const store = await buildStore(trx, day);
    s.store = store;
    s.storeDay = day;
    const rules = await selectRulesInForce(trx, day);
    const wanted = matchesOf(store, rules);
    const changed = await writeDiff(trx, await selectMatches(trx, {}), wanted);
    const run = { policies: rules.length, enterprises: store.n, changed, durationMs: performance.now() - started };
    s.seenRun = await recordRun(trx, { scope: 'full', ...run });
    return run;
  });
  s.fullDay = day;
  return summary;
}

/** Re-matches the queued enterprises against every current rule. */
async function drain(db: Db, s: State): Promise<RunSummary | undefined> {
  if (await queueIsEmpty(db)) return undefined;
  const started = performance.now();
  const day = today();
  let changedProfiles: { id: number; active: boolean; profile: Profile }[] = [];
  // Whether the warm store missed no other process's drain: then it can follow this one in place.
  let inStep = false;
  let runId = 0;
  const summary = await db.transaction().execute(async (trx) => {
    await lockMatches(trx);
    inStep = s.seenRun === (await latestProfileRun(trx));
    const ids = await takeQueue(trx);
    if (ids.length === 0) return undefined;
    changedProfiles = await loadProfiles(trx, ids, day);
    const rules = await selectRulesInForce(trx, day);
    const wanted: MatchRow[] = [];
    for (const p of changedProfiles) {
      if (!p.active) continue;
      for (const r of rules) {
        const e = eligibilityOf(outcomeOf(r.rule, p.profile));
        if (e !== 'ineligible') wanted.push({ policyId: r.policyId, enterpriseId: p.id, outcome: e, version: r.version });
      }
    }
    const changed = await writeDiff(trx, await selectMatches(trx, { enterpriseIds: ids }), wanted);
    const run = { policies: rules.length, enterprises: ids.length, changed, durationMs: performance.now() - started };
    runId = await recordRun(trx, { scope: 'enterprises', ...run });
    return run;
  });
  // The warm store follows the committed change; an enterprise it has never seen, or a drain
  // by another process it missed, means a rebuild.
  const store = s.store;
  if (!summary) return undefined;
  if (!inStep) s.store = undefined;
  if (store && inStep && s.storeDay === day) {
    s.seenRun = runId;
    for (const p of changedProfiles) {
      const row = store.rowOf.get(p.id);
      if (row === undefined) {
        s.store = undefined;
        break;
      }
      store.put(row, p.active, p.profile);
    }
  }
  return summary;
}

async function fresh(db: Db, s: State): Promise<void> {
  const day = today();
  if (s.fullDay !== day) {
    // A new day (or a new process): rules and policies come into or go out of force, "last year"
    // and ages move on. One full match per day is enough, whichever process makes it.
    if ((await fullRunsSince(db, new Date(`${day}T00:00:00+08:00`))) === 0) {
      await fullMatch(db, s);
      return;
    }
    s.fullDay = day;
  }
  const queued = s.store ? await queueLength(db) : undefined;
  if (queued !== undefined && s.store && queued > s.store.n * FULL_MATCH_SHARE) {
    await fullMatch(db, s);
    return;
  }
  await drain(db, s);
}

/** Matches every published policy in force with a current rule against every active enterprise. */
export function matchAll(db: Db): Promise<RunSummary> {
  return serial(db, (s) => fullMatch(db, s));
}

/** Brings policy_matches up to date with the enterprises queued by the triggers; cheap when none are. */
export function ensureFresh(db: Db): Promise<void> {
  return serial(db, (s) => fresh(db, s));
}

/** Re-matches one policy; call after its rule, status or dates changed (after the commit). */
export function rematchPolicy(db: Db, policyId: number): Promise<void> {
  return serial(db, async (s) => {
    await fresh(db, s);
    const started = performance.now();
    const day = today();
    await db.transaction().execute(async (trx) => {
      await lockMatches(trx);
      // Under the lock: no other process drains while this store is checked and used.
      const store = await storeFor(trx, s, day);
      const rules = await selectRulesInForce(trx, day, [policyId]);
      const wanted = matchesOf(store, rules);
      const changed = await writeDiff(trx, await selectMatches(trx, { policyIds: [policyId] }), wanted);
      await recordRun(trx, {
        scope: 'policy',
        policyId,
        policies: rules.length,
        enterprises: store.n,
        changed,
        durationMs: performance.now() - started,
      });
    });
  });
}

/** The rule editor's live count: how many active enterprises the rule finds eligible or unknown. */
export function countMatches(db: Db, rule: Rule): Promise<{ eligible: number; unknown: number; total: number }> {
  return serial(db, async (s) => {
    await fresh(db, s);
    return countAll(await storeFor(db, s, today()), rule);
  });
}

/** The rule version of a policy valid on `on` (default today). */
export function currentRule(db: Db, policyId: number, on: string = today()): Promise<{ version: number; rule: Rule } | undefined> {
  return selectCurrentRule(db, policyId, on);
}

/**
 * Why a policy's current rule does or does not fit an enterprise, condition by condition, with where
 * each value came from and why one is missing; undefined without a rule in force or such an enterprise.
 */
export async function explainFor(db: Db, policyId: number, enterpriseId: number): Promise<EnterpriseExplanation | undefined> {
  const day = today();
  const [current, [record]] = await Promise.all([selectCurrentRule(db, policyId, day), loadRecords(db, [enterpriseId], day)]);
  if (!current || !record) return undefined;
  const notes: Notes = new Map();
  const profile = buildProfile(record, day, notes);
  return explainEnterprise(evaluate(current.rule, profile), current.version, record.status, notes);
}

/** The warm store, built when missing (the differential test and the benchmark look inside). */
export function warmStore(db: Db): Promise<ColumnStore> {
  return serial(db, (s) => storeFor(db, s, today()));
}
