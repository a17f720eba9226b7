import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { grantRoutes } from './routes.ts';

/** 免申即享: batches of benefits granted without an application, and 应享未享. */
export function grantsModule(app: FastifyInstance, ctx: AppContext): void {
  grantRoutes(app, ctx.db);
}
