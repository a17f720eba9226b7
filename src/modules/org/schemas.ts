import { z } from 'zod';
import { optionalText } from '../../platform/http/schemas.ts';

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, '编码为 1–20 位字母、数字、_ -');
const name = z.string().trim().min(1, '请输入名称').max(60);

export const streetSchema = z.object({ id: z.number(), code: z.string(), name: z.string(), active: z.boolean() }).meta({ id: 'Street' });
export const streetCreate = z.object({ code, name });
export const streetPatch = z.object({ code: code.optional(), name: name.optional(), active: z.boolean().optional() });

export const departmentKind = z.enum(['bureau', 'coordination', 'street_office', 'other']);
export const departmentSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    kind: departmentKind,
    phone: z.string().nullable(),
    headUserId: z.number().nullable(),
    headUserName: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Department' });
export const departmentCreate = z.object({ code, name, kind: departmentKind.default('bureau'), phone: optionalText(30) });
export const departmentPatch = z.object({
  code: code.optional(),
  name: name.optional(),
  kind: departmentKind.optional(),
  phone: optionalText(30),
  headUserId: z.number().int().positive().nullish(),
  active: z.boolean().optional(),
});
