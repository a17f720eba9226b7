import { describe, expect, it } from 'vitest';
import {
  codeMatches,
  codeMessage,
  codeUnusable,
  fileHolds,
  hashCode,
  invitationRefusal,
  keepsAnAdmin,
  leavesMembersWithoutAdmin,
  maskedFileMobiles,
  newCode,
  roleForNewcomer,
  sendRefusal,
} from './rules.ts';
import { normalizePhone } from '../../platform/phone.ts';

describe('enterprise account rules', () => {
  it('codes are six digits, kept as a salted hash, expire and allow five wrong tries', () => {
    const code = newCode();
    expect(code).toMatch(/^\d{6}$/);
    const stored = hashCode(code);
    expect(stored).not.toContain(code);
    expect(hashCode(code)).not.toBe(stored);
    const now = new Date('2026-12-07T10:00:00Z');
    const row = { code_hash: stored, attempts: 0, expires_at: new Date('2026-12-07T10:05:00Z') };
    expect(codeUnusable(row, now)).toBeNull();
    expect(codeMatches(stored, code)).toBe(true);
    expect(codeMatches(stored, code === '000000' ? '000001' : '000000')).toBe(false);
    expect(codeUnusable({ ...row, attempts: 5 }, now)).toBe('exhausted');
    expect(codeUnusable(row, new Date('2026-12-07T10:05:00Z'))).toBe('expired');
    expect(codeUnusable(undefined, now)).toBe('missing');
    expect(codeMessage('wrong', 4)).toBe('验证码错误，还可尝试 1 次');
    expect(codeMessage('wrong', 5)).toContain('已达 5 次');
  });

  it('sending: once a minute and ten a day per mobile, thirty an hour per address', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    const quiet = { lastToMobileAt: null, toMobileToday: 0, fromAddressLastHour: 0 };
    expect(sendRefusal(now, quiet)).toBeNull();
    expect(sendRefusal(now, { ...quiet, lastToMobileAt: new Date('2026-12-07T09:59:30Z') })).toEqual({ code: 'too_soon', waitSeconds: 30 });
    expect(sendRefusal(now, { ...quiet, lastToMobileAt: new Date('2026-12-07T09:59:00Z'), toMobileToday: 10 })).toEqual({
      code: 'mobile_daily',
    });
    expect(sendRefusal(now, { ...quiet, fromAddressLastHour: 30 })).toEqual({ code: 'address_hourly' });
    expect(sendRefusal(now, { ...quiet, forContextToday: 19 })).toBeNull();
    expect(sendRefusal(now, { ...quiet, forContextToday: 20 })).toEqual({ code: 'enterprise_daily' });
  });

  it('invitations: twenty an hour and fifty a day per enterprise, three a day per mobile', () => {
    const quiet = { byEnterpriseLastHour: 0, byEnterpriseToday: 0, toMobileToday: 0 };
    expect(invitationRefusal({ ...quiet, byEnterpriseLastHour: 19, byEnterpriseToday: 49, toMobileToday: 2 })).toBeNull();
    expect(invitationRefusal({ ...quiet, byEnterpriseLastHour: 20 })).toBe('enterprise_hourly');
    expect(invitationRefusal({ ...quiet, byEnterpriseToday: 50 })).toBe('enterprise_daily');
    expect(invitationRefusal({ ...quiet, toMobileToday: 3 })).toBe('mobile_daily');
  });

  it('matches the file’s numbers in any notation and shows them masked only', () => {
    expect(normalizePhone('+86 138-0000-0001')).toBe('13800000001');
    const numbers = ['0755-23456789', '13800000001', null, '+8613900000002'];
    expect(fileHolds(numbers, '13900000002')).toBe(true);
    expect(fileHolds(numbers, '13700000003')).toBe(false);
    expect(fileHolds([null], '')).toBe(false);
    expect(maskedFileMobiles([...numbers, '13800000001'])).toEqual(['138****0001', '139****0002']);
  });

  it('the first member administers; no change may leave no active administrator', () => {
    expect(roleForNewcomer(0)).toBe('admin');
    expect(roleForNewcomer(1)).toBe('agent');
    const members = [
      { id: 1, enterpriseRole: 'admin' as const, active: true },
      { id: 2, enterpriseRole: 'agent' as const, active: true },
    ];
    expect(keepsAnAdmin(members, 1, null)).toBe(false);
    expect(keepsAnAdmin(members, 1, { id: 1, enterpriseRole: 'admin', active: false })).toBe(false);
    expect(keepsAnAdmin(members, 2, null)).toBe(true);
    expect(keepsAnAdmin(members, 2, { id: 2, enterpriseRole: 'admin', active: true })).toBe(true);
    expect(keepsAnAdmin([...members, { id: 3, enterpriseRole: 'admin', active: false }], 1, null)).toBe(false);
    // Staff: no active member may be left without an active administrator; an emptied enterprise is fine.
    expect(leavesMembersWithoutAdmin(members, 1, { id: 1, enterpriseRole: 'agent', active: true })).toBe(true);
    expect(leavesMembersWithoutAdmin(members, 1, null)).toBe(true);
    expect(leavesMembersWithoutAdmin([members[0]!], 1, { id: 1, enterpriseRole: 'admin', active: false })).toBe(false);
    expect(leavesMembersWithoutAdmin([members[1]!], 1, { id: 1, enterpriseRole: 'agent', active: true })).toBe(true);
    expect(leavesMembersWithoutAdmin([members[1]!], 1, { id: 1, enterpriseRole: 'admin', active: true })).toBe(false);
  });
});
