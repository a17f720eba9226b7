import type { Db } from '../../platform/db/index.ts';
import type { Rule } from '../matching/rule.ts';

/** Fixtures for the application tests: a published policy with a rule and its notices. */
export async function createPolicy(
  db: Db,
  opts: { rule?: Rule; maxAmount?: number; departmentId?: number | null; title?: string } = {},
): Promise<number> {
  const code = `T-${Math.random().toString(36).slice(2, 10)}`;
  const dept =
    opts.departmentId !== undefined
      ? opts.departmentId
      : ((await db.selectFrom('departments').select('id').where('code', '=', 'GXJ').executeTakeFirst())?.id ?? null);
  const { id } = await db
    .insertInto('policies')
    .values({
      code,
      title: opts.title ?? `测试政策 ${code}`,
      issuer: '区工业和信息化局',
      department_id: dept,
      level: 'district',
      effective_from: '2020-01-01',
      max_amount: opts.maxAmount ?? 50,
      status: 'published',
      published_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (opts.rule)
    await db
      .insertInto('policy_rules')
      .values({ policy_id: id, version: 1, valid_from: '2020-01-01', rule: JSON.stringify(opts.rule) })
      .execute();
  return id;
}

export async function createNotice(
  db: Db,
  policyId: number,
  opts: {
    opensAt?: Date;
    closesAt?: Date;
    declaredFields?: string[];
    materials?: { name: string; required: boolean }[];
    reviewLevels?: number;
    status?: 'draft' | 'published';
  } = {},
): Promise<number> {
  const day = 86_400_000;
  const { id } = await db
    .insertInto('policy_notices')
    .values({
      policy_id: policyId,
      title: '2026 年度申报通知',
      opens_at: opts.opensAt ?? new Date(Date.now() - day),
      closes_at: opts.closesAt ?? new Date(Date.now() + 30 * day),
      declared_fields: JSON.stringify(opts.declaredFields ?? ['scale', 'employees']),
      materials: JSON.stringify(
        opts.materials ?? [
          { name: '申请表', required: true },
          { name: '其他证明', required: false },
        ],
      ),
      review_levels: opts.reviewLevels ?? 1,
      status: opts.status ?? 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A second enterprise user (same password as the demo accounts), for access tests. */
export async function createEnterpriseUser(db: Db, username: string, enterpriseId: number): Promise<void> {
  const demo = await db.selectFrom('users').select('password_hash').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({
      username,
      display_name: username,
      password_hash: demo.password_hash,
      role: 'enterprise',
      enterprise_id: enterpriseId,
      mobile: null,
      department_id: null,
      street_id: null,
      locked_until: null,
      last_login_at: null,
      password_changed_at: new Date(),
      email: null,
    })
    .execute();
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

/** A multipart body: the form as JSON in `data`, files under their field names. */
export function multipart(data: unknown, files: { field: string; name: string; data: Buffer }[]) {
  const boundary = `----qifu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`)];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  return {
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
