import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0011 (enterprise accounts). Columns it adds to existing tables are in schema.ts. */
export type EnterpriseRole = 'admin' | 'agent';
export type CodePurpose = 'register' | 'join';
export type RegistrationKind = 'add_enterprise' | 'letter';
export type RegistrationStatus = 'pending' | 'approved' | 'refused';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface VerificationCodesTable {
  id: Generated<number>;
  mobile: string;
  purpose: CodePurpose;
  /** What the code was sent for: the credit code registered for, or the invitation's id. */
  context: string;
  /** `salt$sha256(salt + code)`. */
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  consumed_at: Date | null;
  proof_hash: string | null;
  ip: string | null;
  created_at: CreatedAt;
}

export interface EnterpriseInvitationsTable {
  id: Generated<number>;
  enterprise_id: number;
  mobile: string;
  display_name: string;
  enterprise_role: EnterpriseRole;
  invited_by: number;
  status: ColumnType<'pending' | 'accepted' | 'revoked', 'pending' | 'accepted' | 'revoked' | undefined>;
  expires_at: Date;
  user_id: number | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RegistrationRequestsTable {
  id: Generated<number>;
  kind: RegistrationKind;
  status: ColumnType<RegistrationStatus, RegistrationStatus | undefined>;
  uscc: string;
  enterprise_name: string | null;
  enterprise_id: number | null;
  mobile: string;
  display_name: string;
  password_hash: string | null;
  letter_file_name: string | null;
  letter_mime: string | null;
  letter_size: number | null;
  letter_content: Uint8Array | null;
  reason: string | null;
  decided_by: number | null;
  decided_at: Date | null;
  user_id: number | null;
  created_at: CreatedAt;
}

export interface AccountTables {
  verification_codes: VerificationCodesTable;
  enterprise_invitations: EnterpriseInvitationsTable;
  registration_requests: RegistrationRequestsTable;
}
