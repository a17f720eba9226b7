import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import type { Role } from '../db/schema.ts';

/** Who may call a route. Every /api route must say it; the server refuses to start otherwise. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface SessionUser {
  id: number;
  sessionId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  streetId: number | null;
  enterpriseId: number | null;
}

/** The one who acts, as the audit log records them. */
export interface Actor {
  id: number | null;
  name: string;
  role: string;
  ip: string;
  requestId: string;
}

/** A connected system calling with an API key; it acts as its own service user. */
export interface ApiClientRef {
  id: number;
  scopes: readonly string[];
  ratePerMinute: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** The API-client scope a route needs; without one, API keys are refused on it. */
    scope?: string;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    apiClient: ApiClientRef | null;
  }
}

export const SESSION_COOKIE = 'qifu_session';

export const roleNames: Record<Role, string> = {
  enterprise: '企业用户',
  specialist: '企服专员',
  coordinator: '企业服务办',
  handler: '承办部门',
  cadre: '挂点干部',
  leader: '区领导',
  policy_officer: '政策专员',
  admin: '系统管理员',
};

export const STAFF_ROLES: readonly Role[] = ['specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin'];

export type SessionResolver = (token: string) => Promise<SessionUser | null>;
export type ApiKeyResolver = (key: string) => Promise<{ user: SessionUser; client: ApiClientRef } | null>;

/** `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
export function apiKeyOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

function describeAccess(access: Access): string {
  if (access === 'public') return '公开（无需登录）';
  if (access === 'authenticated') return '任何已登录用户';
  return access.map((r) => `${roleNames[r]}（${r}）`).join('、');
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.user;
}

export function actorOf(req: FastifyRequest): Actor {
  return {
    id: req.user?.id ?? null,
    name: req.user?.displayName ?? 'anonymous',
    role: req.user?.role ?? 'anonymous',
    ip: req.ip,
    requestId: String(req.id),
  };
}

/**
 * Enforces each route's declared access and writes it into the OpenAPI description,
 * so the documentation and the check come from the same declaration.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance, opts: { resolveSession: SessionResolver; resolveApiKey?: ApiKeyResolver }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('apiClient', null);

    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
      const access = route.config?.access;
      if (access === undefined) throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      const who = `可调用：${describeAccess(access)}`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${who}` : who;
      const scope = route.config?.scope;
      if (access !== 'public') schema.security = scope ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }];
      if (access === 'public') return;
      const check = async (req: FastifyRequest): Promise<void> => {
        const token = req.cookies[SESSION_COOKIE];
        const key = token ? undefined : apiKeyOf(req);
        if (token) req.user = await opts.resolveSession(token);
        else if (key && opts.resolveApiKey) {
          const found = await opts.resolveApiKey(key);
          req.user = found?.user ?? null;
          req.apiClient = found?.client ?? null;
        }
        if (!req.user) throw new AppError('UNAUTHENTICATED', key ? 'API 密钥无效或已吊销' : '请先登录');
        // A key opens only the routes made for connected systems, and only within its scopes.
        if (req.apiClient && !(scope && req.apiClient.scopes.includes(scope)))
          throw AppError.forbidden(`API 客户端没有所需的权限范围 ${scope ?? '（此接口不对 API 客户端开放）'}`);
        if (access !== 'authenticated' && !access.includes(req.user.role)) throw AppError.forbidden();
      };
      // Before validation: a caller who may not use the route learns nothing about its input.
      const existing = route.preValidation;
      route.preValidation = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
    });
  },
  { name: 'qifu-access', dependencies: ['@fastify/cookie'] },
);
