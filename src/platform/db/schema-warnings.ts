import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0008 (monitoring and early warning). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type WarningLevel = 'yellow' | 'orange' | 'red';
export type WarningStatus = 'open' | 'following' | 'closed';
export type WarningRuleKind = 'yoy_drop' | 'rolling_drop' | 'consecutive_decline' | 'missing' | 'relocation_address' | 'relocation_power';
export type IndicatorName = 'output' | 'value_added' | 'fixed_investment' | 'tax' | 'employees' | 'electricity' | 'water' | 'gas';

export interface WarningRulesTable {
  id: Generated<number>;
  name: string;
  kind: WarningRuleKind;
  indicator: IndicatorName | null;
  params: Json;
  level: WarningLevel;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface EnterpriseWarningsTable {
  id: Generated<number>;
  enterprise_id: number;
  rule_id: number;
  month: string;
  level: WarningLevel;
  value: number | null;
  explanation: string;
  status: ColumnType<WarningStatus, WarningStatus | undefined, WarningStatus>;
  assigned_user_id: number | null;
  actions_taken: string | null;
  closed_by: number | null;
  closed_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WarningActionsTable {
  id: Generated<number>;
  warning_id: number;
  user_id: number | null;
  kind: 'follow_up' | 'close' | 'reopen';
  note: string;
  created_at: CreatedAt;
}

export interface WarningRunsTable {
  month: string;
  indicator_rows: number;
  raised: number;
  ran_at: Timestamp;
}

export interface WarningTables {
  warning_rules: WarningRulesTable;
  enterprise_warnings: EnterpriseWarningsTable;
  warning_actions: WarningActionsTable;
  warning_runs: WarningRunsTable;
}
