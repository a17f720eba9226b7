import { sql, type Kysely } from 'kysely';

// Enterprise accounts: several users per enterprise (企业管理员 / 经办人), the legal
// representative's mobile (one of the numbers a registrant may be verified by), one-time codes
// sent by SMS, invitations, and the requests the front desk settles (add an enterprise to the
// file; a signed 授权委托书 from a registrant whose mobile the file does not hold).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises add column legal_rep_mobile text`.execute(db);
  await sql`alter table users add column enterprise_role text check (enterprise_role in ('admin', 'agent'))`.execute(db);
  // A member removed from the enterprise keeps their row (appeals and audit rows name them) but
  // gives up the mobile, so the number can join or register again. `removed_mobile` remembers it,
  // so legal-person sign-on does not quietly bring the removed person back as a new member.
  await sql`alter table users add column removed_at timestamptz`.execute(db);
  await sql`alter table users add column removed_mobile text`.execute(db);
  // Every enterprise user so far was created by an administrator, one per enterprise: its administrator.
  await sql`update users set enterprise_role = 'admin' where role = 'enterprise'`.execute(db);
  await sql`create index users_enterprise on users (enterprise_id) where enterprise_id is not null`.execute(db);

  // The code itself is never stored: a salted SHA-256. `context` binds it to what it was sent
  // for (the credit code registered for, the invitation accepted). `proof_hash`: once the code is
  // right, the token that lets the registrant upload the letter without a new code.
  await sql`create table verification_codes (
    id serial primary key,
    mobile text not null,
    purpose text not null check (purpose in ('register', 'join')),
    context text not null,
    code_hash text not null,
    attempts integer not null default 0,
    expires_at timestamptz not null,
    consumed_at timestamptz,
    proof_hash text,
    ip text,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index verification_codes_mobile on verification_codes (mobile, created_at)`.execute(db);
  await sql`create index verification_codes_ip on verification_codes (ip, created_at)`.execute(db);
  await sql`create unique index verification_codes_proof on verification_codes (proof_hash) where proof_hash is not null`.execute(db);

  await sql`create table enterprise_invitations (
    id serial primary key,
    enterprise_id integer not null references enterprises(id),
    mobile text not null,
    display_name text not null,
    enterprise_role text not null check (enterprise_role in ('admin', 'agent')),
    invited_by integer not null references users(id),
    status text not null default 'pending' check (status in ('pending', 'accepted', 'revoked')),
    expires_at timestamptz not null,
    user_id integer references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  // One open invitation per mobile: the join page needs no choice of enterprise.
  await sql`create unique index enterprise_invitations_pending on enterprise_invitations (mobile) where status = 'pending'`.execute(db);
  await sql`create index enterprise_invitations_enterprise on enterprise_invitations (enterprise_id)`.execute(db);

  await sql`create table registration_requests (
    id serial primary key,
    kind text not null check (kind in ('add_enterprise', 'letter')),
    status text not null default 'pending' check (status in ('pending', 'approved', 'refused')),
    uscc text not null,
    enterprise_name text,
    enterprise_id integer references enterprises(id),
    mobile text not null,
    display_name text not null,
    password_hash text,
    letter_file_name text,
    letter_mime text,
    letter_size integer,
    letter_content bytea,
    reason text,
    decided_by integer references users(id),
    decided_at timestamptz,
    user_id integer references users(id),
    created_at timestamptz not null default now(),
    constraint registration_requests_letter check ((kind = 'letter') = (letter_content is not null and password_hash is not null and enterprise_id is not null)),
    constraint registration_requests_reason check (status <> 'refused' or reason is not null)
  )`.execute(db);
  await sql`create index users_removed_mobile on users (removed_mobile) where removed_mobile is not null`.execute(db);
  await sql`create unique index registration_requests_one_pending on registration_requests (kind, mobile, uscc) where status = 'pending'`.execute(db);
  await sql`create index registration_requests_status on registration_requests (status, created_at)`.execute(db);
}
