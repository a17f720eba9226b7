/**
 * One-time codes by SMS: sent to the mobile that is to be proven, rate-limited per mobile and
 * per client address, checked against a salted hash, at most five wrong entries per code.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, Db } from '../../platform/db/index.ts';
import type { CodePurpose } from '../../platform/db/schema-accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { maskMobile } from '../../platform/mask.ts';
import { queueMessages, requestDispatch } from '../notifications/queue.ts';
import * as repo from './repository.ts';
import { checkCode, codeMessage, hashCode, hashToken, newCode, RESEND_SECONDS, refusalMessage, sendRefusal } from './rules.ts';

export interface CodeSettings {
  codeMinutes: number;
}

export interface SentCode {
  sentTo: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

export async function sendCode(db: Db, s: CodeSettings, c: { mobile: string; purpose: CodePurpose; context: string; ip: string }): Promise<SentCode> {
  const now = new Date();
  const refusal = sendRefusal(now, await repo.sendStats(db, c.mobile, c.ip, now));
  if (refusal) throw new AppError('RATE_LIMITED', refusalMessage(refusal), refusal.code === 'too_soon' ? { retryAfterSeconds: refusal.waitSeconds } : undefined);
  const code = newCode();
  await db.transaction().execute(async (tx) => {
    await repo.insertCode(tx, { ...c, codeHash: hashCode(code), expiresAt: new Date(now.getTime() + s.codeMinutes * 60_000) }, now);
    await queueMessages(tx, [{
      channel: 'sms',
      recipient: c.mobile,
      kind: 'verification_code',
      body: `【企服通】您的验证码为${code}，${s.codeMinutes}分钟内有效，请勿泄露给他人。`,
      params: { code },
    }]);
  });
  requestDispatch();
  return { sentTo: maskMobile(c.mobile) ?? '', expiresInSeconds: s.codeMinutes * 60, resendAfterSeconds: RESEND_SECONDS };
}

/**
 * Checks the code and, when right, marks it used inside `then`'s transaction, so the code is
 * spent exactly when what it unlocked was written. With `proof`, the code leaves a token for a
 * later step (the letter upload) and its hash is kept on the code row.
 */
export async function useCode<T>(
  db: Db,
  c: { mobile: string; purpose: CodePurpose; context: string; code: string; proof?: boolean },
  then: (tx: Transaction<DB>, proof: string | null) => Promise<T>,
): Promise<T> {
  const now = new Date();
  const row = await repo.latestCode(db, c.mobile, c.purpose, c.context);
  const check = checkCode(row, c.code, now);
  if (check === 'wrong' && row) {
    const attempts = await repo.addAttempt(db, row.id);
    throw AppError.validation('code', codeMessage('wrong', attempts));
  }
  if (check !== 'ok' || !row) throw AppError.validation('code', codeMessage(check === 'ok' ? 'missing' : check));
  const proof = c.proof ? randomBytes(24).toString('base64url') : null;
  return db.transaction().execute(async (tx) => {
    if (!(await repo.consumeCode(tx, row.id, now, proof ? hashToken(proof) : null))) throw AppError.validation('code', codeMessage('missing'));
    return then(tx, proof);
  });
}
