import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import * as office from './office-service.ts';
import type { AppealDeps } from './service.ts';
import { sweepWarnings } from './sweep.ts';

const appealRef = z.object({ id: z.number(), number: z.string(), title: z.string() });
const dept = z.object({ id: z.number(), name: z.string() });
const ok = { 204: z.null(), ...errorResponses };
const OFFICE = ['coordinator', 'leader', 'admin'] as const;

export function officeRoutes(app: FastifyInstance, deps: AppealDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeals-office'];
  const { db } = deps;

  r.get(
    '/api/appeals/extensions',
    {
      config: { access: [...OFFICE, 'handler'] },
      schema: {
        tags,
        summary: '延期申请（部门只看本部门的）',
        querystring: z.object({ status: z.enum(['pending', 'approved', 'denied']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                appeal: appealRef,
                department: dept,
                workingDays: z.number(),
                reason: z.string(),
                requestedBy: z.string(),
                requestedAt: z.string(),
                status: z.enum(['pending', 'approved', 'denied']),
                decisionNote: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ items: await office.extensions(db, requireUser(req), req.query.status) }),
  );

  r.get(
    '/api/supervision-orders',
    {
      config: { access: [...OFFICE, 'handler'] },
      schema: {
        tags,
        summary: '督办单（部门只看本部门的）',
        querystring: z.object({ status: z.enum(['open', 'answered', 'closed']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                number: z.string(),
                appeal: appealRef.nullable(),
                department: dept,
                content: z.string(),
                deadlineAt: z.string(),
                issuedAt: z.string(),
                status: z.enum(['open', 'answered', 'closed']),
                response: z.string().nullable(),
                respondedAt: z.string().nullable(),
                closedAt: z.string().nullable(),
                closedReason: z
                  .enum(['office', 'appeal_closed'])
                  .nullable()
                  .describe('office：督办方办结；appeal_closed：随诉求办结（或不予受理）自动办结'),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ items: await office.supervisionOrders(db, requireUser(req), req.query.status) }),
  );

  r.post(
    '/api/supervision-orders/:id/respond',
    {
      config: { access: ['handler'] },
      schema: {
        tags,
        summary: '回复督办单',
        params: idParams,
        body: z.object({ response: z.string().trim().min(1, '请填写回复').max(2000) }),
        response: ok,
      },
    },
    async (req, reply) => {
      await office.respondToOrder(db, requireUser(req), actorOf(req), req.params.id, req.body.response);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/supervision-orders/:id/close',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: '办结督办单', params: idParams, body: z.object({}).optional(), response: ok },
    },
    async (req, reply) => {
      await office.closeOrder(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  const meetingItem = z
    .object({
      id: z.number(),
      appeal: appealRef.nullable(),
      title: z.string(),
      summary: z.string(),
      source: z.enum(['manual', 'long_red']),
      addedAt: z.string(),
      meetingDate: z.string().nullable(),
      decision: z.string().nullable(),
      followUpDepartment: dept.nullable(),
      followUpDue: z.string().nullable(),
      status: z.enum(['pending', 'decided', 'done']),
    })
    .meta({ id: 'MeetingItem' });

  r.get(
    '/api/meeting-items',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '联席会议议程',
        querystring: z.object({ status: z.enum(['pending', 'decided', 'done']).optional() }),
        response: { 200: z.object({ items: z.array(meetingItem) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await office.meetingItems(db, req.query.status) }),
  );

  const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
  r.post(
    '/api/meeting-items',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags,
        summary: '新增议题',
        body: z.object({
          title: z.string().trim().min(2).max(200),
          summary: z.string().trim().max(2000).default(''),
          appealId: z.number().int().positive().optional(),
          meetingDate: isoDate.optional(),
        }),
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await office.addMeetingItem(db, requireUser(req), actorOf(req), req.body) }),
  );

  r.post(
    '/api/meeting-items/:id/decide',
    {
      config: { access: ['coordinator', 'leader'] },
      schema: {
        tags,
        summary: '记录会议决定并交办落实',
        params: idParams,
        body: z.object({
          decision: z.string().trim().min(2, '请填写会议决定').max(2000),
          followUpDepartmentId: z.number().int().positive(),
          followUpDue: isoDate,
        }),
        response: ok,
      },
    },
    async (req, reply) => {
      await office.decideMeetingItem(db, requireUser(req), actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/meeting-items/:id/done',
    {
      config: { access: ['coordinator'] },
      schema: { tags, summary: '议题落实完毕', params: idParams, body: z.object({}).optional(), response: ok },
    },
    async (req, reply) => {
      await office.completeMeetingItem(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/appeals/sweep',
    {
      config: { access: ['coordinator', 'admin'] },
      schema: {
        tags,
        summary: '立即巡检：更新三色预警、发送提醒、长期红灯列入联席会议',
        body: z.object({}).optional(),
        response: {
          200: z.object({
            changed: z.number(),
            reminders: z.record(z.string(), z.number()),
            agendaItems: z.number(),
            autoClosed: z.number(),
            ms: z.number(),
          }),
          ...errorResponses,
        },
      },
    },
    async () => sweepWarnings(db, deps.clock, deps.settings()),
  );
}
