import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../tests/support/database.ts';
import type { Database } from '../../platform/db/index.ts';
import { Rng } from '../../seed/random.ts';
import { countMatches, ensureFresh, matchAll, rematchPolicy } from './engine.ts';
import { eligibilityOf, outcomeOf } from './evaluate.ts';
import { loadProfiles, today } from './profile.ts';
import type { Rule } from './rule.ts';
import { insertRandomDistrict, randomPolicyRule, randomRule } from './testdata.ts';

/**
 * The batch engine (column store + bitsets, incremental updates) must give exactly what
 * evaluate() gives one enterprise at a time, on a generated district with missing data
 * everywhere and random rules over every operator and nesting.
 */
const ENTERPRISES = 2_500;
const POLICIES = 300;

let database: Database;
const rules = new Map<number, Rule>();
const rng = new Rng(20260505);

async function expected(): Promise<string[]> {
  const profiles = await loadProfiles(database.db);
  const out: string[] = [];
  for (const [policyId, rule] of rules) {
    for (const p of profiles) {
      if (!p.active) continue;
      const e = eligibilityOf(outcomeOf(rule, p.profile));
      if (e !== 'ineligible') out.push(`${policyId}:${p.id}:${e}`);
    }
  }
  return out.sort();
}

async function stored(): Promise<string[]> {
  const rows = await database.db.selectFrom('policy_matches').select(['policy_id', 'enterprise_id', 'outcome']).execute();
  return rows.map((r) => `${r.policy_id}:${r.enterprise_id}:${r.outcome}`).sort();
}

async function expectSame(): Promise<void> {
  const [want, have] = await Promise.all([expected(), stored()]);
  expect(have.length).toBe(want.length);
  expect(have).toEqual(want);
}

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  const lastYear = Number(today().slice(0, 4)) - 1;
  await insertRandomDistrict(db, ENTERPRISES, 99, lastYear);
  for (let i = 0; i < POLICIES; i++) {
    // Some policies are drafts, expired or not yet in force: they must match nobody.
    const kind = i % 20 === 0 ? 'draft' : i % 20 === 1 ? 'expired' : i % 20 === 2 ? 'future' : 'live';
    const policy = await db
      .insertInto('policies')
      .values({
        code: `T${i}`,
        title: `测试政策${i}`,
        issuer: '测试',
        level: 'district',
        status: kind === 'draft' ? 'draft' : 'published',
        effective_from: kind === 'future' ? '2099-01-01' : '2020-01-01',
        effective_to: kind === 'expired' ? '2021-01-01' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Every tenth rule is a bare random tree (any shape at the top); the rest look like policies.
    const rule = i % 10 === 5 ? randomRule(rng) : randomPolicyRule(rng);
    await db
      .insertInto('policy_rules')
      .values({ policy_id: policy.id, version: 1, valid_from: '2020-01-01', rule: JSON.stringify(rule) })
      .execute();
    if (kind === 'live') rules.set(policy.id, rule);
  }
}, 600_000);

afterAll(() => database.close());

describe('differential: batch engine = evaluate() per enterprise', () => {
  it('after a full match', async () => {
    const run = await matchAll(database.db);
    expect(run.policies).toBe(rules.size);
    await expectSame();
    // The generated data must exercise all three outcomes, or the comparison proves little.
    const outcomes = await database.db
      .selectFrom('policy_matches')
      .select(['outcome'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('outcome')
      .execute();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['eligible', 'unknown']);
    const again = await matchAll(database.db);
    expect(again.changed).toBe(0);
  });

  it('after enterprises change in the database (queued by the triggers) and ensureFresh', async () => {
    const db = database.db;
    const [a, b, c] = (await db.selectFrom('enterprises').select('id').orderBy('id').limit(3).offset(100).execute()).map((r) => r.id);
    await db
      .updateTable('enterprises')
      .set({ scale: 'large', industry_code: 'C39', founded_on: '2001-02-03', registered_capital: null })
      .where('id', '=', a!)
      .execute();
    await db.deleteFrom('enterprise_tags').where('enterprise_id', '=', b!).execute();
    await db
      .insertInto('enterprise_tags')
      .values([
        { enterprise_id: b!, tag: '专精特新' },
        { enterprise_id: b!, tag: '小巨人' },
      ])
      .execute();
    const ly = Number(today().slice(0, 4)) - 1;
    await db.deleteFrom('enterprise_annual_figures').where('enterprise_id', '=', c!).execute();
    await db
      .insertInto('enterprise_annual_figures')
      .values({ enterprise_id: c!, year: ly, revenue: 12_345, rd_expense: 800, patents: 7 })
      .execute();
    await db
      .updateTable('enterprises')
      .set({ status: 'moved_out' })
      .where('id', '=', a! + 10)
      .execute();
    expect(await db.selectFrom('match_queue').select('enterprise_id').execute()).toHaveLength(4);
    await ensureFresh(db);
    expect(await db.selectFrom('match_queue').select('enterprise_id').execute()).toHaveLength(0);
    await expectSame();
  });

  it('the warm store, updated in place, counts as evaluate() does', async () => {
    const profiles = (await loadProfiles(database.db)).filter((p) => p.active);
    for (const rule of rules.values()) {
      let eligible = 0;
      let unknown = 0;
      for (const p of profiles) {
        const o = outcomeOf(rule, p.profile);
        if (o === 'pass') eligible++;
        else if (o === 'unknown') unknown++;
      }
      expect(await countMatches(database.db, rule)).toEqual({ eligible, unknown, total: profiles.length });
    }
  });

  it('after one policy changes its rule and rematchPolicy', async () => {
    const db = database.db;
    const [policyId] = [...rules.keys()];
    const rule = randomRule(rng);
    await db
      .updateTable('policy_rules')
      .set({ rule: JSON.stringify(rule) })
      .where('policy_id', '=', policyId!)
      .execute();
    rules.set(policyId!, rule);
    await rematchPolicy(db, policyId!);
    await expectSame();
    // Archived: its matches go.
    await db.updateTable('policies').set({ status: 'archived' }).where('id', '=', policyId!).execute();
    rules.delete(policyId!);
    await rematchPolicy(db, policyId!);
    await expectSame();
  });
});
