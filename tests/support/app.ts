import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/index.ts';
import { demoDatabase } from './database.ts';

export const DEMO_PASSWORD = 'qifu@2026';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** Logs in through the API and returns the Cookie header value. */
  login(login: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(
  opts: { enterprises?: number; env?: Record<string, string>; serveWeb?: boolean } = {},
): Promise<TestApp> {
  const database = await demoDatabase(opts.enterprises ?? 40);
  const config = loadConfig({
    QIFU_DATA_DIR: 'memory://',
    LOG_LEVEL: 'silent',
    QIFU_SCHEDULER: 'off',
    QIFU_WEBHOOK_ALLOW_PRIVATE: 'true',
    ...opts.env,
  });
  const app = await buildApp({ db: database.db, config }, { serveWeb: opts.serveWeb ?? false });
  await app.ready();
  return {
    app,
    database,
    config,
    async login(login, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'qifu_session');
      if (!cookie) throw new Error('no session cookie');
      return `qifu_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * Logs in a user whose password an administrator set (a new account, a reset) and changes it, as
 * the API requires before anything else; returns the Cookie header value of that session.
 */
export async function loginChangingPassword(t: TestApp, login: string, password: string, newPassword = `${password}New1`): Promise<string> {
  const cookie = await t.login(login, password);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: { cookie },
    payload: { currentPassword: password, newPassword },
  });
  if (res.statusCode !== 204) throw new Error(`password change for ${login} failed: ${res.statusCode} ${res.body}`);
  return cookie;
}
