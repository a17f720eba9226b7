import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessPlugin, type AccessExtension, type SessionUser } from '../src/platform/http/access.ts';
import type { Role } from '../src/platform/db/schema.ts';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './support/app.ts';
import { readDocument, type DocOperation, type Parameter } from './support/openapi.ts';

/**
 * The route × identity matrix, generated from the OpenAPI document: for every operation, its
 * declared access (`x-qifu-access`, written by the access plugin from `config.access` / `scope`)
 * says who must be let in and who refused, and a request as each identity must agree — anonymous,
 * every demo login, an API key with the route's scope and one without. "Let in" is any answer but
 * 401/403 (an empty body and placeholder ids give 400/404/409); "refused" is 401 for anonymous,
 * 403 for the others. A route missing from the document, or without the extension, fails the test.
 */
const LOGINS = ['admin', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy', 'enterprise', 'enterprise_agent'] as const;
const SCOPES = ['appeals:write', 'appeals:read', 'webhooks:manage'] as const;
/** /api routes left out of the document on purpose (the document itself). */
const HIDDEN = new Set(['GET /api/openapi.json']);
/** Operations that end the caller's session run last, so every other one sees live sessions. */
const LAST = new Set(['POST /api/auth/logout']);

interface Identity {
  name: string;
  headers: Record<string, string>;
  /** What the declaration says for this identity: let in, or refused with this status. */
  expect(access: AccessExtension): 'in' | 401 | 403;
}

interface Operation extends DocOperation {
  url: string;
  invalidUrl: string | null;
}

let t: TestApp;
let ops: Operation[];
const identities: Identity[] = [];
let addresses = 0;

/** A new client address for every request: per-address rate limits (login, SMS codes) never answer 429 here. */
function nextAddress(): string {
  addresses += 1;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

function readOperations(): Operation[] {
  const all = readDocument(t.app).operations.map((o) => ({ ...o, ...urlsOf(o.path, o.parameters) }));
  const last = (o: Operation) => (LAST.has(`${o.method} ${o.path}`) ? 1 : 0);
  return all.sort((a, b) => last(a) - last(b));
}

/** Every /api route the server has, from Fastify's route tree (paths in OpenAPI's {param} form). */
function serverRoutes(): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│├└─\s]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of m[3]!.split(', ')) routes.push(`${method} ${path}`);
  }
  return routes.filter((r) => / \/api\//.test(r) && !/ \/api\/docs/.test(r) && !r.startsWith('HEAD '));
}

/** The access plugin's refusals (src/platform/http/access.ts): who the caller is, never which record. */
const BY_ROLE = /^(无权执行此操作|此接口供对接系统以 API 密钥调用|API 客户端没有所需的权限范围)/;

function message(res: { json(): unknown }): string {
  return (res.json() as { error?: { message?: string } }).error?.message ?? '';
}

/**
 * The URL to call: placeholder ids, numbers nobody has (a string parameter may fail validation: 400,
 * still "let in"); and one that no parameter schema accepts, when a parameter can be made invalid
 * within the router's 100 characters (a number, or a string longer than its maximum).
 */
function urlsOf(path: string, parameters: Parameter[]): { url: string; invalidUrl: string | null } {
  const url = path.replace(/\{[^}]+\}/g, '999999');
  let invalid = false;
  const invalidUrl = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const schema = parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? {};
    const bad =
      schema.type === 'integer' ? 'x' : schema.maxLength !== undefined && schema.maxLength < 100 ? 'x'.repeat(schema.maxLength + 1) : null;
    invalid ||= bad !== null;
    return bad ?? '999999';
  });
  return { url, invalidUrl: invalid ? invalidUrl : null };
}

/**
 * Callers of a declared role whom the handler refuses by a rule of the product finer than roles.
 * Each entry is that rule: only its own message is accepted as the refusal.
 */
const NARROWED = [
  // 企业成员 are managed by the enterprise's administrator (enterprise_role admin), not by a 经办人 (members.ts).
  { route: /^[A-Z]+ \/api\/portal\/members/, login: 'enterprise_agent', message: '只有企业管理员可以管理企业成员' },
];

beforeAll(async () => {
  t = await createTestApp({ enterprises: 20 });
  ops = readOperations();
  identities.push({ name: 'anonymous', headers: {}, expect: (a) => (a.public ? 'in' : 401) });
  for (const login of LOGINS) {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: DEMO_PASSWORD } });
    expect(res.statusCode, `login ${login}`).toBe(200);
    const role = (res.json() as { user: { role: Role } }).user.role;
    const cookie = res.cookies.find((c) => c.name === 'qifu_session')!.value;
    identities.push({
      name: `${login} (${role})`,
      // A same-origin browser request, as the web app sends it.
      headers: { cookie: `qifu_session=${cookie}`, host: 'localhost', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      expect: (a) => (a.public || a.roles.includes(role) ? 'in' : 403),
    });
  }
  const admin = identities.find((i) => i.name === 'admin (admin)')!.headers;
  for (const scope of SCOPES) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/api-clients',
      headers: admin,
      payload: { name: `矩阵 ${scope}`, description: '', scopes: [scope], ratePerMinute: 10_000 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const key = (res.json() as { key: string }).key;
    identities.push({
      name: `key ${scope}`,
      headers: { authorization: `Bearer ${key}` },
      expect: (a) => (a.public || a.apiClient === scope ? 'in' : 403),
    });
  }
});
afterAll(() => t?.close());

