/**
 * The pure rules of enterprise accounts: one-time codes, how often they may be sent, which
 * numbers of the file vouch for a registrant, and the one-administrator rule. No I/O here.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { maskMobile } from '../../platform/mask.ts';
import { normalizeMobile, normalizePhone } from '../../platform/phone.ts';
import type { EnterpriseRole } from '../../platform/db/schema-accounts.ts';

/** Wrong entries a code survives; the next one needs a new code. */
export const MAX_CODE_ATTEMPTS = 5;
/** Per mobile: one code a minute, ten a day. Per client address: thirty an hour. */
export const RESEND_SECONDS = 60;
export const CODES_PER_MOBILE_PER_DAY = 10;
export const CODES_PER_ADDRESS_PER_HOUR = 30;
/**
 * Per enterprise (the credit code registered for): twenty a day, so guessing codes sent to the
 * numbers of one enterprise's file stays bounded (20 codes × 5 tries a day) whoever asks.
 */
export const CODES_PER_ENTERPRISE_PER_DAY = 20;
/** Invitations: per enterprise twenty an hour and fifty a day; per invited mobile three a day. */
export const INVITATIONS_PER_HOUR = 20;
export const INVITATIONS_PER_DAY = 50;
export const INVITATIONS_PER_MOBILE_PER_DAY = 3;
/** How long a verified code lets the registrant upload the 授权委托书. */
export const PROOF_MINUTES = 30;

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** `salt$hex`: a leaked table does not hand out live codes at a glance. */
export function hashCode(code: string, salt = randomBytes(8).toString('hex')): string {
  return `${salt}$${createHash('sha256').update(`${salt}:${code}`).digest('hex')}`;
}

