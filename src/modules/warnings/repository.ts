import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { WarningLevel, WarningStatus } from '../../platform/db/schema-warnings.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { industryName } from '../enterprises/industry.ts';
import { addMonths } from '../calendar/working-days.ts';
import { WINDOW_MONTHS } from './rules.ts';
import { latestMonth } from './repository-evaluation.ts';
import { canAct, canSee } from './service.ts';

export interface ListFilter {
  month?: string | undefined;
  level?: WarningLevel | undefined;
  status?: WarningStatus | undefined;
  ruleId?: number | undefined;
  streetId?: number | undefined;
  industry?: string | undefined;
  q?: string | undefined;
  mine?: boolean | undefined;
  unassigned?: boolean | undefined;
  relocation?: boolean | undefined;
  page: number;
  pageSize: number;
}

function base(db: Db) {
  return db
    .selectFrom('enterprise_warnings as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .innerJoin('warning_rules as r', 'r.id', 'w.rule_id')
    .leftJoin('streets as s', 's.id', 'e.street_id')
    .leftJoin('users as u', 'u.id', 'w.assigned_user_id');
}

const columns = [
  'w.id',
  'w.enterprise_id',
  'e.name as enterprise_name',
  'e.uscc',
  'e.industry_code',
  's.name as street_name',
  'w.rule_id',
  'r.name as rule_name',
  'r.kind',
  'r.indicator',
  'w.level',
  'w.value',
  'w.explanation',
  'w.status',
  'w.assigned_user_id',
  'u.display_name as assigned_name',
  'w.actions_taken',
  'w.closed_at',
  'w.created_at',
] as const;

function toItem(r: {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  uscc: string;
  industry_code: string;
  street_name: string | null;
  rule_id: number;
  rule_name: string;
  kind: string;
  indicator: string | null;
  level: WarningLevel;
  value: number | null;
  explanation: string;
  status: WarningStatus;
  assigned_user_id: number | null;
  assigned_name: string | null;
  actions_taken: string | null;
  closed_at: Date | null;
  created_at: Date;
  month: string;
}) {
  return {
    id: r.id,
    month: r.month,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    uscc: r.uscc,
    industryCode: r.industry_code,
    street: r.street_name,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    kind: r.kind,
    indicator: r.indicator,
    level: r.level,
    value: r.value,
    explanation: r.explanation,
    status: r.status,
    assignedUserId: r.assigned_user_id,
    assignedName: r.assigned_name,
    actionsTaken: r.actions_taken,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
export type WarningItem = ReturnType<typeof toItem>;

export async function listWarnings(db: Db, user: SessionUser, f: ListFilter) {
  let q = base(db);
  if (user.role === 'cadre' || f.mine) q = q.where('w.assigned_user_id', '=', user.id);
  if (f.month) q = q.where('w.month', '=', f.month);
  if (f.level) q = q.where('w.level', '=', f.level);
  if (f.status) q = q.where('w.status', '=', f.status);
  if (f.ruleId) q = q.where('w.rule_id', '=', f.ruleId);
  if (f.streetId) q = q.where('e.street_id', '=', f.streetId);
  if (f.industry) q = q.where('e.industry_code', 'like', `${f.industry.toUpperCase()}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'ilike', `%${f.q}%`), eb('e.uscc', '=', f.q!.toUpperCase())]));
  if (f.unassigned) q = q.where('w.assigned_user_id', 'is', null);
  if (f.relocation) q = q.where('r.kind', 'in', ['relocation_address', 'relocation_power']);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([...columns, sql<string>`to_char(w.month, 'YYYY-MM-DD')`.as('month')])
    .orderBy(sql`case w.status when 'open' then 0 when 'following' then 1 else 2 end`)
    .orderBy(sql`case w.level when 'red' then 0 when 'orange' then 1 else 2 end`)
    .orderBy('w.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map(toItem), total: Number(total.n) };
}

export async function getWarning(db: Db, user: SessionUser, id: number) {
  const row = await base(db)
    .select([...columns, sql<string>`to_char(w.month, 'YYYY-MM-DD')`.as('month')])
    .where('w.id', '=', id)
    .executeTakeFirst();
  if (!row || !canSee(user, row)) throw new AppError('NOT_FOUND', '预警不存在');
  const from = addMonths(row.month, -(WINDOW_MONTHS - 1));
  const series = await db
    .selectFrom('enterprise_indicators')
    .select([
      sql<string>`to_char(month, 'YYYY-MM-DD')`.as('month'),
      'output',
      'value_added',
      'fixed_investment',
      'tax',
      'employees',
      'electricity',
      'water',
      'gas',
    ])
    .where('enterprise_id', '=', row.enterprise_id)
    .where('month', '>=', from)
    .where('month', '<=', row.month)
    .orderBy('month')
    .execute();
  const actions = await db
    .selectFrom('warning_actions as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.kind', 'a.note', 'a.created_at', 'u.display_name'])
    .where('a.warning_id', '=', id)
    .orderBy('a.id')
    .execute();
  const others = await db
    .selectFrom('enterprise_warnings as w')
    .innerJoin('warning_rules as r', 'r.id', 'w.rule_id')
    .select(['w.id', 'r.name', 'w.level', 'w.status', sql<string>`to_char(w.month, 'YYYY-MM-DD')`.as('month')])
    .where('w.enterprise_id', '=', row.enterprise_id)
    .where('w.id', '<>', id)
    .orderBy('w.id', 'desc')
    .limit(20)
    .execute();
  return {
    ...toItem(row),
    canAct: canAct(user, row) && row.status !== 'closed',
    canReopen: canAct(user, row) && row.status === 'closed',
    series,
    actions: actions.map((a) => ({ id: a.id, kind: a.kind, note: a.note, by: a.display_name, at: new Date(a.created_at).toISOString() })),
    others: others.map((o) => ({ id: o.id, ruleName: o.name, level: o.level, status: o.status, month: o.month })),
  };
}

const LEVELS = ['red', 'orange', 'yellow'] as const;

/** The monthly monitoring report: warnings raised for `month`, by level, industry section, street; relocation risks; what was done. */
export async function monthlyReport(db: Db, monthIn?: string) {
  const month = monthIn ?? (await latestMonth(db)) ?? '';
  const months = await db
    .selectFrom('enterprise_warnings')
    .select(sql<string>`to_char(month, 'YYYY-MM-DD')`.as('m'))
    .distinct()
    .orderBy('m', 'desc')
    .limit(36)
    .execute();
  const rows = await base(db)
    .select(['w.id', 'w.level', 'w.status', 'r.kind', 'e.industry_code', 's.name as street_name', 'e.street_id'])
    .where('w.month', '=', month)
    .execute();
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<WarningLevel, number>;
  const byStatus: Record<WarningStatus, number> = { open: 0, following: 0, closed: 0 };
  type Group = { key: string; name: string; red: number; orange: number; yellow: number; total: number; closed: number };
  const group = (map: Map<string, Group>, key: string, name: string, r: { level: WarningLevel; status: WarningStatus }) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { key, name, red: 0, orange: 0, yellow: 0, total: 0, closed: 0 }));
    g[r.level]++;
    g.total++;
    if (r.status === 'closed') g.closed++;
  };
  const sections = new Map<string, Group>();
  const streets = new Map<string, Group>();
  const byRule = new Map<string, Group>();
  for (const r of rows) {
    byLevel[r.level]++;
    byStatus[r.status]++;
    const sec = r.industry_code.slice(0, 1);
    group(sections, sec, industryName(sec) ?? sec, r);
    group(streets, String(r.street_id ?? 0), r.street_name ?? '（不在本区街道）', r);
  }
  const ruleRows = await base(db).select(['r.id', 'r.name', 'w.level', 'w.status']).where('w.month', '=', month).execute();
  for (const r of ruleRows) group(byRule, String(r.id), r.name, r);
  const sort = (m: Map<string, Group>) => [...m.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  // Whole lists, never cut (a month has at most one warning per enterprise and rule): the page, the
  // workbook and the count of relocation-risk enterprises all come from them.
  const relocation = await base(db)
    .select([...columns, sql<string>`to_char(w.month, 'YYYY-MM-DD')`.as('month')])
    .where('w.month', '=', month)
    .where('r.kind', 'in', ['relocation_address', 'relocation_power'])
    .orderBy('e.name')
    .execute();
  const closed = await base(db)
    .select([...columns, sql<string>`to_char(w.month, 'YYYY-MM-DD')`.as('month')])
    .where('w.month', '=', month)
    .where('w.status', '=', 'closed')
    .orderBy('w.closed_at', 'desc')
    .execute();
  const actionCount = await db
    .selectFrom('warning_actions as a')
    .innerJoin('enterprise_warnings as w', 'w.id', 'a.warning_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('w.month', '=', month)
    .where('a.kind', '=', 'follow_up')
    .executeTakeFirstOrThrow();
  return {
    month,
    months: months.map((m) => m.m),
    total: rows.length,
    byLevel,
    byStatus,
    followUps: Number(actionCount.n),
    relocationEnterprises: new Set(relocation.map((r) => r.enterprise_id)).size,
    byRule: sort(byRule),
    bySection: sort(sections),
    byStreet: sort(streets),
    relocation: relocation.map(toItem),
    closed: closed.map(toItem),
  };
}
export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;
