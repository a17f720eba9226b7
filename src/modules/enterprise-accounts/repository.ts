import { sql } from 'kysely';
import type { CodePurpose, EnterpriseRole } from '../../platform/db/schema-accounts.ts';
import type { Db } from '../../platform/db/index.ts';

/** An enterprise of the file by credit code, with the numbers it holds directly. */
export function enterpriseByUscc(db: Db, uscc: string) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'name', 'uscc', 'status', 'phone', 'legal_rep_mobile'])
    .where('uscc', '=', uscc)
    .executeTakeFirst();
}

/** Every number the file holds for the enterprise: registered phone, legal representative, contacts. */
export async function fileNumbers(db: Db, enterpriseId: number): Promise<(string | null)[]> {
  const e = await db
    .selectFrom('enterprises')
    .select(['phone', 'legal_rep_mobile'])
    .where('id', '=', enterpriseId)
    .executeTakeFirstOrThrow();
  const contacts = await db.selectFrom('enterprise_contacts').select('mobile').where('enterprise_id', '=', enterpriseId).execute();
  return [e.phone, e.legal_rep_mobile, ...contacts.map((c) => c.mobile)];
}

/** The account that holds a mobile, if any (removed members have given theirs up). */
export function userByMobile(db: Db, mobile: string) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'enterprise_id', 'enterprise_role', 'active', 'display_name', 'username'])
    .where('mobile', '=', mobile)
    .executeTakeFirst();
}

export function userById(db: Db, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'enterprise_id', 'enterprise_role', 'active', 'removed_at', 'display_name', 'mobile'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Serialises, until the transaction ends, everything done under `key` (PostgreSQL and PGlite):
 * two requests at once then count and insert one after the other.
 */
export async function lockKey(tx: Db, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
}

/** Codes sent lately: to the mobile, from the address, and (registration) for the credit code. */
export async function sendStats(db: Db, c: { mobile: string; ip: string; purpose: CodePurpose; context: string }, now: Date) {
  const day = new Date(now.getTime() - 86_400_000);
  const hour = new Date(now.getTime() - 3_600_000);
  const forContext = c.purpose === 'register';
  const r = await db
    .selectFrom('verification_codes')
    .select((eb) => [
      eb.fn.max(eb.case().when('mobile', '=', c.mobile).then(eb.ref('created_at')).end()).as('last_to_mobile'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb('mobile', '=', c.mobile), eb('created_at', '>', day)]))
            .then(1)
            .end(),
        )
        .as('to_mobile_today'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb('ip', '=', c.ip), eb('created_at', '>', hour)]))
            .then(1)
            .end(),
        )
        .as('from_address'),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb('purpose', '=', 'register'), eb('context', '=', c.context)]))
            .then(1)
            .end(),
        )
        .as('for_context'),
    ])
    .where((eb) =>
      eb.or([
        eb('mobile', '=', c.mobile),
        eb('ip', '=', c.ip),
        ...(forContext ? [eb.and([eb('purpose', '=', 'register'), eb('context', '=', c.context)])] : []),
      ]),
    )
    .where('created_at', '>', day)
    .executeTakeFirstOrThrow();
  return {
    lastToMobileAt: r.last_to_mobile === null ? null : new Date(r.last_to_mobile as unknown as string | Date),
    toMobileToday: Number(r.to_mobile_today),
    fromAddressLastHour: Number(r.from_address),
    forContextToday: forContext ? Number(r.for_context) : 0,
  };
}

/** A new code replaces the mobile's earlier, unused ones for the same purpose. */
export async function insertCode(
  tx: Db,
  c: { mobile: string; purpose: CodePurpose; context: string; codeHash: string; expiresAt: Date; ip: string },
  now: Date,
): Promise<void> {
  await tx
    .updateTable('verification_codes')
    .set({ consumed_at: now })
    .where('mobile', '=', c.mobile)
    .where('purpose', '=', c.purpose)
    .where('consumed_at', 'is', null)
    .execute();
  await tx
    .insertInto('verification_codes')
    .values({ mobile: c.mobile, purpose: c.purpose, context: c.context, code_hash: c.codeHash, expires_at: c.expiresAt, ip: c.ip })
    .execute();
}

