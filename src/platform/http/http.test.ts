import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('documents every /api route with who may call it', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { description?: string }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })));
    expect(ops.length).toBeGreaterThan(20);
    for (const { op } of ops) expect(op.description).toMatch(/可调用：/);
    expect(doc.paths['/api/auth/login']?.post).toBeDefined();
  });

  it('serves a browsable reference', async () => {
    const res = await t.app.inject({ url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });
});

describe('errors', () => {
  it('answers unknown API paths with the error shape', async () => {
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers a bad id in the path with 400 naming the field', async () => {
    const cookie = await t.login('admin');
    const res = await t.app.inject({ method: 'PATCH', url: '/api/admin/users/abc', headers: { cookie }, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('id');
  });

  it('sends a request id back on every answer', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'req-123' } });
    expect(res.headers['x-request-id']).toBe('req-123');
    // Not a short plain token (it would land in the audit trail as sent): an id of ours instead.
    for (const bad of ['x'.repeat(65), 'a b', '<script>', 'id\u00e9']) {
      const other = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': bad } });
      expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('operations', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/qifu_http_request_duration_seconds_bucket/);
    expect(metrics.body).toMatch(/qifu_process_cpu_user_seconds_total/);
  });
});
