import { sql, type Kysely } from 'kysely';

// 退回补正: a reviewer may send an application back for more materials; the enterprise
// supplements and resubmits it. Adds the state 'returned' to policy_applications.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_applications drop constraint policy_applications_state_check`.execute(db);
  await sql`alter table policy_applications add constraint policy_applications_state_check
    check (state in ('submitted', 'accepted', 'in_review', 'returned', 'approved', 'refused', 'agreement_signed', 'disbursed', 'withdrawn'))`.execute(db);
}
