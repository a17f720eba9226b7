/**
 * Self-registration, phone-first: credit code + the registrant's mobile, proven by an SMS code.
 * A mobile the file holds for the enterprise opens the account at once; any other mobile goes
 * on with a signed 授权委托书 that the front desk settles. An enterprise not in the file can be
 * asked for (the front desk adds it). Nothing is written until the step it belongs to succeeds.
 */
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/password.ts';
import type { Actor } from '../../platform/http/access.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { validateUscc } from '../enterprises/uscc.ts';
import { enqueueNotices } from '../notifications/notices.ts';
import { assertMobileFree, createMember } from './accounts.ts';
import { sendCode, spendCode, verifyCode, type CodeSettings, type SentCode } from './codes.ts';
import * as repo from './repository.ts';
import * as requestsRepo from './repository-requests.ts';
import { fileHolds, hashToken, maskedFileMobiles, PROOF_MINUTES } from './rules.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';

const STATUS_NAMES = { moved_out: '已迁出本区', deregistered: '已注销' } as const;

function normalizedUscc(input: string): string {
  const v = validateUscc(input);
  if (!v.valid) throw AppError.validation('uscc', `统一社会信用代码有误：${v.reason}`);
  return v.normalized;
}

/** The enterprise registered for: in the file and active, or a message saying why not. */
export async function enterpriseInFile(db: Db, input: string) {
  const uscc = normalizedUscc(input);
  const e = await repo.enterpriseByUscc(db, uscc);
  if (!e) {
    throw new AppError('VALIDATION_FAILED', `企业库中没有信用代码为 ${uscc} 的企业。请核对信用代码；如无误，可申请前台将企业录入企业库`, {
      fields: [{ field: 'uscc', message: '企业库中没有该企业' }],
      notInFile: true,
    });
  }
  if (e.status !== 'active') throw AppError.validation('uscc', `${e.name}在企业库中${STATUS_NAMES[e.status]}，不能注册企业账号`);
  return e;
}

/** One 授权委托书 at a time per mobile; a request to add an enterprise blocks nothing here. */
async function assertNoPendingLetter(db: Db, mobile: string): Promise<void> {
  if (await repo.pendingLetterOf(db, mobile)) throw AppError.conflict('该手机号已提交授权委托书，正在等待前台审核，结果将以短信通知');
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw AppError.validation('password', problem);
}

/**
 * Always to the registrant's own mobile, and the same answer for every mobile: whether it has an
 * account, a pending request, or is held by the file is said only after the right code. A
 * credit code not in the file gets a code too: it proves the mobile for the request to add it.
 */
export async function sendRegisterCode(db: Db, s: CodeSettings, input: { uscc: string; mobile: string }, ip: string): Promise<SentCode> {
  const uscc = normalizedUscc(input.uscc);
  const e = await repo.enterpriseByUscc(db, uscc);
  if (e && e.status !== 'active') throw AppError.validation('uscc', `${e.name}在企业库中${STATUS_NAMES[e.status]}，不能注册企业账号`);
  return sendCode(db, s, { mobile: input.mobile, purpose: 'register', context: uscc, ip });
}

export type RegisterOutcome =
  | { outcome: 'created'; userId: number; displayName: string; enterpriseRole: EnterpriseRole }
  | { outcome: 'letter_required'; proof: string; proofExpiresAt: string; enterpriseName: string; fileMobiles: string[] };

export async function register(
  db: Db,
  input: { uscc: string; mobile: string; code: string; displayName: string; password: string },
  actor: Actor,
): Promise<RegisterOutcome> {
  checkPassword(input.password);
  const e = await enterpriseInFile(db, input.uscc);
  // The code first: until it is right, neither the time taken nor the answer depends on the mobile.
  const right = await verifyCode(db, { mobile: input.mobile, purpose: 'register', context: e.uscc, code: input.code });
  await assertMobileFree(db, input.mobile);
  await assertNoPendingLetter(db, input.mobile);
  const numbers = await repo.fileNumbers(db, e.id);
  const held = fileHolds(numbers, input.mobile);
  const passwordHash = held ? await hashPassword(input.password) : '';
  return spendCode(db, right, !held, async (tx, proof) => {
    if (!held && proof) {
      return {
        outcome: 'letter_required',
        proof,
        proofExpiresAt: new Date(Date.now() + PROOF_MINUTES * 60_000).toISOString(),
        enterpriseName: e.name,
        fileMobiles: maskedFileMobiles(numbers),
      };
    }
    const m = await createMember(
      tx,
      { enterpriseId: e.id, enterpriseName: e.name, mobile: input.mobile, displayName: input.displayName, passwordHash, via: 'code' },
      actor,
    );
    return { outcome: 'created', userId: m.id, displayName: input.displayName, enterpriseRole: m.enterpriseRole };
  });
}

