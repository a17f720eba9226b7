import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0006 (the enterprise file: contacts, verified changes). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ChangeField = 'address' | 'legal_representative';
export type ChangeStatus = 'pending' | 'approved' | 'rejected';

export interface EnterpriseContactsTable {
  id: Generated<number>;
  enterprise_id: number;
  name: string;
  title: string | null;
  mobile: string | null;
  email: string | null;
  is_primary: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterpriseChangeRequestsTable {
  id: Generated<number>;
  enterprise_id: number;
  field: ChangeField;
  old_value: string | null;
  new_value: string;
  status: ColumnType<ChangeStatus, ChangeStatus | undefined, ChangeStatus>;
  requested_by: number;
  requested_at: CreatedAt;
  reviewer_id: number | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

export interface EnterpriseFileTables {
  enterprise_contacts: EnterpriseContactsTable;
  enterprise_change_requests: EnterpriseChangeRequestsTable;
}
