import { expect } from 'vitest';
import type { TestApp } from '../../../tests/support/app.ts';
import { codeSentTo } from '../../../tests/support/accounts.ts';

/** The requests the registration tests send, to the app `app()` returns (made in each file's beforeAll). */
export function registrationCalls(app: () => TestApp) {
  let address = 0;
  /** A client address of its own per use, so the per-address limits only bite where a test wants them. */
  const from = () => `10.1.0.${++address}`;
  async function post(url: string, payload: object, remoteAddress = from(), cookie?: string) {
    return app().app.inject({ method: 'POST', url, payload, remoteAddress, ...(cookie ? { headers: { cookie } } : {}) });
  }
  async function sendAndRegister(uscc: string, mobile: string, displayName = '张三', password = 'Qifu2026ok') {
    const sent = await post('/api/registration/send-code', { uscc, mobile });
    expect(sent.statusCode, sent.body).toBe(200);
    return post('/api/registration', { uscc, mobile, code: await codeSentTo(app().database.db, mobile), displayName, password });
  }
  return { from, post, sendAndRegister };
}
