import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The WCAG 2.1 A and AA rules; the bar is: nothing axe rates serious or critical. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** Waits until the page has drawn its data: no request in flight, no spinner, no entering animation. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  // antd fades content in; axe would measure the contrast of half-transparent text.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
}

/**
 * The serious and critical axe violations on the page as it stands, one line each
 * (`where: rule (impact) selector html — summary`), so a failing test names what to fix.
 */
export async function seriousViolations(page: Page, where: string): Promise<string[]> {
  await settle(page);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${where}: ${v.id} (${v.impact}) ${n.target.join(' ')} ${n.html.slice(0, 160)} — ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 240)}`,
      ),
    );
}
