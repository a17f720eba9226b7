import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { memberRoutes } from './routes-members.ts';
import { registrationRequestRoutes } from './routes-requests.ts';
import { registrationRoutes } from './routes.ts';

/** Enterprise accounts: self-registration, joining by invitation, 企业成员, 注册审核. */
export function enterpriseAccountsModule(app: FastifyInstance, ctx: AppContext): void {
  registrationRoutes(app, ctx);
  memberRoutes(app, ctx);
  registrationRequestRoutes(app, ctx);
}
