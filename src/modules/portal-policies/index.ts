import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { portalPolicyRoutes } from './routes.ts';

/** The enterprise's side of policy direct delivery: policies for me, eligibility with reasons, benefits. */
export function portalPoliciesModule(app: FastifyInstance, ctx: AppContext): void {
  portalPolicyRoutes(app, ctx.db);
}
