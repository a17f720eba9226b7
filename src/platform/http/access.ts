import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import type { Role } from '../db/schema.ts';

/**
 * Who may call a route. Every /api route must say it; the server refuses to start otherwise.
 * 'api-client': connected systems only, with an API key holding the route's `scope` (sessions get 403).
 * A role list with a `scope` admits both: sessions of those roles, and keys with the scope.
 */
export type Access = 'public' | 'authenticated' | 'api-client' | readonly Role[];

export interface SessionUser {
  id: number;
  sessionId: string;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  streetId: number | null;
  enterpriseId: number | null;
  /** The user still has a password someone else set: the session may only change it (absent for API clients). */
  mustChangePassword?: boolean;
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
    /** Open to a session that must change its password first (the change itself, logout, me). */
    beforePasswordChange?: boolean;
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

function describeAccess(access: Access, scope: string | undefined): string {
  if (access === 'public') return '公开（无需登录）';
  const client = scope ? `对接系统（API 密钥，权限范围 ${scope}）` : '';
  if (access === 'api-client') return client;
  const sessions = access === 'authenticated' ? '任何已登录用户' : access.map((r) => `${roleNames[r]}（${r}）`).join('、');
  return client ? `${sessions}；${client}` : sessions;
}

/** The declared access in machine-readable form (`x-qifu-access` in OpenAPI), for clients and the access-matrix test. */
export interface AccessExtension {
  public: boolean;
  /** Roles whose sessions are let in (every role for 'authenticated'). */
  roles: Role[];
  /** The scope an API key needs, or null when keys are refused. */
  apiClient: string | null;
}

function accessExtension(access: Access, scope: string | undefined): AccessExtension {
  if (access === 'public') return { public: true, roles: [], apiClient: null };
  const roles = access === 'authenticated' ? (Object.keys(roleNames) as Role[]) : access === 'api-client' ? [] : [...access];
  return { public: false, roles, apiClient: scope ?? null };
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
      const scope = route.config?.scope;
      if (access === 'api-client' && !scope) throw new Error(`route ${route.method} ${route.url} is for API clients but names no scope`);
      const schema = (route.schema ??= {}) as Record<string, unknown>;
      const who = `可调用：${describeAccess(access, scope)}`;
      // GET's implicit HEAD route shares this schema object: say it once.
      if (!String(schema.description ?? '').endsWith(who))
        schema.description = schema.description ? `${String(schema.description)}\n\n${who}` : who;
      schema['x-qifu-access'] = accessExtension(access, scope);
      if (access !== 'public')
        schema.security = access === 'api-client' ? [{ apiKey: [] }] : scope ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }];
      if (access === 'public') return;
      const beforePasswordChange = route.config?.beforePasswordChange === true;
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
        if (req.user.mustChangePassword && !beforePasswordChange)
          throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码，之后才能使用系统的其他功能');
        // A key opens only the routes made for connected systems, and only within its scopes.
        if (req.apiClient && !(scope && req.apiClient.scopes.includes(scope)))
          throw AppError.forbidden(`API 客户端没有所需的权限范围 ${scope ?? '（此接口不对 API 客户端开放）'}`);
        // A key with the scope is all such a route asks; a session needs one of the listed roles.
        if (access === 'api-client' && !req.apiClient) throw AppError.forbidden('此接口供对接系统以 API 密钥调用');
        if (!req.apiClient && access !== 'authenticated' && access !== 'api-client' && !access.includes(req.user.role))
          throw AppError.forbidden();
      };
      // Before validation: a caller who may not use the route learns nothing about its input.
      const existing = route.preValidation;
      route.preValidation = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
    });
  },
  { name: 'qifu-access', dependencies: ['@fastify/cookie'] },
);
