import type { Db } from '../../platform/db/index.ts';
import { addMonths, shanghaiDate } from '../calendar/working-days.ts';
import { industryName } from '../enterprises/industry.ts';
import { z } from 'zod';
import { instants, monthsOf } from '../appeal-stats/period.ts';
import { isoDate } from '../appeal-stats/schemas.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './repository-figures.ts';

export const FIGURES_BY = ['policy', 'department', 'industry', 'street', 'month'] as const;
export type FiguresBy = (typeof FIGURES_BY)[number];

export const figuresQuery = z.object({
  by: z.enum(FIGURES_BY).default('policy').describe('分组：政策、主管部门、行业门类、街道、月份'),
  from: isoDate.optional().describe('申报日期起（含），缺省为 11 个月前的月初'),
  to: isoDate.optional().describe('申报日期止（含），缺省为今天'),
});

const fields = {
  applications: z.number().describe('申报件数（不含撤回）'),
  approved: z.number().describe('批准件数（含已签协议、已拨付）'),
  refused: z.number().describe('不予批准件数'),
  open: z.number().describe('在审件数'),
  instant: z.number().describe('秒批件数'),
  instantShare: z.number().nullable().describe('秒批占比 = 秒批 ÷ 已决定（批准 + 不予批准）'),
  approvalRate: z.number().nullable().describe('批准率 = 批准 ÷ 已决定'),
  requestedAmount: z.number().describe('申请金额（万元）'),
  approvedAmount: z.number().describe('核定金额（万元，批准的申报）'),
  disbursedAmount: z.number().describe('已拨付金额（万元）'),
  disbursed: z.number().describe('已拨付件数'),
  grantedAmount: z.number().describe('免申即享兑现金额（万元，按兑现日期计入统计期）'),
  granted: z.number().describe('免申即享兑现笔数'),
};
export const figuresTotals = z.object(fields);
export const figuresRow = z.object({ key: z.string().nullable(), name: z.string(), ...fields });
export const figuresResult = z
  .object({
    by: z.enum(FIGURES_BY),
    from: z.string(),
    to: z.string(),
    generatedAt: z.string(),
    rows: z.array(figuresRow),
    totals: figuresTotals,
  })
  .meta({ id: 'ApplicationFigures' });
export type ApplicationFigures = z.output<typeof figuresResult>;
type Totals = z.output<typeof figuresTotals>;

interface Counts {
  key: string | number | null;
  applications: number;
  approved: number;
  refused: number;
  instant: number;
  requested: number;
  approved_amount: number;
  disbursed_amount: number;
  disbursed: number;
  granted_amount: number;
  granted: number;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const ZERO: Omit<Counts, 'key'> = {
  applications: 0,
  approved: 0,
  refused: 0,
  instant: 0,
  requested: 0,
  approved_amount: 0,
  disbursed_amount: 0,
  disbursed: 0,
  granted_amount: 0,
  granted: 0,
};

function totalsOf(c: Omit<Counts, 'key'>): Totals {
  const decided = c.approved + c.refused;
  return {
    applications: c.applications,
    approved: c.approved,
    refused: c.refused,
    open: c.applications - decided,
    instant: c.instant,
    instantShare: ratio(c.instant, decided),
    approvalRate: ratio(c.approved, decided),
    requestedAmount: c.requested,
    approvedAmount: c.approved_amount,
    disbursedAmount: c.disbursed_amount,
    disbursed: c.disbursed,
    grantedAmount: c.granted_amount,
    granted: c.granted,
  };
}

function sum(list: Omit<Counts, 'key'>[]): Omit<Counts, 'key'> {
  return list.reduce(
    (a, b) => ({
      applications: a.applications + b.applications,
      approved: a.approved + b.approved,
      refused: a.refused + b.refused,
      instant: a.instant + b.instant,
      requested: a.requested + b.requested,
      approved_amount: a.approved_amount + b.approved_amount,
      disbursed_amount: a.disbursed_amount + b.disbursed_amount,
      disbursed: a.disbursed + b.disbursed,
      granted_amount: a.granted_amount + b.granted_amount,
      granted: a.granted + b.granted,
    }),
    ZERO,
  );
}

async function names(db: Db, by: FiguresBy, keys: (string | number)[]): Promise<Map<string, string>> {
  const ids = keys.filter((k): k is number => typeof k === 'number');
  if (by === 'industry') return new Map(keys.map((k) => [String(k), `${k} ${industryName(String(k)) ?? ''}`.trim()]));
  if (ids.length === 0) return new Map();
  const rows = await repo.groupNames(db, by, ids);
  return new Map(rows.map((r) => [String(r.id), r.name]));
}

const NO_KEY: Record<FiguresBy, string> = { policy: '—', department: '未指定主管部门', industry: '—', street: '未登记街道', month: '—' };

/**
 * The application figures (申报统计) for the applications submitted in the period: how many,
 * approved, refused, the share decided instantly (秒批), amounts requested, approved, disbursed;
 * beside them what 免申即享 batches paid in the period.
 */
export async function applicationFigures(db: Db, q: z.output<typeof figuresQuery>, now = new Date()): Promise<ApplicationFigures> {
  const to = q.to ?? shanghaiDate(now);
  // Twelve whole months with this one.
  const from = q.from ?? addMonths(to, -11);
  if (to < from) throw AppError.validation('to', '结束日期不能早于开始日期');
  const { start, end } = instants({ from, to });
  const grants = await repo.grantsBy(db, q.by, from, to);
  const rows = await repo.applicationsBy(db, q.by, start, end);
  const byKey = new Map<string, Counts>();
  for (const r of rows) {
    byKey.set(String(r.key), {
      ...ZERO,
      key: r.key,
      applications: Number(r.applications),
      approved: Number(r.approved),
      refused: Number(r.refused),
      instant: Number(r.instant),
      requested: Number(r.requested),
      approved_amount: Number(r.approved_amount),
      disbursed_amount: Number(r.disbursed_amount),
      disbursed: Number(r.disbursed),
    });
  }
  // 免申即享 benefits join the same groups: by their policy, enterprise and month of payment.
  for (const g of grants) {
    const c = byKey.get(String(g.key)) ?? { ...ZERO, key: g.key };
    byKey.set(String(g.key), { ...c, granted_amount: Number(g.amount), granted: Number(g.n) });
  }
  const counts = [...byKey.values()];
  let out: z.output<typeof figuresRow>[];
  if (q.by === 'month') {
    const byMonth = new Map(counts.map((c) => [String(c.key), c]));
    out = monthsOf({ from, to }).map((m) => ({
      key: m,
      name: `${m.slice(0, 4)}年${Number(m.slice(5))}月`,
      ...totalsOf(byMonth.get(m) ?? ZERO),
    }));
  } else {
    const named = await names(
      db,
      q.by,
      counts.flatMap((c) => (c.key === null ? [] : [c.key])),
    );
    out = counts
      .map((c) => ({
        key: c.key === null ? null : String(c.key),
        name: c.key === null ? NO_KEY[q.by] : (named.get(String(c.key)) ?? String(c.key)),
        ...totalsOf(c),
      }))
      .sort((a, b) => b.applications - a.applications || b.grantedAmount - a.grantedAmount || a.name.localeCompare(b.name, 'zh'));
  }
  return { by: q.by, from, to, generatedAt: now.toISOString(), rows: out, totals: totalsOf(sum(counts)) };
}
