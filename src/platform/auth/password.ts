import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum). */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Every demo account's password (src/seed/users.ts). It is printed in the README, so no real account may have it. */
export const DEMO_PASSWORD = 'qifu@2026';

/** A password must be 8+ characters with letters and digits; the message is shown to the user. */
export function passwordProblem(plain: string): string | undefined {
  if (plain.length < 8) return '密码至少 8 位';
  if (plain.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) return '密码须同时包含字母和数字';
  if (plain === DEMO_PASSWORD) return '不能使用演示账号的公开密码';
  return undefined;
}