export function latestCode(db: Db, mobile: string, purpose: CodePurpose, context: string) {
  return db
    .selectFrom('verification_codes')
    .select(['id', 'code_hash', 'attempts', 'expires_at'])
    .where('mobile', '=', mobile)
    .where('purpose', '=', purpose)
    .where('context', '=', context)
    .where('consumed_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Takes one of the code's tries before the entry is compared, in one statement: entries sent at
 * once each get their own try or none (then undefined). Counted outside the transaction that
 * follows, so a wrong entry counts although the request then fails.
 */
export async function reserveAttempt(db: Db, id: number, max: number): Promise<number | undefined> {
  const r = await db
    .updateTable('verification_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('attempts', '<', max)
    .where('consumed_at', 'is', null)
    .returning('attempts')
    .executeTakeFirst();
  return r?.attempts;
}

/** Used once: only the request that flips it goes on (two at once: one winner). */
export async function consumeCode(tx: Db, id: number, now: Date, proofHash: string | null): Promise<boolean> {
  const r = await tx
    .updateTable('verification_codes')
    .set({ consumed_at: now, proof_hash: proofHash })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findProof(db: Db, proofHash: string) {
  return db
    .selectFrom('verification_codes')
    .select(['id', 'mobile', 'context', 'consumed_at'])
    .where('proof_hash', '=', proofHash)
    .where('purpose', '=', 'register')
    .executeTakeFirst();
}

export async function spendProof(tx: Db, id: number): Promise<boolean> {
  const r = await tx
    .updateTable('verification_codes')
    .set({ proof_hash: null })
    .where('id', '=', id)
    .where('proof_hash', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The enterprise's members (not removed), locked so two changes cannot both take the last admin away. */
export function members(tx: Db, enterpriseId: number, lock = false) {
  const q = tx
    .selectFrom('users')
    .select(['id', 'display_name', 'mobile', 'enterprise_role', 'active', 'last_login_at', 'created_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('role', '=', 'enterprise')
    .where('removed_at', 'is', null)
    .orderBy('id');
  return lock ? q.forUpdate().execute() : q.execute();
}

export async function activeAdminIds(tx: Db, enterpriseId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('users')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('role', '=', 'enterprise')
    .where('enterprise_role', '=', 'admin')
    .where('active', '=', true)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

export async function usernameFree(db: Db, username: string): Promise<boolean> {
  return !(await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst());
}

export async function insertEnterpriseUser(
  tx: Db,
  u: { username: string; displayName: string; mobile: string; passwordHash: string; enterpriseId: number; enterpriseRole: EnterpriseRole },
): Promise<number> {
  const r = await tx
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      mobile: u.mobile,
      password_hash: u.passwordHash,
      role: 'enterprise',
      enterprise_id: u.enterpriseId,
      enterprise_role: u.enterpriseRole,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function pendingInvitation(db: Db, mobile: string) {
  return db
    .selectFrom('enterprise_invitations as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .select(['i.id', 'i.enterprise_id', 'i.display_name', 'i.enterprise_role', 'i.expires_at', 'i.invited_by', 'e.name as enterprise_name'])
    .where('i.mobile', '=', mobile)
    .where('i.status', '=', 'pending')
    .executeTakeFirst();
}

export function invitations(db: Db, enterpriseId: number, now: Date) {
  return db
    .selectFrom('enterprise_invitations')
    .select(['id', 'mobile', 'display_name', 'enterprise_role', 'expires_at', 'created_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
}

/** A 授权委托书 of this mobile still awaiting the front desk (one at a time per mobile). */
export function pendingLetterOf(db: Db, mobile: string) {
  return db
    .selectFrom('registration_requests')
    .select(['id', 'uscc'])
    .where('mobile', '=', mobile)
    .where('kind', '=', 'letter')
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** This mobile's request to add this enterprise, still pending: it blocks only the same credit code. */
export function pendingAddRequest(db: Db, mobile: string, uscc: string) {
  return db
    .selectFrom('registration_requests')
    .select('id')
    .where('mobile', '=', mobile)
    .where('uscc', '=', uscc)
    .where('kind', '=', 'add_enterprise')
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Whether the enterprise once removed a member with this mobile (and nobody holds it now). */
export async function removedFrom(db: Db, enterpriseId: number, mobile: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('removed_mobile', '=', mobile)
    .executeTakeFirst();
  return r !== undefined;
}

/** Invitations sent lately by the enterprise, and to the mobile by anyone. */
export async function invitationStats(db: Db, enterpriseId: number, mobile: string, now: Date) {
  const day = new Date(now.getTime() - 86_400_000);
  const hour = new Date(now.getTime() - 3_600_000);
  const r = await db
    .selectFrom('enterprise_invitations')
    .select((eb) => [
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb('enterprise_id', '=', enterpriseId), eb('created_at', '>', hour)]))
            .then(1)
            .end(),
        )
        .as('hour'),
      eb.fn.count<number>(eb.case().when('enterprise_id', '=', enterpriseId).then(1).end()).as('day'),
      eb.fn.count<number>(eb.case().when('mobile', '=', mobile).then(1).end()).as('mobile'),
    ])
    .where((eb) => eb.or([eb('enterprise_id', '=', enterpriseId), eb('mobile', '=', mobile)]))
    .where('created_at', '>', day)
    .executeTakeFirstOrThrow();
  return { byEnterpriseLastHour: Number(r.hour), byEnterpriseToday: Number(r.day), toMobileToday: Number(r.mobile) };
}

export async function deleteSessionsOf(tx: Db, userId: number): Promise<void> {
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
