import { z } from 'zod';
import { mobileSchema, optionalText, pageQuery, ref, roleSchema } from '../../platform/http/schemas.ts';

export const userListItem = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    mobile: z.string().nullable().describe('脱敏手机号'),
    role: roleSchema,
    department: ref.nullable(),
    street: ref.nullable(),
    enterprise: z.object({ id: z.number(), name: z.string(), uscc: z.string() }).nullable(),
    enterpriseRole: z.enum(['admin', 'agent']).nullable().describe('企业用户：admin 企业管理员、agent 经办人'),
    active: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'UserListItem' });

export const listQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: roleSchema.optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuery,
});

const enterpriseRole = z.enum(['admin', 'agent']);

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名须以字母开头，3–32 位字母、数字、_ . -');

export const createBody = z.object({
  username,
  displayName: z.string().trim().min(1, '请输入姓名').max(50),
  mobile: mobileSchema
    .or(z.literal(''))
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  role: roleSchema,
  password: z.string().min(1, '请输入初始密码').max(128),
  departmentId: z.number().int().positive().nullish(),
  streetId: z.number().int().positive().nullish(),
  enterpriseUscc: optionalText(18),
  enterpriseRole: enterpriseRole.nullish().describe('企业用户的角色；不填时企业尚无管理员则为管理员，否则为经办人'),
});

export const patchBody = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  mobile: mobileSchema
    .or(z.literal(''))
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  role: roleSchema.optional(),
  departmentId: z.number().int().positive().nullish(),
  streetId: z.number().int().positive().nullish(),
  enterpriseUscc: optionalText(18),
  enterpriseRole: enterpriseRole.optional(),
  active: z.boolean().optional(),
});

export const resetBody = z.object({ password: z.string().min(1, '请输入新密码').max(128) });
