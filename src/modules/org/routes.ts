import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { errorResponses, idParams } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import { departmentCreate, departmentPatch, departmentSchema, streetCreate, streetPatch, streetSchema } from './schemas.ts';
import * as service from './service.ts';

const admin = { access: ['admin'] as const };
const created = { 201: z.object({ id: z.number() }), ...errorResponses };
const noContent = { 204: z.null(), ...errorResponses };

export function orgRoutes(app: FastifyInstance, { db }: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  r.get(
    '/api/streets',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '街道列表', response: { 200: z.object({ items: z.array(streetSchema) }), ...errorResponses } },
    },
    async () => ({ items: await service.streets(db) }),
  );

  r.post(
    '/api/admin/streets',
    { config: admin, schema: { tags, summary: '新增街道', body: streetCreate, response: created } },
    async (req, reply) => reply.status(201).send({ id: await service.createStreet(db, req.body, actorOf(req)) }),
  );

  r.patch(
    '/api/admin/streets/:id',
    { config: admin, schema: { tags, summary: '修改街道', params: idParams, body: streetPatch, response: noContent } },
    async (req, reply) => {
      await service.updateStreet(db, req.params.id, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/departments',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '部门列表', response: { 200: z.object({ items: z.array(departmentSchema) }), ...errorResponses } },
    },
    async () => ({ items: await service.departments(db) }),
  );

  r.post(
    '/api/admin/departments',
    { config: admin, schema: { tags, summary: '新增部门', body: departmentCreate, response: created } },
    async (req, reply) => reply.status(201).send({ id: await service.createDepartment(db, req.body, actorOf(req)) }),
  );

  r.patch(
    '/api/admin/departments/:id',
    {
      config: admin,
      schema: { tags, summary: '修改部门（含负责人、启停用）', params: idParams, body: departmentPatch, response: noContent },
    },
    async (req, reply) => {
      await service.updateDepartment(db, req.params.id, req.body, actorOf(req));
      return reply.status(204).send(null);
    },
  );
}
