/**
 * Every operation of the OpenAPI document, called as an identity it accepts, with bad inputs: NUL
 * and lone surrogates in each string, wrong types, out-of-range ids, huge and 10,000-level nested
 * values, bad path and query parameters (tests/fuzz/generate.ts). No answer may be a 5xx, and a
 * NUL or lone surrogate must come back as a 400 naming its field. A new route is fuzzed as soon as
 * it is in the document. Multipart text fields have their own test (src/platform/http/uploads.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';
import { mulberry32 } from '../src/seed/random.ts';
import { casesFor, Generator, type FuzzCase, type JsonSchema, type Operation } from './fuzz/generate.ts';

/** The demo login of each role (README: Demo accounts). */
const LOGINS: Record<string, string> = {
  admin: 'admin',
  specialist: 'specialist',
  coordinator: 'coordinator',
  handler: 'handler',
  cadre: 'cadre',
  leader: 'leader',
  policy_officer: 'policy',
  enterprise: 'enterprise',
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// Fixed, so CI sends the same cases every run; QIFU_FUZZ_SEED=<n> explores another sample locally.
const SEED = Number(process.env.QIFU_FUZZ_SEED ?? 20_260_302);

let t: TestApp;
const cookies = new Map<string, string>();
let apiKey = '';

beforeAll(async () => {
  t = await createTestApp();
  for (const [role, login] of Object.entries(LOGINS)) cookies.set(role, await t.login(login));
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/admin/api-clients',
    headers: { cookie: cookies.get('admin')! },
    payload: { name: '模糊测试', scopes: ['appeals:write', 'appeals:read', 'webhooks:manage'], ratePerMinute: 100_000 },
  });
  expect(res.statusCode).toBe(201);
  apiKey = res.json<{ key: string }>().key;
});
afterAll(() => t?.close());

/** The roles an operation's description declares ("可调用：企业服务办（coordinator）、…"). */
function rolesOf(op: Operation): string[] | 'public' | 'authenticated' {
  const line = /可调用：(.*)$/m.exec(op.description ?? '')?.[1] ?? '';
  if (line.startsWith('公开')) return 'public';
  if (line.startsWith('任何已登录用户')) return 'authenticated';
  return [...line.matchAll(/（([a-z_]+)）/g)].map((m) => m[1]!);
}

/** Headers of an identity the operation accepts: an administrator when it may, an API key for connected systems. */
function identity(path: string, op: Operation): Record<string, string> {
  const roles = rolesOf(op);
  if (roles === 'public') return {};
  if (roles === 'authenticated') return { cookie: cookies.get('admin')! };
  const keyOnly = op.security?.some((s) => 'apiKey' in s) && (path.startsWith('/api/open/') || roles.length === 0);
  if (keyOnly) return { authorization: `Bearer ${apiKey}` };
  const role = roles.includes('admin') ? 'admin' : roles[0];
  const cookie = role && cookies.get(role);
  if (!cookie) throw new Error(`${path}: no demo login for the roles ${roles.join(', ')}`);
  return { cookie };
}

interface Failure {
  op: string;
  what: string;
  status: number;
  body: string;
}

/** The fields an error answer names (none when the answer is not one). */
function fieldsOf(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { error?: { details?: { fields?: { field: string }[] } } };
    return (parsed.error?.details?.fields ?? []).map((f) => f.field);
  } catch {
    return [];
  }
}

let address = 0;
/** Each request from its own address: the per-address rate limits must not answer before the check under test. */
function nextAddress(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

async function run(method: string, path: string, c: FuzzCase, headers: Record<string, string>): Promise<Failure | null> {
  const res = await t.app.inject({
    method: method.toUpperCase() as 'GET',
    url: c.url,
    remoteAddress: nextAddress(),
    headers: { ...headers, ...(c.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(c.body === undefined ? {} : { payload: c.body }),
  });
  const fail = (status: number): Failure => ({ op: `${method.toUpperCase()} ${path}`, what: c.what, status, body: res.body.slice(0, 400) });
  if (res.statusCode >= 500) return fail(res.statusCode);
  if (c.expectField !== undefined) {
    const fields = fieldsOf(res.body);
    if (res.statusCode !== 400 || !fields.includes(c.expectField)) return fail(res.statusCode);
  }
  return null;
}

describe('fuzz over the OpenAPI document', () => {
  it('answers every bad input with a 4xx, and names the field of a NUL or lone surrogate', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
      components: { schemas: Record<string, JsonSchema> };
    }>();
    const g = new Generator(doc.components.schemas, mulberry32(SEED));
    const failures: Failure[] = [];
    let requests = 0;
    let operations = 0;
    const started = Date.now();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = ops[method];
        if (!op) continue;
        // Logging out would end a session the other cases use: it gets one of its own.
        const headers = path === '/api/auth/logout' ? { cookie: await t.login('enterprise_agent') } : identity(path, op);
        const urlOf = (params: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '1');
        operations += 1;
        for (const c of casesFor(g, method, op, urlOf)) {
          requests += 1;
          const f = await run(method, path, c, headers);
          if (f) failures.push(f);
        }
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(`fuzz: ${operations} operations, ${requests} requests in ${seconds.toFixed(1)} s, ${failures.length} failures`);
    expect(operations).toBeGreaterThan(200);
    expect(failures.map((f) => `${f.status} ${f.op} — ${f.what} → ${f.body}`)).toEqual([]);
  });
});
