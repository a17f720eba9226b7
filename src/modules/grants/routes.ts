import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { sendXlsx } from '../../platform/http/download.ts';
import { ensureFresh } from '../matching/index.ts';
import { unclaimedWorkbook } from './excel.ts';
import { autoGrantPolicies, getBatch, listBatches, listItems, listUnclaimed } from './repository.ts';
import {
  batchDetail,
  batchesQuery,
  batchItem,
  batchResult,
  confirmBody,
  draftBody,
  grantItem,
  itemParams,
  itemPatch,
  itemsQuery,
  policyItem,
  unclaimedItem,
  unclaimedQuery,
} from './schemas.ts';
import { cancelBatch, confirmBatch, draftBatch, updateItem } from './service.ts';

const OFFICERS = ['policy_officer', 'admin'] as const;
const tags = ['auto-grant'];

export function grantRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/grants/policies',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '免申即享政策：符合条件、已享受、应享未享企业数',
        response: { 200: z.array(policyItem), ...errorResponses },
      },
    },
    async () => {
      await ensureFresh(db);
      return autoGrantPolicies(db);
    },
  );

  r.post(
    '/api/grant-batches',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '生成发放批次草稿（符合条件且尚未享受的企业，附每家的符合说明）',
        body: draftBody,
        response: { 201: batchResult, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await draftBatch(db, actorOf(req), req.body)),
  );

  r.get(
    '/api/grant-batches',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '发放批次列表',
        querystring: batchesQuery,
        response: { 200: z.object({ items: z.array(batchItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listBatches(db, req.query),
  );

  r.get(
    '/api/grant-batches/:id',
    {
      config: { access: OFFICERS },
      schema: { tags, summary: '发放批次详情', params: idParams, response: { 200: batchDetail, ...errorResponses } },
    },
    async (req) => getBatch(db, req.params.id),
  );

  r.get(
    '/api/grant-batches/:id/items',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '批次中的企业及其符合说明',
        params: idParams,
        querystring: itemsQuery,
        response: { 200: z.object({ items: z.array(grantItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listItems(db, req.params.id, req.query),
  );

  r.patch(
    '/api/grant-batches/:id/items/:enterpriseId',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '审核批次：排除 / 恢复企业，或调整金额（仅草稿）',
        params: itemParams,
        body: itemPatch,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await updateItem(db, actorOf(req), req.params.id, req.params.enterpriseId, req.body);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/grant-batches/:id/confirm',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '确认批次：登记兑现记录并通知企业（站内消息、短信）',
        params: idParams,
        body: confirmBody,
        response: { 200: batchResult, ...errorResponses },
      },
    },
    async (req) => confirmBatch(db, actorOf(req), req.params.id, req.body.paidOn),
  );

  r.post(
    '/api/grant-batches/:id/cancel',
    {
      config: { access: OFFICERS },
      schema: { tags, summary: '作废草稿批次', params: idParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await cancelBatch(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/grants/unclaimed',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '应享未享：符合条件但尚未享受的企业',
        querystring: unclaimedQuery,
        response: { 200: z.object({ items: z.array(unclaimedItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => {
      await ensureFresh(db);
      return listUnclaimed(db, req.query);
    },
  );

  r.get(
    '/api/grants/unclaimed.xlsx',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: '导出应享未享（Excel，全部行，不截断；行数见 x-total-rows）',
        querystring: unclaimedQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      await ensureFresh(db);
      const out = await unclaimedWorkbook(db, req.query);
      reply.header('x-total-rows', String(out.rows));
      return sendXlsx(reply, out.data, '应享未享.xlsx', 'unclaimed.xlsx');
    },
  );
}
