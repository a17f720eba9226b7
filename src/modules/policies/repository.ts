import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { DB, Db, Tx } from '../../platform/db/index.ts';
import { industryCodesUnder, industryPath } from '../enterprises/industry.ts';
import type { SearchQuery } from './schemas.ts';
import { queryTokens } from './tokens.ts';

/** Queries of up to this many characters also match titles by substring (pg_trgm index): 专精, 人才. */
const SHORT_QUERY = 4;
const SNIPPET = 80;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const dateText = (col: string) => sql<string>`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
const openNotices = sql<number>`(select count(*)::int from policy_notices n where n.policy_id = p.id and n.status = 'published' and now() between n.opens_at and n.closes_at)`;
const inForce = sql<boolean>`(p.effective_from <= current_date and (p.effective_to is null or p.effective_to >= current_date))`;

function base(db: Db) {
  return db.selectFrom('policies as p').leftJoin('departments as d', 'd.id', 'p.department_id');
}

const listColumns = [
  'p.id',
  'p.code',
  'p.title',
  'p.doc_number',
  'p.issuer',
  'p.department_id',
  'd.name as department_name',
  'p.level',
  'p.category',
  'p.summary',
  'p.max_amount',
  'p.industry_codes',
  'p.auto_grant',
  'p.status',
  'p.published_at',
] as const;

interface ListRow {
  id: number;
  code: string;
  title: string;
  doc_number: string | null;
  issuer: string;
  department_id: number | null;
  department_name: string | null;
  level: 'national' | 'provincial' | 'municipal' | 'district';
  category: string;
  summary: string;
  max_amount: number | null;
  industry_codes: string[];
  auto_grant: boolean;
  status: 'draft' | 'published' | 'archived';
  published_at: Date | null;
  effective_from: string;
  effective_to: string | null;
  in_force: boolean;
  open_notices: number;
}

export function toItem(r: ListRow) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    docNumber: r.doc_number,
    issuer: r.issuer,
    departmentId: r.department_id,
    departmentName: r.department_name,
    level: r.level,
    category: r.category,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    inForce: r.in_force,
    summary: r.summary,
    maxAmount: r.max_amount,
    industryCodes: r.industry_codes,
    autoGrant: r.auto_grant,
    status: r.status,
    publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    openNotices: Number(r.open_notices),
  };
}

/** The text around the first query word, from the summary or else the full text; empty without a hit. */
export function snippetOf(terms: readonly string[], ...texts: string[]): string {
  for (const text of texts) {
    const lower = text.toLowerCase();
    let at = -1;
    for (const t of terms) {
      const i = lower.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at < 0) continue;
    const from = Math.max(0, at - SNIPPET / 4);
    return `${from > 0 ? '…' : ''}${text.slice(from, from + SNIPPET).replace(/\s+/g, ' ')}${from + SNIPPET < text.length ? '…' : ''}`;
  }
  return '';
}

/**
 * The library search: jieba words of the query against the weighted search_vector (a title hit
 * counts 2.5 times a body hit in ts_rank), short queries also by title substring; filters by
 * level, department, industry (any level of GB/T 4754: 'C' finds policies for C39 too, 'C3911' those for C39), category,
 * day in force and status. Enterprises see published policies only (`publishedOnly`).
 */
export async function searchPolicies(db: Db, f: SearchQuery, publishedOnly: boolean) {
  const started = performance.now();
  const q = f.q ?? '';
  const terms = q ? queryTokens(q) : [];
  const tsq = sql`plainto_tsquery('simple', ${terms.join(' ')})`;
  const short = q !== '' && [...q].length <= SHORT_QUERY;
  const titleLike = `%${escapeLike(q)}%`;
  const where: Expression<SqlBool>[] = [];
  if (q) {
    const hits: Expression<SqlBool>[] = [];
    if (terms.length > 0) hits.push(sql<SqlBool>`p.search_vector @@ ${tsq}`);
    if (short || terms.length === 0) hits.push(sql<SqlBool>`p.title ilike ${titleLike}`);
    where.push(hits.length === 1 ? hits[0]! : sql<SqlBool>`(${hits[0]!} or ${hits[1]!})`);
  }
  if (publishedOnly) where.push(sql<SqlBool>`p.status = 'published'`);
  else if (f.status) where.push(sql<SqlBool>`p.status = ${f.status}`);
  if (f.level) where.push(sql<SqlBool>`p.level = ${f.level}`);
  if (f.departmentId) where.push(sql<SqlBool>`p.department_id = ${f.departmentId}`);
  if (f.category) where.push(sql<SqlBool>`p.category = ${f.category}`);
  if (f.autoGrant !== undefined) where.push(sql<SqlBool>`p.auto_grant = ${f.autoGrant}`);
  if (f.industry) {
    // A policy listed for a code serves everything under it: a filter on C3911 also finds the
    // policies for C391, C39 and C; a filter on C finds those for any code of manufacturing.
    const all = [...industryPath(f.industry).slice(0, -1), ...industryCodesUnder(f.industry)];
    where.push(sql<SqlBool>`p.industry_codes && ${all}::text[]`);
  }
  if (f.inForceOn)
    where.push(
      sql<SqlBool>`(p.effective_from <= ${f.inForceOn}::date and (p.effective_to is null or p.effective_to >= ${f.inForceOn}::date))`,
    );

  const filtered = base(db).where((eb) => eb.and(where));
  const rank = q
    ? sql<number>`(${terms.length > 0 ? sql`ts_rank(p.search_vector, ${tsq})` : sql`0`} + case when p.title ilike ${titleLike} then 1 else 0 end)`
    : sql<number>`null::float8`;
  // The total comes with the page (one pass over the matches); only a page past the end needs a count of its own.
  let rows = filtered
    .select([
      ...listColumns,
      dateText('p.effective_from').as('effective_from'),
      dateText('p.effective_to').as('effective_to'),
      inForce.as('in_force'),
      openNotices.as('open_notices'),
      rank.as('rank'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  if (q) rows = rows.orderBy('rank', 'desc');
  const result = await rows.orderBy('p.effective_from', 'desc').orderBy('p.id', 'desc').execute();
  const total =
    result[0]?.total ?? (f.page > 1 ? (await filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n : 0);
  const snippetTerms = terms.length > 0 ? terms : q ? [q.toLowerCase()] : [];
  // Full texts only for the page: selected with the matches, every match's text would be read before the sort.
  const texts = new Map<number, string>();
  if (snippetTerms.length > 0 && result.length > 0) {
    const rows = await db
      .selectFrom('policies')
      .select(['id', 'full_text'])
      .where(
        'id',
        'in',
        result.map((r) => r.id),
      )
      .execute();
    for (const r of rows) texts.set(r.id, r.full_text);
  }
  return {
    items: result.map((r) => ({
      ...toItem(r),
      rank: r.rank === null ? null : Number(r.rank),
      snippet: snippetTerms.length ? snippetOf(snippetTerms, r.summary, texts.get(r.id) ?? '') : '',
    })),
    total: Number(total),
    terms: snippetTerms,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

export async function policyRow(db: Db, id: number) {
  return base(db)
    .select([
      ...listColumns,
      dateText('p.effective_from').as('effective_from'),
      dateText('p.effective_to').as('effective_to'),
      inForce.as('in_force'),
      openNotices.as('open_notices'),
      'p.full_text',
      'p.interpretation',
      'p.benefit',
      'p.created_at',
      'p.updated_at',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function attachmentsOf(db: Db, policyId: number) {
  return db
    .selectFrom('policy_attachments')
    .select(['id', 'file_name', 'mime', 'size', 'created_at'])
    .where('policy_id', '=', policyId)
    .orderBy('id')
    .execute();
}

const noticeColumns = [
  'n.id',
  'n.policy_id',
  'p.title as policy_title',
  'n.title',
  'n.body',
  'n.opens_at',
  'n.closes_at',
  'n.materials',
  'n.declared_fields',
  'n.review_levels',
  'n.budget',
  'n.status',
] as const;

function toNotice(r: {
  id: number;
  policy_id: number;
  policy_title: string;
  title: string;
  body: string;
  opens_at: Date;
  closes_at: Date;
  materials: unknown;
  declared_fields: unknown;
  review_levels: number;
  budget: number | null;
  status: 'draft' | 'published' | 'withdrawn';
}) {
  const opens = new Date(r.opens_at);
  const closes = new Date(r.closes_at);
  const now = Date.now();
  return {
    id: r.id,
    policyId: r.policy_id,
    policyTitle: r.policy_title,
    title: r.title,
    body: r.body,
    opensAt: opens.toISOString(),
    closesAt: closes.toISOString(),
    materials: r.materials as { name: string; required: boolean }[],
    declaredFields: r.declared_fields as string[],
    reviewLevels: r.review_levels,
    budget: r.budget,
    status: r.status,
    open: r.status === 'published' && opens.getTime() <= now && now <= closes.getTime(),
  };
}

export async function noticesOf(db: Db, policyId: number, publishedOnly: boolean) {
  let q = db
    .selectFrom('policy_notices as n')
    .innerJoin('policies as p', 'p.id', 'n.policy_id')
    .select(noticeColumns)
    .where('n.policy_id', '=', policyId);
  if (publishedOnly) q = q.where('n.status', '=', 'published');
  return (await q.orderBy('n.opens_at', 'desc').orderBy('n.id', 'desc').execute()).map(toNotice);
}

export async function noticeById(db: Db, id: number) {
  const r = await db
    .selectFrom('policy_notices as n')
    .innerJoin('policies as p', 'p.id', 'n.policy_id')
    .select([...noticeColumns, 'p.status as policy_status'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  return r ? { ...toNotice(r), policyStatus: r.policy_status } : undefined;
}

/** Notices across the library, newest window first; `open` = published and open now. Enterprises see published ones of published policies. */
export async function listNotices(db: Db, f: { open?: boolean | undefined; page: number; pageSize: number }, publishedOnly: boolean) {
  let q = db.selectFrom('policy_notices as n').innerJoin('policies as p', 'p.id', 'n.policy_id');
  if (publishedOnly) q = q.where('n.status', '=', 'published').where('p.status', '=', 'published');
  if (f.open) q = q.where('n.status', '=', 'published').where(sql<SqlBool>`now() between n.opens_at and n.closes_at`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(noticeColumns)
    .orderBy('n.closes_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { items: rows.map(toNotice), total: Number(total.n) };
}

// ——— attachments ———

export async function attachmentCount(tx: Tx, policyId: number): Promise<number> {
  const { n } = await tx
    .selectFrom('policy_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('policy_id', '=', policyId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export function insertAttachments(tx: Tx, rows: Insertable<DB['policy_attachments']>[]) {
  return tx.insertInto('policy_attachments').values(rows).returning(['id', 'file_name', 'mime', 'size', 'created_at']).execute();
}

export function attachmentFile(db: Db, policyId: number, fileId: number) {
  return db
    .selectFrom('policy_attachments')
    .select(['file_name', 'mime', 'content'])
    .where('policy_id', '=', policyId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/** Deletes the policy's attachment; its file name, or undefined when there was none. */
export async function deleteAttachment(tx: Tx, policyId: number, fileId: number): Promise<string | undefined> {
  return (
    await tx
      .deleteFrom('policy_attachments')
      .where('policy_id', '=', policyId)
      .where('id', '=', fileId)
      .returning(['file_name'])
      .executeTakeFirst()
  )?.file_name;
}
