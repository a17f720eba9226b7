import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadProfile } from '../../src/modules/matching/index.ts';
import { createNotice, createPolicy, multipart, PDF } from '../../src/modules/applications/test-fixtures.ts';
import { logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

it('an enterprise applies on the phone with a pre-filled form and is approved instantly; an officer reviews one whose values differ', async () => {
  const db = h.t.database.db;
  const user = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'enterprise').executeTakeFirstOrThrow();
  const profile = (await loadProfile(db, user.enterprise_id!))!;
  const rule = {
    all: [{ id: 'scale', field: 'scale' as const, op: 'in', value: [profile.scale as string], clause: '规模符合要求的企业' }],
  };
  const instantNotice = await createNotice(db, await createPolicy(db, { rule, title: '秒批测试政策' }), { declaredFields: ['employees'] });

  // 1. The enterprise, on a phone: the form holds its file's values; one required file; submit → 秒批.
  const ent = await newSession(h, true);
  await logIn(ent.page, h.base, 'enterprise');
  await ent.page.goto(`${h.base}/portal/applications/new?noticeId=${instantNotice}`);
  await expect.poll(() => ent.page.getByTestId('declared-employees').locator('input').inputValue()).toBe(String(profile.employees));
  await ent.page
    .getByTestId('material-0')
    .locator('input[type=file]')
    .setInputFiles({ name: '申请表.pdf', mimeType: 'application/pdf', buffer: PDF });
  await ent.page.getByTestId('apply-contact-name').fill('张经理');
  await ent.page.getByTestId('apply-contact-phone').fill('13912345678');
  await ent.page.getByTestId('apply-submit').click();
  await ent.page.getByTestId('apply-result').waitFor();
  await ent.page.getByText('已秒批通过').first().waitFor();
  expect(await ent.page.getByTestId('condition-scale').getAttribute('data-outcome')).toBe('pass');
  await ent.page.getByTestId('apply-view').click();
  await ent.page.getByTestId('instant-result').waitFor();
  expect(await ent.page.getByTestId('timeline-event').count()).toBe(2);
  await ent.context.close();

  // 2. Another application declares a different figure; the officer sees the difference and accepts it.
  const manualNotice = await createNotice(db, await createPolicy(db, { rule, title: '人工审核测试政策' }), {
    declaredFields: ['employees'],
  });
  const cookie = await h.t.login('enterprise');
  const m = multipart(
    { noticeId: manualNotice, declared: { employees: Number(profile.employees) + 10 }, contactName: '张经理', contactPhone: '13912345678' },
    [{ field: 'materials.0', name: '申请表.pdf', data: PDF }],
  );
  const applied = (
    await h.t.app.inject({ method: 'POST', url: '/api/applications', headers: { cookie, ...m.headers }, payload: m.payload })
  ).json();
  expect(applied.flag).toBe('differences');

  const office = await newSession(h);
  await logIn(office.page, h.base, 'policy');
  await office.page.goto(`${h.base}/policy-applications`);
  await office.page.getByTestId('application-row').filter({ hasText: applied.number }).click();
  await office.page.getByTestId('differences-alert').waitFor();
  expect(await office.page.locator('[data-testid=declared-row][data-differs=true]').count()).toBe(1);
  await office.page.getByTestId('action-accept').click();
  await office.page.locator('.ant-modal .ant-btn-primary').click();
  await office.page.locator('[data-testid=application-state][data-state=accepted]').first().waitFor();
  await office.context.close();
});
