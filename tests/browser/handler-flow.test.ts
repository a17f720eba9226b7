import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PDF } from '../support/accounts.ts';
import { apiPost, clickToPost, dispatchedToHandler, logIn, newSession, startBrowserHarness, type BrowserHarness } from './browser.ts';

/**
 * The lighter handler flow: the handler answers a dispatched appeal with one step (签收并办理) and
 * the reply, its text from the department's template and a file attached; the enterprise that
 * filed it downloads the file from its timeline on the portal.
 */
let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness(30);
});
afterAll(() => h?.close());

async function session(login: string, phone = false): Promise<Page> {
  const { page } = await newSession(h, phone);
  await logIn(page, h.base, login);
  return page;
}

it('a handler answers with one step and the reply, attaching a file the enterprise downloads', async () => {
  // Filed by the demo enterprise, accepted and dispatched to the demo handler's department.
  const { id, serviceItemId } = await dispatchedToHandler(h);
  await apiPost(h, 'handler', '/api/reply-templates', { serviceItemId, title: '道路修复答复', body: '您好，道路已安排修复，详见附件。' });

  // One step instead of 签收 then 开始办理 (签收 alone stays, to take it up later).
  const handler = await session('handler');
  await handler.goto(`${h.base}/appeals/${id}`);
  await handler.getByTestId('action-claim').waitFor();
  await handler.getByTestId('action-claim_and_start').click();
  await handler.getByTestId('action-form-claim_and_start').waitFor();
  await clickToPost(handler, handler.getByTestId('action-submit'), '/claim-and-start');
  await handler.getByTestId('action-form-claim_and_start').waitFor({ state: 'detached' });
  await expect.poll(() => handler.getByTestId('action-start').count()).toBe(0);

  // The reply: the template fills the text, a file goes with it.
  await handler.getByTestId('action-reply').click();
  const form = handler.getByTestId('action-form-reply');
  await form.waitFor();
  await form.getByTestId('reply-template').click();
  await handler.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '道路修复答复' }).click();
  await expect.poll(() => form.getByTestId('field-reply').inputValue()).toBe('您好，道路已安排修复，详见附件。');
  const uploaded = handler.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/appeals/${id}/attachments`));
  await form.locator('input[type=file]').setInputFiles({ name: '修复方案.pdf', mimeType: 'application/pdf', buffer: PDF });
  expect((await uploaded).status()).toBe(201);
  await clickToPost(handler, handler.getByTestId('action-submit'), '/reply');
  await form.waitFor({ state: 'detached' });
  const row = await h.t.database.db.selectFrom('appeals').select('state').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.state).toBe('replied');
  await handler.getByTestId('timeline-files').getByText('修复方案.pdf').waitFor();

  // The enterprise downloads it from the reply on its timeline, on a phone.
  const ent = await session('enterprise', true);
  await ent.goto(`${h.base}/portal/appeals/${id}`);
  const link = ent.getByTestId('timeline-files').getByText('修复方案.pdf');
  await link.waitFor();
  const [download] = await Promise.all([ent.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('修复方案.pdf');
  expect(Buffer.compare(fs.readFileSync(await download.path()), PDF)).toBe(0);
}, 120_000);
