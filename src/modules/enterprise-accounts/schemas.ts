import { z } from 'zod';
import { mobileSchema, pageQuery } from '../../platform/http/schemas.ts';
import { meSchema } from '../auth/schemas.ts';
import { scaleSchema } from '../enterprises/schemas.ts';

export const enterpriseRoleSchema = z.enum(['admin', 'agent']).describe('admin 企业管理员、agent 经办人');
const uscc = z.string().trim().min(1, '请输入统一社会信用代码').max(30).describe('统一社会信用代码');
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '验证码为 6 位数字');
const displayName = z.string().trim().min(1, '请输入姓名').max(50);
const password = z.string().min(1, '请设置密码').max(128);

export const enterpriseQuery = z.object({ uscc });
export const enterpriseFound = z.object({ uscc: z.string(), name: z.string() });

export const sendCodeBody = z.object({ uscc, mobile: mobileSchema });
export const sentCode = z
  .object({
    sentTo: z.string().describe('验证码发往的手机号（脱敏）'),
    expiresInSeconds: z.number(),
    resendAfterSeconds: z.number(),
  })
  .meta({ id: 'SentCode' });

export const registerBody = z.object({ uscc, mobile: mobileSchema, code, displayName, password });
export const registerResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('created'), user: meSchema, enterpriseRole: enterpriseRoleSchema }),
  z.object({
    outcome: z.literal('letter_required'),
    proof: z.string().describe('上传授权委托书时提交的凭据（30 分钟内有效）'),
    proofExpiresAt: z.string(),
    enterpriseName: z.string(),
    fileMobiles: z.array(z.string()).describe('企业库登记的手机号（脱敏）'),
  }),
]);

export const letterFields = z.object({ proof: z.string().min(1, '缺少手机验证凭据').max(100), displayName, password });

export const enterpriseRequestBody = z.object({
  uscc,
  enterpriseName: z.string().trim().min(2, '请输入企业名称').max(100),
  mobile: mobileSchema,
  code: code.describe('发往 mobile 的注册验证码（send-code，同一信用代码）'),
  displayName,
});

export const joinCodeBody = z.object({ mobile: mobileSchema });
export const joinCodeResult = sentCode;
export const joinBody = z.object({ mobile: mobileSchema, code, password, displayName: displayName.nullish() });

export const memberSchema = z.object({
  id: z.number(),
  displayName: z.string(),
  mobile: z.string().nullable().describe('脱敏手机号'),
  enterpriseRole: enterpriseRoleSchema,
  active: z.boolean(),
  self: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export const invitationSchema = z.object({
  id: z.number(),
  displayName: z.string(),
  mobile: z.string().nullable(),
  enterpriseRole: enterpriseRoleSchema,
  expiresAt: z.string(),
});
export const membersResult = z.object({ members: z.array(memberSchema), invitations: z.array(invitationSchema) });
export const inviteBody = z.object({ mobile: mobileSchema, displayName, enterpriseRole: enterpriseRoleSchema.default('agent') });
export const roleBody = z.object({ enterpriseRole: enterpriseRoleSchema });

export const requestKind = z.enum(['add_enterprise', 'letter']).describe('add_enterprise 申请添加企业、letter 授权委托书');
export const requestStatus = z.enum(['pending', 'approved', 'refused']);
export const requestListQuery = z.object({ status: requestStatus.optional(), kind: requestKind.optional(), ...pageQuery });
export const requestSchema = z
  .object({
    id: z.number(),
    kind: requestKind,
    status: requestStatus,
    uscc: z.string(),
    enterpriseName: z.string().nullable(),
    enterpriseId: z.number().nullable(),
    mobile: z.string().describe('列表中脱敏'),
    displayName: z.string(),
    letter: z.object({ fileName: z.string(), mime: z.string(), size: z.number() }).nullable(),
    reason: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    userId: z.number().nullable(),
  })
  .meta({ id: 'RegistrationRequest' });
export const requestCounts = z.object({ letter: z.number(), addEnterprise: z.number(), total: z.number() });
export const approveBody = z.object({
  name: z.string().trim().min(2).max(100).nullish().describe('申请添加企业：企业尚未录入时的企业名称'),
  industryCode: z.string().trim().max(10).nullish(),
  scale: scaleSchema.nullish(),
  streetId: z.number().int().positive().nullish(),
});
export const refuseBody = z.object({ reason: z.string().trim().min(2, '请填写不通过的原因').max(500) });
