import { z } from 'zod';
import { pageQuery } from '../../platform/http/schemas.ts';

const n = z.number().nullable();
export const indicatorsResult = z
  .object({
    units: z.record(z.string(), z.string()).describe('每项指标的单位'),
    items: z.array(
      z.object({ month: z.string(), output: n, valueAdded: n, fixedInvestment: n, tax: n, employees: n, electricity: n, water: n, gas: n }),
    ),
  })
  .meta({ id: 'EnterpriseIndicators' });

export const timelineResult = z
  .object({
    kinds: z.array(z.string()).describe('本实例提供的事件来源：appeal、change，以及其他模块登记的来源（visit、warning …）'),
    items: z.array(
      z.object({
        kind: z.string(),
        id: z.string(),
        at: z.string().describe('ISO 8601'),
        title: z.string(),
        status: z.string().nullable(),
        link: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'EnterpriseTimeline' });

export const contactInput = z.object({
  name: z.string().trim().min(1).max(40),
  title: z.string().trim().max(40).nullish(),
  mobile: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '手机号或座机号格式不正确')
    .nullish()
    .or(z.literal('').transform(() => null)),
  email: z
    .email('电子邮箱格式不正确')
    .nullish()
    .or(z.literal('').transform(() => null)),
  primary: z.boolean().default(false),
});
export const contactSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    title: z.string().nullable(),
    mobile: z.string().nullable(),
    email: z.string().nullable(),
    primary: z.boolean(),
  })
  .meta({ id: 'EnterpriseContact' });

export const changeFieldSchema = z.enum(['address', 'legal_representative']).describe('address 地址、legal_representative 法定代表人');
export const changeStatusSchema = z.enum(['pending', 'approved', 'rejected']);
export const changeRequestSchema = z
  .object({
    id: z.number(),
    enterprise: z.object({ id: z.number(), name: z.string(), uscc: z.string() }),
    field: changeFieldSchema,
    oldValue: z.string().nullable(),
    newValue: z.string(),
    status: changeStatusSchema,
    requestedAt: z.string(),
    reviewerName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
  })
  .meta({ id: 'EnterpriseChangeRequest' });
export const changeListQuery = z.object({
  status: changeStatusSchema.optional(),
  enterpriseId: z.coerce.number().int().positive().optional(),
  ...pageQuery,
});

export const rowError = z
  .object({ sheet: z.string(), row: z.number(), field: z.string(), reason: z.string() })
  .meta({ id: 'ImportRowError' });
export const sourceRow = z
  .object({
    sheet: z.string(),
    row: z.number().describe('行号；表头行为其所在行'),
    cells: z.array(z.union([z.string(), z.number(), z.null()])),
  })
  .meta({ id: 'ImportSourceRow' });
export const importReport = z
  .object({
    kind: z.enum(['enterprises', 'indicators', 'mixed', 'empty']),
    rows: z.number().describe('文件中的数据行数'),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    refused: z.number().describe('被拒绝的行数'),
    errors: z.array(rowError),
    refusedRows: z.array(sourceRow).describe('被拒绝的行的原始内容（按工作表、行号），供导出改正后重新导入'),
    headers: z.array(sourceRow).describe('有被拒绝行的工作表的表头行'),
  })
  .meta({ id: 'ImportReport' });
