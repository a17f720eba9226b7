import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import { STAFF_ROLES, actorOf, requireUser, type SessionUser } from '../../platform/http/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import { currentRule } from '../matching/index.ts';
import { policyView, searchPolicies } from './read.ts';
import { listNotices, noticeById, noticesOf, policyRow } from './repository.ts';
import {
  noticeBody,
  noticeItem,
  noticePatch,
  noticeQuery,
  policyBody,
  policyDetail,
  policyPatch,
  searchQuery,
  searchResult,
} from './schemas.ts';
import { changeNoticeStatus, changePolicyStatus, createNotice, createPolicy, updateNotice, updatePolicy } from './service.ts';

export const READERS = [...STAFF_ROLES, 'enterprise'] as const;
export const WRITERS = ['policy_officer', 'admin'] as const;
const tags = ['policies'];
const created = z.object({ id: z.number() });

/** Enterprises see the published library only; staff see drafts and archives too. */
export const publishedOnly = (user: SessionUser) => user.role === 'enterprise';
export const canEdit = (user: SessionUser) => (WRITERS as readonly string[]).includes(user.role);

export async function visiblePolicy(db: Db, user: SessionUser, id: number) {
  const p = await policyRow(db, id);
  if (!p || (publishedOnly(user) && p.status !== 'published')) throw AppError.notFound('政策');
  return p;
}

export function policyRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/policies',
    {
      config: { access: READERS },
      schema: {
        tags,
        querystring: searchQuery,
        response: { 200: searchResult, ...errorResponses },
        summary:
          '政策库检索：中文分词全文检索（标题命中权重更高），按层级、部门、行业（GB/T 4754 任一层级）、类别、有效日期、状态筛选；企业用户只见已发布政策',
      },
    },
    async (req) => searchPolicies(db, req.query, publishedOnly(requireUser(req))),
  );

  r.get(
    '/api/policies/:id',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '政策详情：原文、解读、附件、申报通知、当前政策画像版本',
        params: idParams,
        response: { 200: policyDetail, ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const [view, rule] = await Promise.all([policyView(db, req.params.id, publishedOnly(user)), currentRule(db, req.params.id)]);
      if (!view) throw AppError.notFound('政策');
      return { ...view, ruleVersion: rule?.version ?? null, canEdit: canEdit(user) };
    },
  );

  r.post(
    '/api/policies',
    {
      config: { access: WRITERS },
      schema: { tags, summary: '新增政策（草稿）', body: policyBody, response: { 201: created, ...errorResponses } },
    },
    async (req, reply) => reply.status(201).send({ id: await createPolicy(db, actorOf(req), req.body) }),
  );

  r.patch(
    '/api/policies/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: '修改政策；修改有效日期后重新匹配',
        params: idParams,
        body: policyPatch,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await updatePolicy(db, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  for (const action of ['publish', 'archive', 'unpublish'] as const) {
    r.post(
      `/api/policies/:id/${action}`,
      {
        config: { access: WRITERS },
        schema: {
          tags,
          summary: {
            publish: '发布政策（草稿 → 已发布），重新匹配',
            archive: '归档政策，同时撤回其已发布的申报通知',
            unpublish: '撤回为草稿以便修改',
          }[action],
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await changePolicyStatus(db, actorOf(req), req.params.id, action);
        return reply.status(204).send(null);
      },
    );
  }

  r.get(
    '/api/policies/:id/notices',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '政策的申报通知；企业用户只见已发布的',
        params: idParams,
        response: { 200: z.object({ items: z.array(noticeItem) }), ...errorResponses },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await visiblePolicy(db, user, req.params.id);
      return { items: await noticesOf(db, req.params.id, publishedOnly(user)) };
    },
  );

  r.post(
    '/api/policies/:id/notices',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: '新增申报通知（草稿）：申报窗口、材料清单、申报人填报字段、审核层级、资金预算',
        params: idParams,
        body: noticeBody,
        response: { 201: created, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await createNotice(db, actorOf(req), req.params.id, req.body) }),
  );

  r.get(
    '/api/policy-notices',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: '申报通知列表（open=1：正在申报期内）；企业用户只见已发布的',
        querystring: noticeQuery,
        response: { 200: z.object({ items: z.array(noticeItem), total: z.number() }), ...errorResponses },
      },
    },
    async (req) => listNotices(db, req.query, publishedOnly(requireUser(req))),
  );

  r.get(
    '/api/policy-notices/:id',
    {
      config: { access: READERS },
      schema: { tags, summary: '申报通知详情', params: idParams, response: { 200: noticeItem, ...errorResponses } },
    },
    async (req) => {
      const n = await noticeById(db, req.params.id);
      if (!n || (publishedOnly(requireUser(req)) && (n.status !== 'published' || n.policyStatus !== 'published')))
        throw AppError.notFound('申报通知');
      const { policyStatus: _, ...notice } = n;
      return notice;
    },
  );

  r.patch(
    '/api/policy-notices/:id',
    {
      config: { access: WRITERS },
      schema: { tags, summary: '修改申报通知', params: idParams, body: noticePatch, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => {
      await updateNotice(db, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  for (const action of ['publish', 'withdraw'] as const) {
    r.post(
      `/api/policy-notices/:id/${action}`,
      {
        config: { access: WRITERS },
        schema: {
          tags,
          summary: action === 'publish' ? '发布申报通知（所属政策须已发布）' : '撤回申报通知',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await changeNoticeStatus(db, actorOf(req), req.params.id, action);
        return reply.status(204).send(null);
      },
    );
  }
}
