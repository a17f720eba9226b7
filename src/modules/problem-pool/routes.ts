import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import { problemCreate, problemPatch, problemSchema, similarSchema } from './schemas.ts';
import * as service from './service.ts';

const OFFICE = ['specialist', 'coordinator', 'leader', 'admin'] as const;

export function problemPoolRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['problem-pool'];

  r.get(
    '/api/appeals/:id/similar',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '相似诉求（同一企业重复提交、多家企业同一问题）',
        params: idParams,
        response: { 200: z.object({ items: z.array(similarSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await service.similarTo(db, req.params.id) }),
  );

  r.post(
    '/api/appeals/:id/merge',
    {
      config: { access: ['specialist', 'coordinator'] },
      schema: {
        tags,
        summary: '并入另一件诉求（企业可见并入了哪一件）',
        params: idParams,
        body: z.object({ intoId: z.number().int().positive() }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.merge(db, requireUser(req), actorOf(req), req.params.id, req.body.intoId);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/common-problems',
    {
      config: { access: [...OFFICE, 'handler'] },
      schema: {
        tags,
        summary: '共性问题（按涉及企业数、诉求数排名）',
        querystring: z.object({ status: z.enum(['open', 'resolved']).optional() }),
        response: { 200: z.object({ items: z.array(problemSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await service.problems(db, req.query.status) }),
  );

  r.get(
    '/api/common-problems/candidates',
    {
      config: { access: OFFICE },
      schema: {
        tags,
        summary: '从近半年诉求中聚类出的共性问题候选',
        response: {
          200: z.object({
            items: z.array(
              z.object({ appealIds: z.array(z.number()), enterprises: z.number(), terms: z.array(z.string()), title: z.string() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ items: await service.candidates(db) }),
  );

  r.post(
    '/api/common-problems',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags,
        summary: '设立共性问题并交办牵头部门',
        body: problemCreate,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await service.createProblem(db, requireUser(req), actorOf(req), req.body) }),
  );

  r.patch(
    '/api/common-problems/:id',
    {
      config: { access: ['coordinator'] },
      schema: {
        tags,
        summary: '更新共性问题（推进情况、状态、关联诉求）',
        params: idParams,
        body: problemPatch,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.updateProblem(db, actorOf(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
}
