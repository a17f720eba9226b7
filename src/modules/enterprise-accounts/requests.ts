/**
 * 注册审核: the front desk (specialists, coordinators, administrators) settles what registrants
 * ask for — a signed 授权委托书 (approved: the account is created) and an enterprise missing from
 * the file (approved: the enterprise is in the file). A refusal carries its reason; the
 * registrant hears either way by SMS.
 */

import type { Db, Tx } from '../../platform/db/index.ts';
import type { RegistrationKind, RegistrationStatus } from '../../platform/db/schema-accounts.ts';
import type { Scale } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/http/access.ts';
import { maskMobile } from '../../platform/mask.ts';
import { validateIndustryCode } from '../enterprises/industry.ts';
import { queueMessages, requestDispatch } from '../notifications/queue.ts';
import { createMember } from './accounts.ts';
import * as repo from './repository.ts';
import * as requestsRepo from './repository-requests.ts';
import type { RequestRow } from './repository-requests.ts';
import { ENTERPRISE_ROLE_NAMES } from './rules.ts';

export interface RequestFilter {
  status?: RegistrationStatus | undefined;
  kind?: RegistrationKind | undefined;
  page: number;
  pageSize: number;
}

function shape(r: RequestRow, fullMobile: boolean) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    uscc: r.uscc,
    enterpriseName: r.enterprise_name,
    enterpriseId: r.enterprise_id,
    mobile: fullMobile ? r.mobile : (maskMobile(r.mobile) ?? ''),
    displayName: r.display_name,
    letter: r.letter_file_name && r.letter_mime ? { fileName: r.letter_file_name, mime: r.letter_mime, size: r.letter_size ?? 0 } : null,
    reason: r.reason,
    decidedAt: r.decided_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    userId: r.user_id,
  };
}

export async function list(db: Db, f: RequestFilter) {
  const { rows, total } = await requestsRepo.listRequests(db, f);
  return { items: rows.map((r) => shape(r, false)), total };
}

export async function pendingCounts(db: Db) {
  const rows = await requestsRepo.pendingCountsByKind(db);
  const of = (k: RegistrationKind) => rows.find((r) => r.kind === k)?.n ?? 0;
  return { letter: of('letter'), addEnterprise: of('add_enterprise'), total: of('letter') + of('add_enterprise') };
}

export async function get(db: Db, id: number) {
  const r = await requestsRepo.findRequest(db, id);
  if (!r) throw AppError.notFound('注册申请');
  return shape(r, true);
}

export async function letter(db: Db, id: number) {
  const r = await requestsRepo.letterOf(db, id);
  if (!r?.letter_content || !r.letter_file_name || !r.letter_mime) throw AppError.notFound('授权委托书');
  return { file_name: r.letter_file_name, mime: r.letter_mime, content: r.letter_content };
}

/** The request, locked and still pending: two clerks at once give one decision and one 409. */
async function pending(tx: Tx, id: number) {
  const r = await requestsRepo.lockRequest(tx, id);
  if (!r) throw AppError.notFound('注册申请');
  if (r.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已处理');
  return r;
}

export interface NewEnterprise {
  name?: string | null | undefined;
  industryCode?: string | null | undefined;
  scale?: Scale | null | undefined;
  streetId?: number | null | undefined;
}

/** Approving an add-enterprise request puts the enterprise in the file, unless an import already did. */
async function ensureEnterprise(
  tx: Tx,
  uscc: string,
  requestedName: string | null,
  e: NewEnterprise,
): Promise<{ id: number; name: string }> {
  const existing = await repo.enterpriseByUscc(tx, uscc);
  if (existing) {
    if (existing.status !== 'active') throw AppError.validation('uscc', `${existing.name}在企业库中不是在册状态，请先核实`);
    return { id: existing.id, name: existing.name };
  }
  if (!e.industryCode) throw AppError.validation('industryCode', '企业尚未录入企业库：请填写行业代码和规模以录入');
  const industry = validateIndustryCode(e.industryCode);
  if (!industry.valid) throw AppError.validation('industryCode', industry.reason);
  if (!e.scale) throw AppError.validation('scale', '请选择企业规模');
  const name = e.name ?? requestedName;
  if (!name) throw AppError.validation('name', '请填写企业名称');
  const id = await requestsRepo.insertEnterprise(tx, {
    uscc,
    name,
    industryCode: industry.code,
    scale: e.scale,
    streetId: e.streetId ?? null,
  });
  return { id, name };
}

export async function approve(
  db: Db,
  id: number,
  e: NewEnterprise,
  actor: Actor,
): Promise<{ userId: number | null; enterpriseId: number }> {
  const result = await db.transaction().execute(async (tx) => {
    const r = await pending(tx, id);
    const now = new Date();
    let userId: number | null = null;
    let enterpriseId: number;
    let sms: string;
    if (r.kind === 'letter') {
      const ent = r.enterprise_id === null ? undefined : await requestsRepo.enterpriseById(tx, r.enterprise_id);
      if (!ent || ent.status !== 'active' || !r.password_hash) throw new AppError('INVALID_STATE', '企业已不在册，不能批准');
      // Since the letter came, the mobile got an account another way (code, invitation, sign-on):
      // there is nothing left to approve, and the clerk is told what to do instead.
      if (await repo.userByMobile(tx, r.mobile)) {
        throw new AppError(
          'INVALID_STATE',
          '申请人的手机号在提交授权委托书后已开通企服通账号，无需再批准。请以“该手机号已开通账号”为由不通过此申请',
        );
      }
      const m = await createMember(
        tx,
        {
          enterpriseId: ent.id,
          enterpriseName: ent.name,
          mobile: r.mobile,
          displayName: r.display_name,
          passwordHash: r.password_hash,
          via: 'letter',
        },
        actor,
      );
      userId = m.id;
      enterpriseId = ent.id;
      sms = `【企服通】您提交的${ent.name}企业账号注册申请已审核通过，您是${ENTERPRISE_ROLE_NAMES[m.enterpriseRole]}，请用手机号${r.mobile}和注册时设置的密码登录。`;
    } else {
      const ent = await ensureEnterprise(tx, r.uscc, r.enterprise_name, e);
      enterpriseId = ent.id;
      sms = `【企服通】您申请添加的企业“${ent.name}”已录入企业库，现在可以用信用代码${r.uscc}注册企业账号。`;
    }
    await requestsRepo.approveRequest(tx, id, { decidedBy: actor.id, now, userId, enterpriseId });
    await recordAudit(tx, actor, {
      action: 'registration_request.approve',
      entityType: 'registration_request',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'approved', kind: r.kind, userId, enterpriseId },
    });
    await queueMessages(tx, [{ channel: 'sms', recipient: r.mobile, kind: 'account', body: sms }]);
    return { userId, enterpriseId };
  });
  requestDispatch();
  return result;
}

export async function refuse(db: Db, id: number, reason: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const r = await pending(tx, id);
    await requestsRepo.refuseRequest(tx, id, { decidedBy: actor.id, reason, now: new Date() });
    await recordAudit(tx, actor, {
      action: 'registration_request.refuse',
      entityType: 'registration_request',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'refused', kind: r.kind, reason },
    });
    const what = r.kind === 'letter' ? `${r.enterprise_name ?? r.uscc}企业账号注册申请` : `添加企业“${r.enterprise_name ?? r.uscc}”的申请`;
    await queueMessages(tx, [
      { channel: 'sms', recipient: r.mobile, kind: 'account', body: `【企服通】您提交的${what}未通过审核，原因：${reason}` },
    ]);
  });
  requestDispatch();
}
