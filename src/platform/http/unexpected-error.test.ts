import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { freshDatabase } from '../../../tests/support/database.ts';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

it('hides an unexpected error from the client and logs it with the request id', async () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk: Buffer, _enc, cb) => (lines.push(chunk.toString()), cb()) });
  const app = await buildApp(
    { db: database.db, config: loadConfig({ QIFU_DATA_DIR: 'memory://' }) },
    { logger: pino({ level: 'error' }, sink), serveWeb: false },
  );
  app.get('/api/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret internal detail');
  });
  const res = await app.inject({ url: '/api/test/boom', headers: { 'x-request-id': 'boom-1' } });
  expect(res.statusCode).toBe(500);
  expect(res.json().error.code).toBe('INTERNAL');
  expect(res.body).not.toMatch(/secret internal detail/);
  const logged = lines.map((l) => JSON.parse(l) as { reqId?: string; err?: { message?: string } }).find((l) => l.err);
  expect(logged?.reqId).toBe('boom-1');
  expect(logged?.err?.message).toBe('secret internal detail');
  await app.close();
});

it('refuses to start when an /api route does not declare who may call it', async () => {
  const app = await buildApp({ db: database.db, config: loadConfig({ QIFU_DATA_DIR: 'memory://' }) }, { serveWeb: false });
  expect(() => app.get('/api/test/undeclared', async () => 'x')).toThrow(/does not declare who may call it/);
  await app.close();
});
