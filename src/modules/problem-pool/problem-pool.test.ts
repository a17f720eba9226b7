import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const ids: number[] = [];
beforeAll(async () => {
  t = await createTestApp({ enterprises: 30 });
  for (const u of ['enterprise', 'specialist', 'coordinator']) cookies[u] = await t.login(u);
  const text = (n: number) => ({
    title: `园区道路积水严重影响通行${n}`,
    description: '每逢下雨园区门口道路积水严重，货车无法进出，员工上下班涉水，已影响正常生产经营，请尽快协调排水改造。',
  });
  // The enterprise repeats itself, and two other enterprises report the same problem through the hotline.
  for (const body of [text(1), text(2)]) ids.push((await post('enterprise', '/api/appeals', body)).json().id);
  for (const enterpriseId of [5, 6, 7])
    ids.push((await post('specialist', '/api/appeals', { ...text(3), enterpriseId, channel: 'hotline_12345' })).json().id);
  ids.push(
    (
      await post('enterprise', '/api/appeals', {
        title: '申请高新技术企业认定',
        description: '我司研发投入占比达到要求，想申请国家高新技术企业认定，请问申报时间和材料。',
      })
    ).json().id,
  );
});
afterAll(() => t.close());

function post(user: string, url: string, payload: object = {}) {
  return t.app.inject({ method: 'POST', url, headers: { cookie: cookies[user]! }, payload });
}
function get(user: string, url: string) {
  return t.app.inject({ url, headers: { cookie: cookies[user]! } });
}

describe('problem pool', () => {
  it('finds the repeat and the same problem from other enterprises, not the unrelated appeal', async () => {
    const res = (await get('coordinator', `/api/appeals/${ids[1]}/similar`)).json().items as { id: number; sameEnterprise: boolean }[];
    expect(res.find((m) => m.id === ids[0])?.sameEnterprise).toBe(true);
    expect(res.filter((m) => !m.sameEnterprise).length).toBeGreaterThanOrEqual(3);
    expect(res.some((m) => m.id === ids[5])).toBe(false);
  });

  it('merges a repeat: it closes and the enterprise sees which appeal it joined', async () => {
    expect((await post('coordinator', `/api/appeals/${ids[1]}/merge`, { intoId: ids[0] })).statusCode).toBe(204);
    const mine = (await get('enterprise', `/api/appeals/${ids[1]}`)).json().appeal;
    expect(mine.state).toBe('closed');
    expect(mine.mergedInto.id).toBe(ids[0]);
    expect(mine.timeline.at(-1).note).toMatch(/已并入/);
    expect(mine.actions).toEqual([]);
    expect((await post('enterprise', `/api/appeals/${ids[1]}/reopen`, { reason: '再看看' })).statusCode).toBe(409);
    expect((await post('coordinator', `/api/appeals/${ids[1]}/merge`, { intoId: ids[0] })).statusCode).toBe(409);
  });

  it('proposes the shared problem as a candidate, and ranks common problems by enterprises', async () => {
    const cands = (await get('coordinator', '/api/common-problems/candidates')).json().items as {
      appealIds: number[];
      enterprises: number;
    }[];
    expect(cands[0]!.enterprises).toBeGreaterThanOrEqual(3);
    const dept = await t.database.db.selectFrom('departments').select('id').where('code', '=', 'SSJ').executeTakeFirstOrThrow();
    const created = await post('coordinator', '/api/common-problems', {
      title: '园区道路积水',
      ownerDepartmentId: dept.id,
      deadline: '2026-12-31',
      appealIds: cands[0]!.appealIds,
    });
    expect(created.statusCode).toBe(201);
    await post('coordinator', '/api/common-problems', { title: '另一个问题', ownerDepartmentId: dept.id, appealIds: [ids[5]!] });
    const list = (await get('coordinator', '/api/common-problems')).json().items;
    expect(list[0]).toMatchObject({ title: '园区道路积水', status: 'open' });
    expect(list[0].enterprises).toBeGreaterThanOrEqual(3);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/common-problems/${created.json().id}`,
      headers: { cookie: cookies.coordinator! },
      payload: { progress: '已完成排水管网改造设计', status: 'resolved' },
    });
    expect(patched.statusCode).toBe(204);
  });
});
