/**
 * One-time codes by SMS: sent to the mobile that is to be proven, rate-limited per mobile and
 * per client address (and per credit code for registration), checked against a salted hash, at
 * most five tries per code.
 */
import { randomBytes } from 'node:crypto';

import type { Db, Tx } from '../../platform/db/index.ts';
import type { CodePurpose } from '../../platform/db/schema-accounts.ts';
import { AppError } from '../../platform/errors.ts';
import { maskMobile } from '../../platform/mask.ts';
import { queueMessages, requestDispatch } from '../notifications/queue.ts';
import * as repo from './repository.ts';
import {
  codeMatches,
  codeMessage,
  codeUnusable,
  hashCode,
  hashToken,
  MAX_CODE_ATTEMPTS,
  newCode,
  RESEND_SECONDS,
  refusalMessage,
  sendRefusal,
} from './rules.ts';

export interface CodeSettings {
  codeMinutes: number;
}

export interface SentCode {
  sentTo: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

export async function sendCode(
  db: Db,
  s: CodeSettings,
  c: { mobile: string; purpose: CodePurpose; context: string; ip: string },
): Promise<SentCode> {
  const now = new Date();
  const code = newCode();
  await db.transaction().execute(async (tx) => {
    // Counted and inserted under a lock on the mobile (and, for registration, the credit code):
    // requests sent at once cannot all see "nothing sent yet".
    await repo.lockKey(tx, `code:${c.mobile}`);
    if (c.purpose === 'register') await repo.lockKey(tx, `code-context:${c.context}`);
    const refusal = sendRefusal(now, await repo.sendStats(tx, c, now));
    if (refusal)
      throw new AppError(
        'RATE_LIMITED',
        refusalMessage(refusal),
        refusal.code === 'too_soon' ? { retryAfterSeconds: refusal.waitSeconds } : undefined,
      );
    await repo.insertCode(tx, { ...c, codeHash: hashCode(code), expiresAt: new Date(now.getTime() + s.codeMinutes * 60_000) }, now);
    await queueMessages(tx, [
      {
        channel: 'sms',
        recipient: c.mobile,
        kind: 'verification_code',
        body: `【企服通】您的验证码为${code}，${s.codeMinutes}分钟内有效，请勿泄露给他人。`,
        params: { code },
      },
    ]);
  });
  requestDispatch();
  return { sentTo: maskMobile(c.mobile) ?? '', expiresInSeconds: s.codeMinutes * 60, resendAfterSeconds: RESEND_SECONDS };
}

/** A code found right, not yet spent. */
export interface RightCode {
  id: number;
}

/**
 * Checks the entered code: one try is taken in the database before comparing, so entries sent
 * at once never get more than MAX_CODE_ATTEMPTS tries between them. Throws when not right.
 */
export async function verifyCode(db: Db, c: { mobile: string; purpose: CodePurpose; context: string; code: string }): Promise<RightCode> {
  const row = await repo.latestCode(db, c.mobile, c.purpose, c.context);
  const unusable = codeUnusable(row, new Date());
  if (unusable || !row) throw AppError.validation('code', codeMessage(unusable ?? 'missing'));
  const attempts = await repo.reserveAttempt(db, row.id, MAX_CODE_ATTEMPTS);
  if (attempts === undefined) throw AppError.validation('code', codeMessage('exhausted'));
  if (!codeMatches(row.code_hash, c.code)) throw AppError.validation('code', codeMessage('wrong', attempts));
  return { id: row.id };
}

/**
 * Spends a right code inside `then`'s transaction, so the code is used exactly when what it
 * unlocked was written. With `proof`, the code leaves a token for a later step (the letter
 * upload) and its hash is kept on the code row.
 */
export async function spendCode<T>(
  db: Db,
  right: RightCode,
  proof: boolean,
  then: (tx: Tx, proof: string | null) => Promise<T>,
): Promise<T> {
  const token = proof ? randomBytes(24).toString('base64url') : null;
  return db.transaction().execute(async (tx) => {
    if (!(await repo.consumeCode(tx, right.id, new Date(), token ? hashToken(token) : null)))
      throw AppError.validation('code', codeMessage('missing'));
    return then(tx, token);
  });
}
