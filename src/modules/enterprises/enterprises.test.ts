import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ enterprises: 60 });
});
afterAll(() => t.close());

describe('credit code validation endpoint', () => {
  it('says why a code is invalid, and normalises a valid one', async () => {
    const e = await t.database.db.selectFrom('enterprises').select('uscc').executeTakeFirstOrThrow();
    const ok = await t.app.inject({ url: `/api/validate/uscc?code=${e.uscc.toLowerCase()}` });
    expect(ok.json()).toMatchObject({ valid: true, normalized: e.uscc });
    const last = e.uscc.at(-1) === '0' ? '1' : '0';
    const wrong = await t.app.inject({ url: `/api/validate/uscc?code=${e.uscc.slice(0, 17)}${last}` });
    expect(wrong.json().valid).toBe(false);
    expect(wrong.json().reason).toMatch(/校验/);
    const short = await t.app.inject({ url: '/api/validate/uscc?code=9144' });
    expect(short.json().reason).toMatch(/18/);
  });
});

describe('enterprise library', () => {
  it('lets staff search by name and filter by industry at any level, street, scale and tag', async () => {
    const cookie = await t.login('specialist');
    const all = await t.app.inject({ url: '/api/enterprises?pageSize=100', headers: { cookie } });
    expect(all.json().total).toBe(60);
    const sample = all.json().items[5] as { name: string; industryCode: string; industryName: string; tags: string[] };
    expect(sample.industryName).not.toBe(sample.industryCode);
    const byName = await t.app.inject({ url: `/api/enterprises?q=${encodeURIComponent(sample.name.slice(3, 6))}`, headers: { cookie } });
    expect(byName.json().items.map((i: { name: string }) => i.name)).toContain(sample.name);
    const section = sample.industryCode[0]!;
    const bySection = await t.app.inject({ url: `/api/enterprises?industry=${section}&pageSize=100`, headers: { cookie } });
    for (const i of bySection.json().items) expect(i.industryCode.startsWith(section)).toBe(true);
    const byDivision = await t.app.inject({ url: `/api/enterprises?industry=${sample.industryCode}&pageSize=100`, headers: { cookie } });
    expect(byDivision.json().total).toBeLessThanOrEqual(bySection.json().total);
    const bad = await t.app.inject({ url: '/api/enterprises?industry=Z9', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('industry');
    const tagged = await t.app.inject({ url: `/api/enterprises?tag=${encodeURIComponent('四上')}&pageSize=100`, headers: { cookie } });
    for (const i of tagged.json().items) expect(i.tags).toContain('四上');
  });

  it('shows an enterprise user only its own enterprise', async () => {
    const cookie = await t.login('enterprise');
    const mine = await t.app.inject({ url: '/api/enterprises/mine', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    const id = mine.json().enterprise.id as number;
    expect((await t.app.inject({ url: `/api/enterprises/${id}`, headers: { cookie } })).statusCode).toBe(200);
    const other = await t.app.inject({ url: `/api/enterprises/${id + 1}`, headers: { cookie } });
    expect(other.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/enterprises', headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/overview', headers: { cookie } })).statusCode).toBe(403);
  });

  it('gives the workbench overview to staff', async () => {
    const cookie = await t.login('leader');
    const o = (await t.app.inject({ url: '/api/overview', headers: { cookie } })).json();
    expect(o.enterprises).toBe(60);
    expect(o.byStreet.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(60);
    expect(o.byIndustrySection[0].name).toBeTruthy();
  });
});

describe('industry filter at every level of GB/T 4754 (issue 13)', () => {
  it('returns exactly the subtree of a class, a group or a division, and refuses a class the standard lacks', async () => {
    const cookie = await t.login('specialist');
    const db = t.database.db;
    const rows = await db.selectFrom('enterprises').select('id').orderBy('id').limit(4).execute();
    const codes = ['C3911', 'C3912', 'C391', 'C39'];
    for (const [i, r] of rows.entries())
      await db.updateTable('enterprises').set({ industry_code: codes[i]! }).where('id', '=', r.id).execute();
    const [classRow, sibling, group, division] = rows.map((r) => r.id);
    const list = async (industry: string) => {
      const res = await t.app.inject({ url: `/api/enterprises?industry=${industry}&pageSize=100`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return res.json().items as { id: number; industryCode: string; industryName: string }[];
    };

    const byClass = await list('C3911');
    expect(byClass.map((i) => i.id)).toEqual([classRow]);
    expect(byClass[0]?.industryName).toBe('计算机整机制造');
    expect((await list('3911')).map((i) => i.id)).toEqual([classRow]);
    const byGroup = await list('C391');
    expect(byGroup.map((i) => i.id).sort()).toEqual([classRow, sibling, group].sort());
    const byDivision = (await list('C39')).map((i) => i.id);
    expect(byDivision).toEqual(expect.arrayContaining([classRow, sibling, group, division]));

    const unknown = await t.app.inject({ url: '/api/enterprises?industry=C3999', headers: { cookie } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0]).toMatchObject({ field: 'industry', message: expect.stringContaining('3999') });
  });
});

describe('GET /api/industries', () => {
  it('serves all four levels: 20 sections, 97 divisions, 473 groups, 1,381 classes', async () => {
    const res = await t.app.inject({ url: '/api/industries' });
    expect(res.statusCode).toBe(200);
    type N = { code: string; name: string };
    const sections = res.json().sections as (N & { divisions: (N & { groups: (N & { classes: N[] })[] })[] })[];
    const divisions = sections.flatMap((s) => s.divisions);
    const groups = divisions.flatMap((d) => d.groups);
    expect([sections.length, divisions.length, groups.length, groups.flatMap((g) => g.classes).length]).toEqual([20, 97, 473, 1381]);
    expect(groups.find((g) => g.code === 'C391')?.classes[0]).toEqual({ code: 'C3911', name: '计算机整机制造' });
  });
});
