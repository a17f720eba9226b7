import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { offsetPages } from '../../platform/excel.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { recipientsWorkbook } from './excel.ts';
import { getCampaign, listCampaigns, listRecipients } from './repository.ts';
import {
  campaignItem,
  createBody,
  createResult,
  listQuery,
  recipientItem,
  recipientsQuery,
  targetCount as targetCountSchema,
  targetQuery,
} from './schemas.ts';
import { createCampaign, targetCount } from './service.ts';

const OFFICERS = ['policy_officer', 'admin'] as const;
const tags = ['push'];
/** An export holds every recipient of a campaign; a district has ~12,000 key enterprises. */

export function campaignRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/push-campaigns/target-count',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '推送前预估：符合条件 / 可能符合的企业数、将跳过的已推送企业，以及所选渠道可达 / 不可达的企业数',
        querystring: targetQuery,
        response: { 200: targetCountSchema, ...errorResponses },
      },
    },
    async (req) => targetCount(db, req.query),
  );

  r.post(
    '/api/push-campaigns',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '创建推送任务并发送（站内消息 / 短信 / 邮件）',
        description:
          '对象为该政策的符合条件企业（可含“可能符合”）；同一企业同一政策/通知只推送一次，重复的计入跳过。短信和邮件按每分钟上限（ratePerMinute）错峰进入发送队列。',
        body: createBody,
        response: { 201: createResult, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await createCampaign(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/push-campaigns',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '推送任务列表（目标、可达、已交付、已送达、失败、不可达、已读、已申报）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(campaignItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listCampaigns(db, req.query),
  );

  r.get(
    '/api/push-campaigns/:id',
    {
      config: { access: OFFICERS },
      schema: { tags, summary: '推送任务详情', params: idParams, response: { 200: campaignItem, ...errorResponses } },
    },
    async (req) => getCampaign(db, req.params.id),
  );

  r.get(
    '/api/push-campaigns/:id/recipients',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '推送对象及其状态（不可达 / 待发送 / 已交付 / 已送达 / 失败 / 已读 / 已申报）',
        params: idParams,
        querystring: recipientsQuery,
        response: { 200: z.object({ items: z.array(recipientItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listRecipients(db, req.params.id, req.query),
  );

  r.get(
    '/api/push-campaigns/:id/recipients.xlsx',
    {
      config: { access: OFFICERS },
      schema: { tags, summary: '导出推送对象（Excel）', params: idParams },
    },
    async (req, reply) => {
      const c = await getCampaign(db, req.params.id);
      const items = offsetPages(async (page, pageSize) => (await listRecipients(db, c.id, { page, pageSize })).items);
      return sendXlsx(reply, await recipientsWorkbook(c, items), `政策推送_${c.id}.xlsx`, `push-${c.id}.xlsx`);
    },
  );
}
