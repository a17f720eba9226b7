import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db/index.ts';
import { DATE, dateCell, pages, streamedWorkbook, streamTable } from '../../platform/excel.ts';
import type { ChangeField, ChangeStatus } from '../../platform/db/schema-enterprise-file.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor, SessionUser } from '../../platform/http/access.ts';
import { industryName, validateIndustryCode } from '../enterprises/industry.ts';
import { SCALE_NAMES, type listQuery } from '../enterprises/schemas.ts';
import { normalizeUscc } from '../enterprises/uscc.ts';
import * as repo from './repository.ts';
import type { contactInput } from './schemas.ts';

/** Rows read per query while an export is written. */
const EXPORT_PAGE = 5_000;

async function mustExist(
  db: Db,
  id: number,
): Promise<{ id: number; uscc: string; name: string; address: string | null; legal_representative: string | null }> {
  const e = await repo.enterpriseById(db, id);
  if (!e) throw AppError.notFound('企业');
  return e;
}

export async function assertExists(db: Db, id: number): Promise<void> {
  await mustExist(db, id);
}

/** The enterprise's credit code (what its 一企一码 holds); 404 when there is no such enterprise. */
export async function usccOf(db: Db, id: number): Promise<string> {
  return (await mustExist(db, id)).uscc;
}

export async function indicators(db: Db, enterpriseId: number, months = 24) {
  await mustExist(db, enterpriseId);
  const rows = await repo.indicators(db, enterpriseId, months);
  return {
    units: {
      output: '万元',
      valueAdded: '万元',
      fixedInvestment: '万元',
      tax: '万元',
      employees: '人',
      electricity: 'kWh',
      water: 't',
      gas: 'm³',
    },
    items: rows.reverse().map((r) => ({
      month: r.month.slice(0, 7),
      output: r.output,
      valueAdded: r.value_added,
      fixedInvestment: r.fixed_investment,
      tax: r.tax,
      employees: r.employees,
      electricity: r.electricity,
      water: r.water,
      gas: r.gas,
    })),
  };
}

/** Where a scanned code leads: staff to the file, the enterprise's own user to the portal, others nowhere. */
export async function resolveCode(db: Db, user: SessionUser, code: string) {
  const e = await repo.enterpriseByUscc(db, normalizeUscc(code));
  if (user.role === 'enterprise') {
    if (!e || e.id !== user.enterpriseId) throw AppError.forbidden('该二维码不属于本企业');
    return { id: e.id, name: e.name, target: 'portal' as const };
  }
  if (!e) throw AppError.notFound('企业');
  return { id: e.id, name: e.name, target: 'file' as const };
}

// ——— contacts ———

const contactOut = (c: {
  id: number;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  is_primary: boolean;
}) => ({
  id: c.id,
  name: c.name,
  title: c.title,
  mobile: c.mobile,
  email: c.email,
  primary: c.is_primary,
});

export async function contacts(db: Db, enterpriseId: number) {
  const rows = await repo.contacts(db, enterpriseId);
  return { items: rows.map(contactOut) };
}

/** The enterprise replaces its contact list as a whole (at most one primary contact). */
export async function replaceContacts(db: Db, actor: Actor, enterpriseId: number, input: z.output<typeof contactInput>[]) {
  if (input.filter((c) => c.primary).length > 1) throw AppError.validation('items', '只能有一位主要联系人');
  return db.transaction().execute(async (tx) => {
    await repo.lockForContacts(tx, enterpriseId);
    const before = await contacts(tx, enterpriseId);
    const items = await repo.replaceContacts(
      tx,
      enterpriseId,
      input.map((c) => ({ name: c.name, title: c.title ?? null, mobile: c.mobile ?? null, email: c.email ?? null, primary: c.primary })),
    );
    const after = items.map(contactOut);
    await recordAudit(tx, actor, {
      action: 'enterprise.contacts',
      entityType: 'enterprise',
      entityId: enterpriseId,
      before: before.items,
      after,
    });
    return { items: after };
  });
}

// ——— verified changes ———

const FIELD_COLUMN: Record<ChangeField, 'address' | 'legal_representative'> = {
  address: 'address',
  legal_representative: 'legal_representative',
};

function requestOut(r: {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  uscc: string;
  field: ChangeField;
  old_value: string | null;
  new_value: string;
  status: ChangeStatus;
  requested_at: Date;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}) {
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name, uscc: r.uscc },
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    status: r.status,
    requestedAt: new Date(r.requested_at).toISOString(),
    reviewerName: r.reviewer_name,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    reviewNote: r.review_note,
  };
}

