import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { searchPolicies } from '../src/modules/policies/repository.ts';
import { insertGeneratedPolicies } from '../tests/support/policy-gen.ts';
import { BENCH_URL, admin, timed } from './support.ts';

/**
 * The policy library's full-text search (jieba words against the weighted tsvector, trigram
 * fallback for short queries, filters, count and one page) over N generated policies on
 * PostgreSQL (BENCH_DATABASE_URL), in a schema of its own dropped afterwards. N from
 * BENCH_POLICIES (default 5,000, Suzhou's library holds 2,147). Times include segmenting the query.
 */
const N = Number(process.env.BENCH_POLICIES ?? 5_000);
const QUERIES = [
  '专精特新',
  '高新技术企业',
  '研发费用',
  '免申即享',
  '稳岗返还',
  '产业用房租金',
  '跨境电商',
  '人才住房',
  '贷款贴息',
  '技术改造',
  '小巨人',
  '专精',
  '首台套 重大技术装备',
  '出口信用保险保费',
];

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${s.at(-1)!.toFixed(1)} ms`;
}

export async function run(): Promise<void> {
  const schema = `bench_pol_${randomBytes(4).toString('hex')}`;
  await admin('create extension if not exists pg_trgm schema public');
  await admin(`create schema ${schema}`);
  const database = await openDatabase({ databaseUrl: BENCH_URL, dataDir: 'unused', schema, poolSize: 4 });
  try {
    const db = database.db;
    await migrateToLatest(db, schema);
    const load = await timed(() => insertGeneratedPolicies(db, N));
    console.log(`${N} generated policies segmented and inserted in ${(load.ms / 1000).toFixed(1)} s`);
    const page = { page: 1, pageSize: 20 };
    for (const q of QUERIES) await searchPolicies(db, { q, ...page }, true);
    const cases: [string, (q: string) => Parameters<typeof searchPolicies>[1]][] = [
      ['query only', (q) => ({ q, ...page })],
      ['query + in force + level', (q) => ({ q, inForceOn: '2026-06-01', level: 'district', ...page })],
      ['query + industry C (section)', (q) => ({ q, industry: 'C', ...page })],
    ];
    for (const [label, f] of cases) {
      const times: number[] = [];
      for (let round = 0; round < 5; round++) for (const q of QUERIES) times.push((await timed(() => searchPolicies(db, f(q), true))).ms);
      console.log(`search, ${label.padEnd(30)} ${stats(times)} (${times.length} queries)`);
    }
    const browse: number[] = [];
    for (let p = 1; p <= 20; p++)
      browse.push((await timed(() => searchPolicies(db, { level: 'municipal', page: p, pageSize: 20 }, false))).ms);
    console.log(`browse without query (filters, newest first)  ${stats(browse)}`);
  } finally {
    await database.close();
    await admin(`drop schema ${schema} cascade`);
  }
}
