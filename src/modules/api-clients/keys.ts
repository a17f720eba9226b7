import { createHash, randomBytes } from 'node:crypto';

/** Scopes a connected system can be given; a route names the one it needs (config.scope). */
export const SCOPES = ['appeals:write', 'appeals:read', 'webhooks:manage'] as const;
export type Scope = (typeof SCOPES)[number];

/** 32 random bytes; the `qf_` prefix makes a leaked key easy to recognise in scanners and logs. */
export function newKey(): { key: string; prefix: string; hash: string } {
  const key = `qf_${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hash: hashKey(key) };
}

/** Keys are stored as SHA-256: they are random enough that a slow hash adds nothing. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseScopes(stored: string): Scope[] {
  return stored.split(' ').filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
}