export async function listChangeRequests(
  db: Db,
  f: { status?: ChangeStatus | undefined; enterpriseId?: number | undefined; page: number; pageSize: number },
) {
  const { rows, total } = await repo.listChangeRequests(db, f);
  return { items: rows.map(requestOut), total };
}

export async function requestChange(db: Db, user: SessionUser, actor: Actor, field: ChangeField, value: string) {
  const enterpriseId = user.enterpriseId;
  if (enterpriseId === null) throw AppError.forbidden();
  const e = await mustExist(db, enterpriseId);
  const old = e[FIELD_COLUMN[field]];
  if ((old ?? '') === value) throw AppError.validation('value', '与现有信息相同，无需变更');
  if (await repo.hasPendingChange(db, enterpriseId, field)) throw AppError.conflict('该项已有待核实的变更申请，请等待核实后再提交');
  const id = await db.transaction().execute(async (tx) => {
    const requestId = await repo.insertChangeRequest(tx, { enterpriseId, field, oldValue: old, newValue: value, requestedBy: user.id });
    await recordAudit(tx, actor, {
      action: 'enterprise.change.request',
      entityType: 'enterprise',
      entityId: enterpriseId,
      after: { requestId, field, oldValue: old, newValue: value },
    });
    return requestId;
  });
  return requestOut(await repo.changeRequest(db, id));
}

export async function reviewChange(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: number,
  decision: 'approved' | 'rejected',
  note: string | undefined,
) {
  if (decision === 'rejected' && !note) throw AppError.validation('note', '驳回须说明理由');
  await db.transaction().execute(async (tx) => {
    const r = await repo.lockChangeRequest(tx, id);
    if (!r) throw AppError.notFound('变更申请');
    if (r.status !== 'pending') throw AppError.conflict('该申请已核实过');
    await repo.decideChangeRequest(tx, id, { status: decision, reviewerId: user.id, note: note ?? null });
    const column = FIELD_COLUMN[r.field];
    if (decision === 'approved') {
      await repo.setEnterpriseField(tx, r.enterprise_id, column, r.new_value);
    }
    await recordAudit(tx, actor, {
      action: decision === 'approved' ? 'enterprise.change.approve' : 'enterprise.change.reject',
      entityType: 'enterprise',
      entityId: r.enterprise_id,
      before: { [column]: r.old_value },
      after: { requestId: id, [column]: decision === 'approved' ? r.new_value : r.old_value, note: note ?? null },
    });
  });
  return requestOut(await repo.changeRequest(db, id));
}

// ——— export ———

export async function exportWorkbook(
  db: Db,
  f: Omit<z.output<typeof listQuery>, 'page' | 'pageSize'>,
): Promise<{ data: Buffer; rows: number }> {
  let industryPrefix: string | undefined;
  if (f.industry) {
    const v = validateIndustryCode(f.industry);
    if (!v.valid) throw AppError.validation('industry', v.reason);
    industryPrefix = v.code;
  }
  const filter = { q: f.q, streetId: f.streetId, industryPrefix, scale: f.scale, tag: f.tag };
  const rows = pages((after: Awaited<ReturnType<typeof repo.exportRows>>[number] | undefined) =>
    repo.exportRows(db, filter, after, EXPORT_PAGE),
  );
  let count = 0;
  const data = await streamedWorkbook(async (wb) => {
    // The headers are the import's: an export can be edited and imported back.
    count = await streamTable(
      wb,
      '企业库',
      [
        ['统一社会信用代码', 22],
        ['企业名称', 36],
        ['法定代表人', 12],
        ['地址', 36],
        ['行业代码', 10],
        ['行业名称', 28],
        ['所属街道', 12],
        ['规模', 8],
        ['成立日期', 12, DATE],
        ['注册资本(万元)', 14],
        ['标签', 30],
      ],
      rows,
      (r) => [
        r.uscc,
        r.name,
        r.legal_representative,
        r.address,
        r.industry_code,
        industryName(r.industry_code) ?? '',
        r.street_name,
        SCALE_NAMES[r.scale],
        dateCell(r.founded_on),
        r.registered_capital,
        r.tags ?? '',
      ],
    );
  });
  return { data, rows: count };
}