describe('access matrix from the OpenAPI document', () => {
  it('documents every /api route, each with its machine-readable access', () => {
    const documented = new Set(ops.map((o) => `${o.method} ${o.path}`));
    const routes = serverRoutes();
    // The route tree was read (a changed printRoutes format must not pass as "nothing to check").
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.filter((r) => !documented.has(r) && !HIDDEN.has(r))).toEqual([]);
    expect(ops.filter((o) => !o.access).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('lets in exactly the identities each operation declares, and refuses the others', async () => {
    const started = performance.now();
    const wrong: string[] = [];
    let requests = 0;
    for (const op of ops) {
      const access = op.access!;
      // Keys: a scoped route is tried with its scope's key and another's; one key stands for all elsewhere.
      const keys = new Set([`key ${access.apiClient ?? SCOPES[0]}`, `key ${SCOPES.find((s) => s !== access.apiClient)}`]);
      const who = identities.filter((i) => !i.name.startsWith('key ') || keys.has(i.name));
      const send = (i: Identity, url = op.url) => {
        requests += 1;
        return t.app.inject({ method: op.method as 'GET', url, headers: i.headers, remoteAddress: nextAddress() });
      };
      const answers = await Promise.all(who.map(async (i) => ({ i, res: await send(i) })));
      for (const { i, res } of answers) {
        const wanted = i.expect(access);
        const status = res.statusCode;
        let ok = wanted === 'in' ? status !== 401 && status !== 403 && status !== 429 : status === wanted;
        if (!ok && wanted === 'in' && status === 403) {
          const narrowed = NARROWED.find((n) => n.route.test(`${op.method} ${op.path}`) && i.name.startsWith(`${n.login} `));
          if (narrowed) ok = message(res) === narrowed.message;
          // Refused for the record named, not for who they are: the same request naming no valid record is let in
          // (400), and the refusal is not in the words of a refusal by role (the plugin's, or a handler's like it).
          else if (op.invalidUrl && !BY_ROLE.test(message(res))) ok = (await send(i, op.invalidUrl)).statusCode === 400;
        }
        if (!ok) wrong.push(`${op.method} ${op.path} as ${i.name}: ${status}, declared ${wanted === 'in' ? 'let in' : wanted}`);
      }
    }
    const ms = Math.round(performance.now() - started);
    console.log(`access matrix: ${ops.length} operations, ${requests} requests, ${ms} ms`);
    expect(wrong).toEqual([]);
  });
});

describe('a route open to both sessions and API keys', () => {
  it('names the roles and the scope in its description and security, and lets in exactly those', async () => {
    const app = Fastify();
    const user = (role: Role): SessionUser => ({
      id: 1,
      sessionId: role,
      username: role,
      displayName: role,
      role,
      departmentId: null,
      streetId: null,
      enterpriseId: null,
    });
    await app.register(cookie);
    await app.register(swagger, {
      openapi: {
        components: {
          securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qifu_session' }, apiKey: { type: 'http', scheme: 'bearer' } },
        },
      },
    });
    await app.register(accessPlugin, {
      resolveSession: async (token) => user(token as Role),
      // A key `qf_<scope>` holds that one scope.
      resolveApiKey: async (key) => ({ user: user('specialist'), client: { id: 1, scopes: [key.slice(3)], ratePerMinute: 60 } }),
    });
    app.get('/api/both', { config: { access: ['leader'], scope: 'appeals:read' } }, async () => ({ ok: true }));
    app.get('/api/keys', { config: { access: 'api-client', scope: 'appeals:read' } }, async () => ({ ok: true }));
    await app.ready();
    type Documented = { get: { description: string; security: unknown; 'x-qifu-access': unknown } };
    const paths = (app.swagger() as unknown as { paths: Record<string, Documented> }).paths;
    expect(paths['/api/both']!.get).toMatchObject({
      description: '可调用：区领导（leader）；对接系统（API 密钥，权限范围 appeals:read）',
      security: [{ session: [] }, { apiKey: [] }],
      'x-qifu-access': { public: false, roles: ['leader'], apiClient: 'appeals:read' },
    });
    expect(paths['/api/keys']!.get).toMatchObject({
      description: '可调用：对接系统（API 密钥，权限范围 appeals:read）',
      security: [{ apiKey: [] }],
      'x-qifu-access': { public: false, roles: [], apiClient: 'appeals:read' },
    });
    const status = async (url: string, headers: Record<string, string>) => (await app.inject({ url, headers })).statusCode;
    const leader = { cookie: 'qifu_session=leader' };
    const handler = { cookie: 'qifu_session=handler' };
    const reader = { authorization: 'Bearer qf_appeals:read' };
    const writer = { authorization: 'Bearer qf_appeals:write' };
    expect([
      await status('/api/both', leader),
      await status('/api/both', handler),
      await status('/api/both', reader),
      await status('/api/both', writer),
    ]).toEqual([200, 403, 200, 403]);
    expect([
      await status('/api/keys', leader),
      await status('/api/keys', reader),
      await status('/api/keys', writer),
      await status('/api/keys', {}),
    ]).toEqual([403, 200, 403, 401]);
    await app.close();
  });
});
