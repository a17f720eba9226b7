import type { Tx } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/access.ts';

/** An enterprise whose liaison changed: from whom (null when it had none) to whom. */
export interface Reassignment {
  enterpriseId: number;
  fromUserId: number | null;
  toUserId: number;
}

/**
 * What another module does when enterprises get a new liaison (early warning moves their open
 * warnings to the new cadre). It runs in the reassignment's transaction, so both commit or
 * neither does; the service network does not need to know which modules are installed.
 */
export type ReassignmentHook = (tx: Tx, changes: readonly Reassignment[], actor: Actor) => Promise<void>;

const hooks = new Map<string, ReassignmentHook>();

export function onReassignment(name: string, hook: ReassignmentHook): void {
  hooks.set(name, hook);
}

export async function runReassignmentHooks(tx: Tx, changes: readonly Reassignment[], actor: Actor): Promise<void> {
  if (changes.length === 0) return;
  for (const hook of hooks.values()) await hook(tx, changes, actor);
}