const LETTER_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** The front desk hears of every request in-app; the list at 注册审核 is where they settle it. */
async function tellFrontDesk(tx: Parameters<typeof enqueueNotices>[0], title: string, body: string): Promise<void> {
  await enqueueNotices(
    tx,
    (['specialist', 'coordinator'] as const).map((role) => ({
      to: { kind: 'role', role } as const,
      title,
      body,
      link: '/registration-requests',
    })),
  );
}

/** The verified mobile a proof stands for, checked before the letter is read (see routes.ts). */
export async function liveProof(db: Db, proof: string) {
  const found = await repo.findProof(db, hashToken(proof));
  if (!found?.consumed_at || found.consumed_at.getTime() < Date.now() - PROOF_MINUTES * 60_000) {
    throw AppError.validation('proof', '手机验证已失效，请重新获取验证码');
  }
  return { ...found, consumed_at: found.consumed_at };
}

export async function submitLetter(
  db: Db,
  input: { proof: string; displayName: string; password: string },
  letter: UploadedFile | undefined,
  actor: Actor,
): Promise<{ id: number }> {
  const found = await liveProof(db, input.proof);
  if (!letter) throw AppError.validation('letter', '请上传签字盖章的授权委托书（PDF 或图片）');
  if (!LETTER_TYPES.has(letter.mime))
    throw AppError.validation('letter', `授权委托书须为 PDF 或图片（JPG、PNG），「${letter.fileName}」不是`);
  checkPassword(input.password);
  const e = await enterpriseInFile(db, found.context);
  await assertMobileFree(db, found.mobile);
  await assertNoPendingLetter(db, found.mobile);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (tx) => {
    if (!(await repo.spendProof(tx, found.id))) throw AppError.validation('proof', '手机验证已使用，请重新获取验证码');
    const id = await requestsRepo.insertRequest(tx, {
      kind: 'letter',
      uscc: e.uscc,
      enterprise_id: e.id,
      enterprise_name: e.name,
      mobile: found.mobile,
      display_name: input.displayName,
      password_hash: passwordHash,
      letter_file_name: letter.fileName,
      letter_mime: letter.mime,
      letter_size: letter.size,
      letter_content: letter.content,
    });
    await recordAudit(
      tx,
      { ...actor, name: input.displayName, role: 'registrant' },
      {
        action: 'registration_request.letter',
        entityType: 'registration_request',
        entityId: id,
        after: {
          uscc: e.uscc,
          mobile: found.mobile,
          displayName: input.displayName,
          letter: { fileName: letter.fileName, mime: letter.mime, size: letter.size },
        },
      },
    );
    await tellFrontDesk(tx, `授权委托书待审核：${e.name}`, `${input.displayName} 申请注册${e.name}的企业账号，请核对授权委托书。`);
    return { id };
  });
}

/**
 * An enterprise not in the file: the registrant, having proven the mobile with the code sent for
 * that credit code, asks the front desk to add it. A pending request blocks only another one for
 * the same credit code from the same mobile.
 */
export async function requestEnterprise(
  db: Db,
  input: { uscc: string; enterpriseName: string; mobile: string; code: string; displayName: string },
  actor: Actor,
): Promise<{ id: number }> {
  const uscc = normalizedUscc(input.uscc);
  const existing = await repo.enterpriseByUscc(db, uscc);
  if (existing?.status === 'active') throw AppError.validation('uscc', `${existing.name}已在企业库中，可直接注册`);
  const right = await verifyCode(db, { mobile: input.mobile, purpose: 'register', context: uscc, code: input.code });
  await assertMobileFree(db, input.mobile);
  if (await repo.pendingAddRequest(db, input.mobile, uscc))
    throw AppError.conflict('您已申请添加该企业，正在等待前台处理，结果将以短信通知');
  return spendCode(db, right, false, async (tx) => {
    const id = await requestsRepo.insertRequest(tx, {
      kind: 'add_enterprise',
      uscc,
      enterprise_name: input.enterpriseName,
      mobile: input.mobile,
      display_name: input.displayName,
    });
    await recordAudit(
      tx,
      { ...actor, name: input.displayName, role: 'registrant' },
      {
        action: 'registration_request.add_enterprise',
        entityType: 'registration_request',
        entityId: id,
        after: { uscc, enterpriseName: input.enterpriseName, mobile: input.mobile, displayName: input.displayName },
      },
    );
    await tellFrontDesk(
      tx,
      `申请添加企业：${input.enterpriseName}`,
      `${input.displayName} 申请将 ${input.enterpriseName}（${uscc}）录入企业库以注册企业账号。`,
    );
    return { id };
  });
}
