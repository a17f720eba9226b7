import { z } from 'zod';

/** Shapes shared by every module's routes. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('稳定的错误码，如 VALIDATION_FAILED'),
      message: z.string().describe('中文错误说明'),
      details: z.unknown().describe('附加信息；字段错误时为 {fields:[{field,message}]}'),
    }),
  })
  .meta({ id: 'Error' });

/** The usual error answers, to spread into a route's response map. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};

/** A row id: PostgreSQL's integer, so an id past its range is a 400 naming the field, not a failed query. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647);

export const idParams = z.object({ id: rowId });
/** A file of a record: an attachment or a material. */
export const fileParams = idParams.extend({ fileId: rowId });

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const ref = z.object({ id: z.number(), name: z.string() });

export const roleSchema = z.enum(['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin']);

/** Optional text from a form: '' means "not given". */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const mobileSchema = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '手机号须为 11 位数字，以 1 开头');