export function codeMatches(stored: string, code: string): boolean {
  const salt = stored.slice(0, stored.indexOf('$'));
  const a = Buffer.from(stored);
  const b = Buffer.from(hashCode(code, salt));
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `mobile` is one of the numbers the file holds for the enterprise. */
export function fileHolds(fileNumbers: readonly (string | null)[], mobile: string): boolean {
  const m = normalizePhone(mobile);
  return m.length > 0 && fileNumbers.some((n) => normalizePhone(n) === m);
}

/** The file's mobile numbers, masked and without repeats: what a registrant may be shown. */
export function maskedFileMobiles(fileNumbers: readonly (string | null)[]): string[] {
  const mobiles = new Set(fileNumbers.map(normalizeMobile).filter((n) => n !== null));
  return [...mobiles].map((m) => maskMobile(m)!);
}

export type SendRefusal =
  { code: 'too_soon'; waitSeconds: number } | { code: 'mobile_daily' } | { code: 'address_hourly' } | { code: 'enterprise_daily' };

/** Whether another code may go out now, from the codes already sent. */
export function sendRefusal(
  now: Date,
  sent: { lastToMobileAt: Date | null; toMobileToday: number; fromAddressLastHour: number; forContextToday?: number },
): SendRefusal | null {
  if (sent.lastToMobileAt) {
    const elapsed = (now.getTime() - sent.lastToMobileAt.getTime()) / 1000;
    if (elapsed < RESEND_SECONDS) return { code: 'too_soon', waitSeconds: Math.ceil(RESEND_SECONDS - elapsed) };
  }
  if (sent.toMobileToday >= CODES_PER_MOBILE_PER_DAY) return { code: 'mobile_daily' };
  if (sent.fromAddressLastHour >= CODES_PER_ADDRESS_PER_HOUR) return { code: 'address_hourly' };
  if ((sent.forContextToday ?? 0) >= CODES_PER_ENTERPRISE_PER_DAY) return { code: 'enterprise_daily' };
  return null;
}

export function refusalMessage(r: SendRefusal): string {
  switch (r.code) {
    case 'too_soon':
      return `验证码发送过于频繁，请 ${r.waitSeconds} 秒后再试`;
    case 'mobile_daily':
      return `该手机号今日获取验证码已达 ${CODES_PER_MOBILE_PER_DAY} 次，请明天再试`;
    case 'address_hourly':
      return '当前网络获取验证码过于频繁，请稍后再试';
    case 'enterprise_daily':
      return `该企业今日获取注册验证码已达 ${CODES_PER_ENTERPRISE_PER_DAY} 次，请明天再试`;
  }
}

export type CodeCheck = 'ok' | 'missing' | 'expired' | 'exhausted' | 'wrong';

/**
 * Why the latest code for a mobile cannot be tried at all, or null when it can. Whether the
 * entry is right is asked only once an attempt is reserved in the database (codes.ts), so
 * entries sent at once cannot exceed the tries.
 */
export function codeUnusable(
  row: { attempts: number; expires_at: Date } | undefined,
  now: Date,
): Exclude<CodeCheck, 'ok' | 'wrong'> | null {
  if (!row) return 'missing';
  if (row.expires_at <= now) return 'expired';
  if (row.attempts >= MAX_CODE_ATTEMPTS) return 'exhausted';
  return null;
}

export function codeMessage(check: Exclude<CodeCheck, 'ok'>, attemptsAfter = 0): string {
  switch (check) {
    case 'missing':
      return '请先获取短信验证码';
    case 'expired':
      return '验证码已过期，请重新获取';
    case 'exhausted':
      return `验证码错误已达 ${MAX_CODE_ATTEMPTS} 次，请重新获取`;
    case 'wrong':
      return attemptsAfter >= MAX_CODE_ATTEMPTS
        ? `验证码错误已达 ${MAX_CODE_ATTEMPTS} 次，请重新获取`
        : `验证码错误，还可尝试 ${MAX_CODE_ATTEMPTS - attemptsAfter} 次`;
  }
}

/** The first verified registrant of an enterprise administers it; later ones are 经办人. */
export function roleForNewcomer(activeAdmins: number): EnterpriseRole {
  return activeAdmins === 0 ? 'admin' : 'agent';
}

export interface Member {
  id: number;
  enterpriseRole: EnterpriseRole;
  active: boolean;
}

/**
 * Whether the members after a change still include an active administrator. `before` are the
 * enterprise's current members; the change replaces one of them (or removes it, `after` null).
 */
export function keepsAnAdmin(before: readonly Member[], id: number, after: Member | null): boolean {
  const members = before.filter((m) => m.id !== id);
  if (after) members.push(after);
  return members.some((m) => m.active && m.enterpriseRole === 'admin');
}

/**
 * Whether a change by staff leaves an enterprise with active members but no active
 * administrator (nobody left could manage them). An enterprise whose last active member is
 * deactivated is left alone: there is nobody to manage.
 */
export function leavesMembersWithoutAdmin(before: readonly Member[], id: number, after: Member | null): boolean {
  const members = before.filter((m) => m.id !== id);
  if (after) members.push(after);
  return members.some((m) => m.active) && !members.some((m) => m.active && m.enterpriseRole === 'admin');
}

export type InvitationRefusal = 'enterprise_hourly' | 'enterprise_daily' | 'mobile_daily';

/** Whether the enterprise may send another invitation now, from those it and the mobile already had. */
export function invitationRefusal(sent: {
  byEnterpriseLastHour: number;
  byEnterpriseToday: number;
  toMobileToday: number;
}): InvitationRefusal | null {
  if (sent.toMobileToday >= INVITATIONS_PER_MOBILE_PER_DAY) return 'mobile_daily';
  if (sent.byEnterpriseLastHour >= INVITATIONS_PER_HOUR) return 'enterprise_hourly';
  if (sent.byEnterpriseToday >= INVITATIONS_PER_DAY) return 'enterprise_daily';
  return null;
}

export const INVITATION_REFUSALS: Record<InvitationRefusal, string> = {
  enterprise_hourly: `邀请过于频繁：每个企业每小时最多发出 ${INVITATIONS_PER_HOUR} 条邀请，请稍后再试`,
  enterprise_daily: `今日邀请已达上限：每个企业每天最多发出 ${INVITATIONS_PER_DAY} 条邀请，请明天再试`,
  mobile_daily: `该手机号今日已收到 ${INVITATIONS_PER_MOBILE_PER_DAY} 条邀请，请明天再试`,
};

export const ENTERPRISE_ROLE_NAMES: Record<EnterpriseRole, string> = { admin: '企业管理员', agent: '经办人' };
