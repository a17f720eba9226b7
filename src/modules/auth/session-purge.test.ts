import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../platform/scheduler.ts';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { sessionIdOf } from './service.ts';
import { authJobs } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const tokenOf = (cookie: string) => /qifu_session=([^;]+)/.exec(cookie)![1]!;
const sessionExists = async (cookie: string) =>
  Boolean(
    await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', sessionIdOf(tokenOf(cookie)))
      .executeTakeFirst(),
  );

describe('expired sessions', () => {
  it('are purged by the scheduled job, once; live sessions stay and keep working', async () => {
    const expired = await t.login('coordinator');
    const live = await t.login('leader');
    await t.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', sessionIdOf(tokenOf(expired)))
      .execute();
    expect(await sessionExists(expired)).toBe(true);

    // The real scheduler with the auth module's job: its first run comes within 5 s of start.
    const scheduler = new Scheduler(t.app.log, t.database.db, 'purge-test');
    authJobs({ db: t.database.db, config: t.config }, scheduler);
    scheduler.start();
    try {
      await expect.poll(() => sessionExists(expired), { timeout: 15_000, interval: 250 }).toBe(false);
    } finally {
      await scheduler.stop();
    }
    expect(await sessionExists(live)).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: live } });
    expect(me.statusCode).toBe(200);
    const runs = await t.database.db.selectFrom('job_runs').selectAll().where('job', '=', 'session-purge').execute();
    expect(runs).toHaveLength(1);
  });
});
