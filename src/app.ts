import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from './platform/context.ts';
import { accessPlugin } from './platform/http/access.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { installInputGuard } from './platform/http/input-guard.ts';
import { installCsrfGuard } from './platform/http/csrf.ts';
import { registerSecurityHeaders, setSecurityHeaders } from './platform/http/security-headers.ts';
import { redacting } from './platform/log.ts';
import { registerOperations } from './platform/http/operations.ts';
import { AppError } from './platform/errors.ts';
import { sessionResolver } from './modules/auth/service.ts';
import { apiKeyResolver } from './modules/api-clients/service.ts';
import { apiClientsModule } from './modules/api-clients/index.ts';
import { webhooksModule } from './modules/webhooks/index.ts';
import { open311Module } from './modules/open311/index.ts';
import { ssoRoutes } from './modules/sso/routes.ts';
import { enterpriseAccountsModule } from './modules/enterprise-accounts/index.ts';
import { authJobs } from './modules/auth/index.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { taxonomyRoutes } from './modules/taxonomy/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { enterpriseRoutes } from './modules/enterprises/routes.ts';
import { enterpriseFileRoutes } from './modules/enterprise-file/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { appealsModule } from './modules/appeals/index.ts';
import { appealStatsModule } from './modules/appeal-stats/index.ts';
import { warningsModule } from './modules/warnings/index.ts';
import { policiesModule } from './modules/policies/index.ts';
import { campaignsModule } from './modules/campaigns/index.ts';
import { grantsModule } from './modules/grants/index.ts';
import { portalPoliciesModule } from './modules/portal-policies/index.ts';
import { applicationsModule } from './modules/applications/index.ts';
import { liaisonModule } from './modules/liaison/index.ts';
import { matchingModule } from './modules/matching/index.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { problemPoolRoutes } from './modules/problem-pool/routes.ts';
import { deliveryModule } from './modules/delivery/index.ts';
import { myWorkRoutes } from './modules/my-work/routes.ts';
import { Scheduler } from './platform/scheduler.ts';
import { listenForChanges } from './platform/db/changes.ts';
import { purgeRateLimits } from './platform/db/rate-limits.ts';
import { sharedRateLimitStore } from './platform/http/rate-limit-store.ts';

// Validation messages in Chinese, for every schema in the process.
z.config(z.locales.zhCN());

const webDist = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface BuildOptions {
  /** A pino logger; without one the app logs nothing (tests). */
  logger?: FastifyBaseLogger;
  /** Serve the built web app from web/dist (off in API tests). */
  serveWeb?: boolean;
}

/** A hop count as the function Fastify's types take (proxy-addr counts hops from the socket). */
function hopsOrList(v: boolean | number | string[]): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_address, hop) => hop < v : v;
}

/** The web app's page: never cached, so a new build (new asset names) is picked up at once. */
function sendIndex(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: redacting(opts.logger) } : { logger: false }),
    trustProxy: hopsOrList(ctx.config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    // A caller's own X-Request-Id correlates its logs with ours, but it lands in the audit trail and
    // the API-call log: only a short plain token is taken, anything else gets an id of ours.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Before any hook: a URL that cannot be decoded (`/%`). Same error shape and headers as the rest.
    frameworkErrors: (err, _req, raw) => {
      const reply = raw as FastifyReply;
      setSecurityHeaders(reply);
      void reply.status(err.statusCode ?? 400).send({ error: { code: 'VALIDATION_FAILED', message: '请求地址无效', details: null } });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const processName = ctx.config.processName;
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // Behind nginx with several processes: which one answered (only when named, see README).
    if (processName) reply.header('x-qifu-process', processName);
  });

  await app.register(cookie);
  await registerSecurityHeaders(app);
  installCsrfGuard(app);
  // On PostgreSQL the counters are shared by every process on the database (behind nginx).
  await app.register(rateLimit, { global: false, ...(ctx.config.databaseUrl ? { store: sharedRateLimitStore(ctx.db) } : {}) });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 10, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Qifu 企服通 API',
        version: '0.1.0',
        description: '企服通开放接口。错误统一为 {error:{code,message,details}}；每个接口说明可调用的角色。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'qifu_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: '对接系统的 API 密钥' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(accessPlugin, { resolveSession: sessionResolver(ctx.db), resolveApiKey: apiKeyResolver(ctx.db) });
  installInputGuard(app);

  registerOperations(app, ctx.db);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  orgRoutes(app, ctx);
  taxonomyRoutes(app, ctx);
  auditRoutes(app, ctx);
  enterpriseRoutes(app, ctx);
  enterpriseFileRoutes(app, ctx);
  calendarRoutes(app, ctx);
  notificationRoutes(app, ctx);
  problemPoolRoutes(app, ctx);

  // Background jobs run with the server (not in tests, which call them directly).
  const scheduler = ctx.config.scheduler ? new Scheduler(app.log, ctx.db, processName ?? `${os.hostname()}:${process.pid}`) : undefined;
  // Several processes on one PostgreSQL: what one changes, the others re-read (platform/db/changes.ts).
  if (ctx.config.databaseUrl) {
    const changes = listenForChanges(ctx.db, ctx.config.databaseUrl, app.log);
    await changes.ready;
    app.addHook('onClose', async () => changes.close());
    scheduler?.every('rate-limit-purge', 3_600_000, () => purgeRateLimits(ctx.db, new Date(Date.now() - 86_400_000)));
  }
  const appeals = await appealsModule(app, ctx, scheduler);
  await appealStatsModule(app, ctx, scheduler);
  warningsModule(app, ctx, scheduler);
  matchingModule(app, ctx, scheduler);
  policiesModule(app, ctx);
  campaignsModule(app, ctx);
  grantsModule(app, ctx);
  portalPoliciesModule(app, ctx);
  applicationsModule(app, ctx);
  apiClientsModule(app, ctx, appeals, scheduler);
  webhooksModule(app, ctx, scheduler);
  open311Module(app, ctx, appeals);
  liaisonModule(app, appeals);
  ssoRoutes(app, ctx);
  enterpriseAccountsModule(app, ctx);
  deliveryModule(app, ctx, scheduler);
  myWorkRoutes(app, ctx.db);
  authJobs(ctx, scheduler);
  if (scheduler) {
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  }

  const serveWeb = opts.serveWeb ?? true;
  const hasWeb = serveWeb && fs.existsSync(path.join(webDist, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: true, maxAge: '1h', index: false });
    // The front door: the web app decides between the login page and the role's home.
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  }

  app.setNotFoundHandler((req, reply) => {
    // A missing script or style is a 404, never the app's HTML (the browser would refuse it anyway).
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET' || !hasWeb) {
      throw new AppError('NOT_FOUND', `接口不存在：${req.method} ${req.url.split('?')[0]}`);
    }
    // Client-side routes: the web app decides what to show (including its own 404 page).
    return sendIndex(reply);
  });
  return app;
}
