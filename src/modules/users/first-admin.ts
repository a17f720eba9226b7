/**
 * The first administrator of an empty installation (`npm run create-admin`), and whether one
 * exists (the server says how to make one when it does not).
 */
import type { Db } from '../../platform/db/index.ts';
import type { Role } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/access.ts';
import * as repo from './repository.ts';
import { createBody } from './schemas.ts';
import { create } from './service.ts';

export interface AdminInput {
  username: string;
  displayName: string;
  mobile?: string | undefined;
  password: string;
}

export type AdminOutcome = { created: true; id: number } | { created: false; id: number; role: Role; active: boolean };

/**
 * Creates an administrator through the same use-case as the user page (password rule, argon2,
 * the audit row in the insert's transaction; the first login asks for a new password, since this
 * one may have passed through a script's environment). An existing username is left untouched.
 */
export async function createAdministrator(db: Db, input: AdminInput, actor: Actor): Promise<AdminOutcome> {
  const parsed = createBody.safeParse({ ...input, role: 'admin' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw AppError.validation(String(issue?.path[0] ?? 'input'), issue?.message ?? '输入不合法');
  }
  const existing = await repo.findUserByUsername(db, parsed.data.username);
  if (existing) return { created: false, id: existing.id, role: existing.role, active: existing.active };
  return { created: true, id: await create(db, parsed.data, actor) };
}

export function hasActiveAdministrator(db: Db): Promise<boolean> {
  return repo.hasActiveAdmin(db);
}
