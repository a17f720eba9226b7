import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app.ts';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login('enterprise');
});
afterAll(() => t.close());

const ok = { title: '厂房消防验收咨询', description: '新建厂房的消防验收需要准备哪些材料，多久能办完？' };

async function refuse(payload: Record<string, unknown>, lang?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/appeals',
    headers: { cookie, ...(lang ? { 'accept-language': lang } : {}) },
    payload,
  });
  expect(res.statusCode).toBe(400);
  const error = res.json().error as { code: string; message: string; details: { fields: { field: string; message: string }[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return error;
}

describe('validation messages', () => {
  it('name the field in words and its limit, in plain Chinese', async () => {
    const long = await refuse({ ...ok, title: '长'.repeat(101), description: '字'.repeat(5001) });
    expect(long.details.fields).toEqual([
      { field: 'title', message: '标题不能超过 100 个字' },
      { field: 'description', message: '问题描述不能超过 5000 个字' },
    ]);
    expect(long.message).toBe('标题不能超过 100 个字');

    const missing = await refuse({ description: ok.description });
    expect(missing.details.fields).toEqual([{ field: 'title', message: '请填写标题' }]);

    const wrongType = await refuse({ ...ok, serviceItemId: 'abc' });
    expect(wrongType.details.fields).toEqual([{ field: 'serviceItemId', message: '服务事项须为数字' }]);
  });

  it("keep a schema's own wording", async () => {
    const short = await refuse({ ...ok, title: '短', contactPhone: '12345' });
    expect(short.details.fields).toEqual([
      { field: 'title', message: '标题至少 4 个字' },
      { field: 'contactPhone', message: '手机号须为 11 位数字，以 1 开头' },
    ]);
  });

  it('are in English for the English UI', async () => {
    const long = await refuse({ ...ok, title: '长'.repeat(101), contactPhone: '12345' }, 'en');
    expect(long.details.fields).toEqual([
      { field: 'title', message: 'Title must be at most 100 characters' },
      { field: 'contactPhone', message: 'Contact phone is not in the right format' },
    ]);
  });
});
