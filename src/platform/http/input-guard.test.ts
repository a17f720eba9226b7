import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { inputProblem, MAX_INPUT_DEPTH, textProblem } from './input-guard.ts';

/** `levels` arrays, one inside the other, as JSON text (JSON.stringify would recurse as deep). */
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('inputProblem', () => {
  it('finds U+0000 and lone surrogates anywhere, naming the field as the schema errors do', () => {
    expect(inputProblem({ title: 'a\u0000b' }, 'body')).toEqual({ field: 'title', message: expect.stringContaining('U+0000') });
    expect(inputProblem({ items: [{ name: 'ok' }, { name: 'x\ud800' }] }, 'body')?.field).toBe('items.1.name');
    expect(inputProblem({ a: ['\udc00 low alone'] }, 'body')?.field).toBe('a.0');
    expect(inputProblem('\u0000', 'body')?.field).toBe('body');
    // A key: the object holding it is named (the key itself is what cannot be stored).
    expect(inputProblem({ declared: { 'k\u0000': 1 } }, 'body')).toEqual({ field: 'declared', message: expect.stringContaining('字段名') });
  });

  it('lets through surrogate pairs and the other control characters, which PostgreSQL stores as sent', () => {
    expect(textProblem('企业😀\u0001\u0007\u001b\u007f\u202e')).toBeUndefined();
    expect(inputProblem({ a: ['😀', { b: '\t\r\n' }], n: 1, z: null, t: true }, 'body')).toBeUndefined();
  });

  it(`refuses nesting past ${MAX_INPUT_DEPTH} levels, without recursing itself`, () => {
    expect(inputProblem(JSON.parse(nested(MAX_INPUT_DEPTH)), 'body')).toBeUndefined();
    expect(inputProblem(JSON.parse(nested(MAX_INPUT_DEPTH + 1)), 'body')?.message).toContain(`${MAX_INPUT_DEPTH} 层`);
    const deep = inputProblem({ rule: JSON.parse('{"not":'.repeat(100_000) + '{}' + '}'.repeat(100_000)) }, 'body');
    expect(deep?.field).toMatch(/^rule\.not\.not/);
  });
});

describe('the guard on every route', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ enterprises: 20 });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('answers NUL in a query, path or body with 400 naming it, on a route that used to fail with 500', async () => {
    const query = await t.app.inject({ url: '/api/enterprises?q=%E6%B7%B1%00', headers: { cookie: admin } });
    expect(query.statusCode, query.body).toBe(400);
    expect(query.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'q' }] } });
    const path = await t.app.inject({ url: '/api/enterprise-codes/9144%00', headers: { cookie: admin } });
    expect(path.json().error.details.fields).toEqual([{ field: 'uscc', message: expect.any(String) }]);
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/admin/streets',
      headers: { cookie: admin },
      payload: { code: 'nul', name: '空\u0000街道' },
    });
    expect(body.statusCode, body.body).toBe(400);
    expect(body.json().error).toMatchObject({ message: expect.stringMatching(/^name：/), details: { fields: [{ field: 'name' }] } });
  });

  it('stores no U+FFFD for a lone surrogate: the request is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/streets',
      headers: { cookie: admin },
      payload: { code: 'half', name: '半\ud83d街道' },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('name');
    expect(await t.database.db.selectFrom('streets').select('id').where('code', '=', 'half').execute()).toEqual([]);
  });

  it('checks after the access check: a stranger learns nothing about the input', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/streets', payload: { code: 'x', name: '\u0000' } });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a 10,000-level policy rule with a 400, not a stack overflow', async () => {
    const policy = await t.login('policy');
    const rule = '{"not":'.repeat(10_000) + '{}' + '}'.repeat(10_000);
    for (const url of ['/api/policy-rules/count', '/api/matching/evaluate']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: policy, 'content-type': 'application/json' },
        payload: `{"rule":${rule},"profile":{}}`,
      });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(res.json().error.details.fields[0].field).toMatch(/^rule\.not/);
    }
  });

  it('answers an id past PostgreSQL’s integer with 400 naming it', async () => {
    for (const id of ['2147483648', '99999999999999999999', '-1', '1e400']) {
      const res = await t.app.inject({ url: `/api/appeals/${id}`, headers: { cookie: admin } });
      expect(res.statusCode, `${id} ${res.body}`).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe('id');
    }
  });

  it('covers routes outside the OpenAPI document: Open311 answers NUL in its own error format', async () => {
    const res = await t.app.inject({ url: '/open311/v2/requests.json?api_key=qf_x&service_request_id=QF%00' });
    expect(res.statusCode).toBeLessThan(500);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/admin/api-clients',
      headers: { cookie: admin },
      payload: { name: 'Open311 模糊', scopes: ['appeals:read'] },
    });
    const withKey = await t.app.inject({ url: `/open311/v2/requests.json?api_key=${key.json().key}&service_request_id=QF%00` });
    expect(withKey.statusCode, withKey.body).toBe(400);
    expect(withKey.json()).toEqual([{ code: 400, description: expect.stringContaining('service_request_id') }]);
  });

  it('turns a session cookie holding NUL away as no session', async () => {
    const res = await t.app.inject({ url: '/api/auth/me', headers: { cookie: 'qifu_session=%00abc' } });
    expect(res.statusCode).toBe(401);
  });
});
