import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { AppealDeps } from '../appeals/service.ts';
import { apiKeyResolver } from '../api-clients/service.ts';
import { open311Routes } from './routes.ts';

/** Open311 GeoReport v2, authenticated by the same API keys as the rest of the open platform. */
export function open311Module(app: FastifyInstance, ctx: AppContext, appeals: AppealDeps): void {
  open311Routes(app, ctx, appeals, apiKeyResolver(ctx.db));
}
