import type { Tx } from './db/index.ts';
import type { Actor } from './http/access.ts';
import type { AuditAction } from './audit-names.ts';

export interface AuditEntry {
  /** Only an action with a name in audit-names.ts can be written. */
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Never store secrets in the audit log, whatever the caller passes in. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'secret']);

function scrub(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? '***' : v));
}

/**
 * Appends one row to the audit log. It takes the transaction that makes the change (a
 * `Tx`, not the database), so that a change without its audit row (or the reverse) cannot exist.
 */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      ip: actor.ip,
      request_id: actor.requestId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: scrub(entry.before),
      after: scrub(entry.after),
    })
    .execute();
}

/** Before/after pairs list only the fields that changed, which is what an auditor reads. */
export function changedFields(before: object, patch: object): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was = before as Record<string, unknown>;
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || JSON.stringify(was[key]) === JSON.stringify(value)) continue;
    b[key] = was[key];
    a[key] = value;
  }
  return { before: b, after: a };
}
