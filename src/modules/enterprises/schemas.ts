import { z } from 'zod';
import { pageQuery, ref } from '../../platform/http/schemas.ts';

/** Enterprise scale (企业规模, by the statistical standard) and its Chinese name. */
export const SCALE_NAMES = { large: '大型', medium: '中型', small: '小型', micro: '微型' } as const;
export const scaleSchema = z.enum(['large', 'medium', 'small', 'micro']).describe('规模：large 大型、medium 中型、small 小型、micro 微型');

export const listQuery = z.object({
  q: z.string().trim().max(60).optional().describe('企业名称（部分）或信用代码（前缀）'),
  streetId: z.coerce.number().int().positive().optional(),
  industry: z
    .string()
    .trim()
    .max(20)
    .optional()
    .describe('国民经济行业代码（GB/T 4754-2017）任一级，返回该级及其下级：门类 C、大类 C39、中类 C391、小类 C3911'),
  scale: scaleSchema.optional(),
  tag: z.string().trim().max(20).optional(),
  ...pageQuery,
});

export const enterpriseListItem = z
  .object({
    id: z.number(),
    uscc: z.string(),
    name: z.string(),
    streetName: z.string().nullable(),
    industryCode: z.string(),
    industryName: z.string(),
    scale: scaleSchema,
    tags: z.array(z.string()),
    isKey: z.boolean(),
  })
  .meta({ id: 'EnterpriseListItem' });

export const enterpriseSchema = z
  .object({
    id: z.number(),
    uscc: z.string(),
    name: z.string(),
    legalRepresentative: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    street: ref.nullable(),
    industryCode: z.string(),
    industryName: z.string(),
    scale: scaleSchema,
    foundedOn: z.string().nullable(),
    registeredCapital: z.number().nullable().describe('注册资本（万元）'),
    isKey: z.boolean(),
    status: z.enum(['active', 'moved_out', 'deregistered']),
    tags: z.array(z.string()),
  })
  .meta({ id: 'Enterprise' });

export const usccCheck = z
  .object({
    valid: z.boolean(),
    normalized: z.string().optional(),
    reason: z.string().optional(),
    expectedCheck: z.string().optional(),
    warnings: z.array(z.string()).optional(),
  })
  .meta({ id: 'UsccCheck' });

const industryNode = <T extends z.ZodRawShape>(shape: T) => z.object({ code: z.string(), name: z.string(), ...shape });
/** GB/T 4754-2017 as a tree: 门类 → 大类 → 中类 → 小类, each with our code ('C', 'C39', 'C391', 'C3911'). */
export const industryTreeSchema = z.object({
  sections: z
    .array(
      industryNode({
        divisions: z
          .array(industryNode({ groups: z.array(industryNode({ classes: z.array(industryNode({})).readonly() })).readonly() }))
          .readonly(),
      }),
    )
    .readonly(),
});

const counted = <T extends z.ZodRawShape>(shape: T) => z.array(z.object({ ...shape, count: z.number() }));
export const overviewSchema = z
  .object({
    enterprises: z.number(),
    keyEnterprises: z.number(),
    byStreet: counted({ name: z.string() }),
    byScale: counted({ scale: scaleSchema }),
    byTag: counted({ tag: z.string() }),
    byIndustrySection: counted({ code: z.string(), name: z.string() }),
  })
  .meta({ id: 'Overview' });
