import { z } from 'zod';
import { ref, roleSchema } from '../../platform/http/schemas.ts';

export const meSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: roleSchema,
    mobile: z.string().nullable().describe('脱敏手机号'),
    department: ref.nullable(),
    street: ref.nullable(),
    enterprise: z.object({ id: z.number(), name: z.string(), uscc: z.string() }).nullable(),
    enterpriseRole: z.enum(['admin', 'agent']).nullable().describe('企业用户：admin 企业管理员、agent 经办人'),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Me' });

export const loginBody = z.object({
  login: z.string().trim().min(1, '请输入用户名或手机号').max(64).describe('用户名或手机号'),
  password: z.string().min(1, '请输入密码').max(128),
});

export const passwordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});
