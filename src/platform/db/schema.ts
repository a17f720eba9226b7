import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AppealTables } from './schema-appeals.ts';
import type { OpenPlatformTables } from './schema-open.ts';
import type { LiaisonTables } from './schema-liaison.ts';
import type { EnterpriseFileTables } from './schema-enterprise-file.ts';
import type { WarningTables } from './schema-warnings.ts';
import type { PolicyTables } from './schema-policies.ts';
import type { AccountTables, EnterpriseRole } from './schema-accounts.ts';
import type { DeliveryTables } from './schema-delivery.ts';
import type { FollowUpTables } from './schema-follow-up.ts';
import type { ClusterTables } from './schema-cluster.ts';

/** Table types for Kysely; they mirror the migrations in ./migrations. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string | undefined | null, string | null>;

export type Role = 'enterprise' | 'specialist' | 'coordinator' | 'handler' | 'cadre' | 'leader' | 'policy_officer' | 'admin';
export type Scale = 'large' | 'medium' | 'small' | 'micro';
export type Grade = 'normal' | 'urgent' | 'complex';
export type DepartmentKind = 'bureau' | 'coordination' | 'street_office' | 'other';

export interface StreetsTable {
  id: Generated<number>;
  code: string;
  name: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DepartmentsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: ColumnType<DepartmentKind, DepartmentKind | undefined, DepartmentKind>;
  phone: string | null;
  head_user_id: number | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  legal_representative: string | null;
  address: string | null;
  phone: string | null;
  /** Added by migration 0011. */
  legal_rep_mobile: ColumnType<string | null, string | null | undefined, string | null>;
  street_id: number | null;
  industry_code: string;
  scale: Scale;
  founded_on: string | null;
  registered_capital: number | null;
  is_key: Generated<boolean>;
  status: ColumnType<'active' | 'moved_out' | 'deregistered', 'active' | 'moved_out' | 'deregistered' | undefined>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterpriseTagsTable {
  enterprise_id: number;
  tag: string;
}

export interface EnterpriseIndicatorsTable {
  enterprise_id: number;
  month: string;
  output: number | null;
  value_added: number | null;
  fixed_investment: number | null;
  tax: number | null;
  employees: number | null;
  electricity: number | null;
  water: number | null;
  gas: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  mobile: string | null;
  display_name: string;
  password_hash: string;
  role: Role;
  department_id: number | null;
  street_id: number | null;
  enterprise_id: number | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  /** Added by migration 0016: the last counted login failure (failures are forgotten a day later). */
  failed_login_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  /** Added by migration 0003. */
  email: string | null;
  /** Added by migration 0011: 企业管理员 or 经办人, for enterprise users. */
  enterprise_role: ColumnType<EnterpriseRole | null, EnterpriseRole | null | undefined, EnterpriseRole | null>;
  /** Added by migration 0011: when the member was removed from the enterprise (the mobile is given up). */
  removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The mobile a removed member gave up (migration 0011). */
  removed_mobile: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Date;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  /** How the session was opened: a password, single sign-on, or an SMS code (registration). */
  method: Generated<'password' | 'sso' | 'code'>;
  /** A single sign-on session: the provider's ID token, the id_token_hint of RP-initiated logout. */
  id_token: string | null;
}

export interface TaxonomyCategoriesTable {
  id: Generated<number>;
  code: string;
  name: string;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ServiceItemsTable {
  id: Generated<number>;
  category_id: number;
  code: string;
  name: string;
  department_id: number;
  default_grade: ColumnType<Grade, Grade | undefined, Grade>;
  keywords: Generated<string>;
  description: Generated<string>;
  sort_order: Generated<number>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Migration 0019: an Open311 request for this item must say where (lat/long or address_string). */
  location_required: Generated<boolean>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
}

export interface CalendarOverridesTable {
  date: string;
  kind: 'workday' | 'holiday';
  name: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface CalendarYearsTable {
  year: number;
  complete: ColumnType<boolean, boolean | undefined, boolean>;
  note: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** Migration 0021: a year whose December reminder (load next year's schedule) was sent. */
export interface CalendarRemindersTable {
  year: number;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface DB
  extends
    AppealTables,
    OpenPlatformTables,
    LiaisonTables,
    EnterpriseFileTables,
    WarningTables,
    PolicyTables,
    AccountTables,
    DeliveryTables,
    FollowUpTables,
    ClusterTables {
  streets: StreetsTable;
  departments: DepartmentsTable;
  enterprises: EnterprisesTable;
  enterprise_tags: EnterpriseTagsTable;
  enterprise_indicators: EnterpriseIndicatorsTable;
  users: UsersTable;
  sessions: SessionsTable;
  taxonomy_categories: TaxonomyCategoriesTable;
  service_items: ServiceItemsTable;
  audit_log: AuditLogTable;
  calendar_overrides: CalendarOverridesTable;
  calendar_years: CalendarYearsTable;
  calendar_reminders: CalendarRemindersTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type EnterpriseRow = Selectable<EnterprisesTable>;
export type NewEnterprise = Insertable<EnterprisesTable>;
