import { z } from 'zod';
import { grade } from '../taxonomy/schemas.ts';
import { isIsoDate } from './working-days.ts';

/** The years the calendar accepts: from the package's first year to a horizon no appeal reaches. */
export const FIRST_YEAR = 2004;
export const LAST_YEAR = 2100;

const inRange = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

export const isoDate = z
  .string()
  .refine((v) => isIsoDate(v) && inRange(Number(v.slice(0, 4))), `须为 ${FIRST_YEAR}–${LAST_YEAR} 年间的日期，格式 YYYY-MM-DD`);

export const yearNumber = z.coerce.number().int().min(FIRST_YEAR).max(LAST_YEAR);

export const dateParams = z.object({ date: isoDate });
export const yearParams = z.object({ year: yearNumber });

/** A time without an offset is read as Asia/Shanghai wall-clock time, which is what people mean. */
const acceptedAt = z.iso
  .datetime({ offset: true, local: true })
  .transform((v) => new Date(/(Z|[+-]\d{2}:\d{2})$/i.test(v) ? v : `${v}+08:00`))
  .refine((d) => inRange(d.getUTCFullYear()), `受理时间须在 ${FIRST_YEAR}–${LAST_YEAR} 年间`);

export const deadlineQuery = z.object({
  from: acceptedAt.optional().describe('受理时间，ISO 8601（如 2025-01-24T20:00:00+08:00；不带时区按北京时间）；缺省为当前时间'),
  grade,
});

export const dayOverride = z
  .object({
    kind: z.enum(['workday', 'holiday']).describe('workday 上班（含调休上班）；holiday 放假'),
    name: z.string().trim().max(40).optional().describe('节假日名称，如 春节；放假时必填'),
  })
  .transform((v) => ({ kind: v.kind, name: v.name ? v.name : null }))
  .refine((v) => v.kind === 'workday' || v.name !== null, { path: ['name'], message: '放假日须填写节假日名称' });

export const yearEntry = z.object({
  complete: z.boolean().describe('该年日历已录入完整'),
  note: z.string().trim().max(200).optional().describe('说明，如 依据国办发明电〔2026〕X 号'),
});

export const daySchema = z
  .object({
    date: z.string(),
    kind: z.enum(['workday', 'off']),
    weekend: z.boolean(),
    holiday: z.string().nullable().describe('放假日的节日名称；调休上班日为其所补的节日'),
    adjusted: z.boolean().describe('调休上班的周末'),
    source: z
      .enum(['official', 'override', 'default'])
      .describe('official 官方数据（chinese-days）；override 管理员设置；default 无官方数据，按周一至周五'),
  })
  .meta({ id: 'CalendarDay' });

export const movedSchema = z
  .record(z.string(), z.number())
  .describe('因工作日变化重新计算的在办期限数，按种类：deadlines 办理时限、acceptDeadlines 受理时限、supervisionOrders 督办单时限');

export const yearSchema = z
  .object({
    year: z.number(),
    official: z.boolean().describe('是否有官方节假日数据（随软件包提供，至 2026 年）'),
    complete: z.boolean().describe('管理员是否已录入完整'),
    note: z.string().nullable(),
    message: z.string().nullable().describe('年份日历不可靠时的提示'),
  })
  .meta({ id: 'CalendarYear' });

export const yearDaysSchema = yearSchema.extend({
  workingDayCount: z.number(),
  daysOffCount: z.number(),
  days: z.array(daySchema),
});

export const deadlineSchema = z
  .object({
    acceptedAt: z.string().describe('受理时间（UTC ISO 8601）'),
    acceptanceDay: z.string().describe('受理日（北京时间），不计入期限'),
    grade,
    rule: z.string().describe('期限规则，如 3 个工作日'),
    due: z.string().describe('办理期限（UTC ISO 8601）'),
    dueLocal: z.string().describe('办理期限，北京时间 YYYY-MM-DD HH:mm'),
    workingDays: z.array(z.string()).describe('计入期限的工作日（紧急件为空）'),
    provisional: z.boolean().describe('期间含无官方数据且未录入完整的年份：期限按周一至周五计算，录入后可能变动'),
  })
  .meta({ id: 'CalendarDeadline' });

export const scheduleImport = z.object({
  content: z
    .string()
    .max(200_000, '文件不超过 200 KB')
    .describe(
      '文件内容：JSON { "year", "note", "days": [{ "date", "kind", "name" }] } 或 CSV（date,kind,name 每行一天）；kind 为 holiday 放假 / workday 调休上班',
    ),
  note: z.string().trim().max(200).optional().describe('依据，如 国办发明电〔2026〕X 号；缺省取文件中的 note'),
  preview: z.boolean().default(false).describe('true 只预览：校验并算出将变化的日期和将重算的在办期限，不保存'),
});

export const scheduleImportSchema = z
  .object({
    year: z.number(),
    preview: z.boolean(),
    note: z.string().nullable(),
    holidays: z.number().describe('放假天数'),
    workdays: z.number().describe('调休上班天数'),
    days: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() })),
    changedDates: z.array(z.string()).describe('上班/放假因此改变的日期'),
    moved: movedSchema,
  })
  .meta({ id: 'CalendarScheduleImport' });

export const nextYearReminderSchema = z.object({
  year: z.number().nullable().describe('须导入节假日安排的下一年（12 月起、该年尚无官方数据且未录入完整时）；否则为 null'),
  message: z.string().nullable(),
});
