import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { policyAttachmentRoutes } from './attachment-routes.ts';
import { policyRuleRoutes } from './rule-routes.ts';
import { policyRoutes } from './routes.ts';

/** The policy library (政策库), notices (申报通知) and policy rules (政策画像) with their editor's endpoints. */
export function policiesModule(app: FastifyInstance, ctx: AppContext): void {
  policyRoutes(app, ctx.db);
  policyAttachmentRoutes(app, ctx.db);
  policyRuleRoutes(app, ctx.db);
}
