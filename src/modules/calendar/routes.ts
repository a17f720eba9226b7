import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import {
  dateParams,
  dayOverride,
  daySchema,
  deadlineQuery,
  deadlineSchema,
  movedSchema,
  nextYearReminderSchema,
  scheduleImport,
  scheduleImportSchema,
  yearDaysSchema,
  yearEntry,
  yearNumber,
  yearParams,
  yearSchema,
} from './schemas.ts';
import * as service from './service.ts';
import { nextYearToLoad } from './reminder.ts';

const admin = { access: ['admin'] as const };
const dayAnswer = { 200: z.object({ day: daySchema, moved: movedSchema }), ...errorResponses };

export function calendarRoutes(app: FastifyInstance, { db, config }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  const office = config.officeHours;

  // Public: the rule and the calendar are published by the State Council anyway.
  r.get(
    '/api/calendar/deadline',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '按办理等级计算办理期限（受理日不计，第 N 个工作日的下班时间；紧急件为 12 小时）',
        querystring: deadlineQuery,
        response: { 200: deadlineSchema, ...errorResponses },
      },
    },
    async (req) => service.deadline(db, req.query, office),
  );

  r.get(
    '/api/calendar/days',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '某年每天的上班/放假情况（节假日、调休上班、数据来源），及该年是否有官方数据',
        querystring: z.object({ year: yearNumber }),
        response: { 200: yearDaysSchema, ...errorResponses },
      },
    },
    async (req) => service.year(db, req.query.year),
  );

  r.put(
    '/api/admin/calendar/days/:date',
    {
      config: admin,
      schema: { tags, summary: '设置某日为放假（须填节日名称）或上班（调休）', params: dateParams, body: dayOverride, response: dayAnswer },
    },
    async (req) => service.setDay(db, req.params.date, req.body, actorOf(req)),
  );

  r.delete(
    '/api/admin/calendar/days/:date',
    {
      config: admin,
      schema: { tags, summary: '取消某日的管理员设置，恢复官方数据或周一至周五规则', params: dateParams, response: dayAnswer },
    },
    async (req) => service.clearDay(db, req.params.date, actorOf(req)),
  );

  r.put(
    '/api/admin/calendar/years/:year',
    {
      config: admin,
      schema: {
        tags,
        summary: '标记某年日历是否已录入完整',
        params: yearParams,
        body: yearEntry,
        response: { 200: yearSchema, ...errorResponses },
      },
    },
    async (req) => service.setYear(db, req.params.year, req.body, actorOf(req)),
  );

  r.post(
    '/api/admin/calendar/years/:year/import',
    {
      config: admin,
      schema: {
        tags,
        summary: '从文件导入某年的节假日安排（放假与调休上班），标记该年已录入完整，并重算跨越变化日期的在办期限；preview 只预览',
        params: yearParams,
        body: scheduleImport,
        response: { 200: scheduleImportSchema, ...errorResponses },
      },
    },
    async (req) => service.importYear(db, req.params.year, req.body, actorOf(req)),
  );

  r.get(
    '/api/admin/calendar/reminder',
    {
      config: admin,
      schema: {
        tags,
        summary: '12 月起，下一年尚无官方节假日数据时提醒管理员导入',
        response: { 200: nextYearReminderSchema, ...errorResponses },
      },
    },
    async () => {
      const due = await nextYearToLoad(db);
      return { year: due?.year ?? null, message: due?.message ?? null };
    },
  );
}
