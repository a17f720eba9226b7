import { z } from 'zod';

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, '编码为 1–20 位字母、数字、_ -');
const name = z.string().trim().min(1, '请输入名称').max(60);
export const grade = z
  .enum(['normal', 'urgent', 'complex'])
  .describe('办理等级：normal 一般（3 个工作日）、urgent 紧急（12 小时）、complex 复杂（7 个工作日）');

export const itemSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    categoryId: z.number(),
    departmentId: z.number().describe('责任部门'),
    departmentName: z.string(),
    defaultGrade: grade,
    keywords: z.string(),
    description: z.string(),
    sortOrder: z.number(),
    active: z.boolean(),
  })
  .meta({ id: 'ServiceItem' });

export const categorySchema = z
  .object({ id: z.number(), code: z.string(), name: z.string(), sortOrder: z.number(), active: z.boolean(), items: z.array(itemSchema) })
  .meta({ id: 'TaxonomyCategory' });

export const categoryCreate = z.object({ code, name, sortOrder: z.number().int().default(0) });
export const categoryPatch = z.object({
  code: code.optional(),
  name: name.optional(),
  sortOrder: z.number().int().optional(),
  active: z.boolean().optional(),
});

export const itemCreate = z.object({
  categoryId: z.number().int().positive(),
  code,
  name,
  departmentId: z.number().int().positive(),
  defaultGrade: grade.default('normal'),
  keywords: z.string().trim().max(500).default(''),
  description: z.string().trim().max(2000).default(''),
  sortOrder: z.number().int().default(0),
});
export const itemPatch = z.object({
  categoryId: z.number().int().positive().optional(),
  code: code.optional(),
  name: name.optional(),
  departmentId: z.number().int().positive().optional(),
  defaultGrade: grade.optional(),
  keywords: z.string().trim().max(500).optional(),
  description: z.string().trim().max(2000).optional(),
  sortOrder: z.number().int().optional(),
  active: z.boolean().optional(),
});
