import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { loadConfig } from '../config.ts';

describe('QIFU_TRUST_PROXY', () => {
  it("takes false, true, a hop count or the proxies' addresses, and refuses anything else", () => {
    const of = (v: string) => loadConfig({ QIFU_DATA_DIR: 'memory://', QIFU_TRUST_PROXY: v }).trustProxy;
    expect(of('false')).toBe(false);
    expect(of('true')).toBe(true);
    expect(of('1')).toBe(1);
    expect(of('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => of('yes')).toThrow();
  });

  describe('one proxy in front', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ enterprises: 2, env: { QIFU_TRUST_PROXY: '1' } });
    });
    afterAll(() => t?.close());

    it('takes the address the proxy saw, not the one a client wrote into X-Forwarded-For', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: 'admin', password: 'qifu@2026' },
        headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
        remoteAddress: '127.0.0.1',
      });
      expect(res.statusCode).toBe(200);
      const row = await t.database.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'auth.login')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(row.ip).toBe('203.0.113.7');
    });
  });
});
