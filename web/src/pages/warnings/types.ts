/** Shapes of /api/warnings (src/modules/warnings/schemas.ts). */
export type WarningLevel = 'red' | 'orange' | 'yellow';
export type WarningStatus = 'open' | 'following' | 'closed';
export type RuleKind = 'yoy_drop' | 'rolling_drop' | 'consecutive_decline' | 'missing' | 'relocation_address' | 'relocation_power';
export type Indicator = 'output' | 'value_added' | 'fixed_investment' | 'tax' | 'employees' | 'electricity' | 'water' | 'gas';

export const INDICATORS: Indicator[] = ['output', 'value_added', 'fixed_investment', 'tax', 'employees', 'electricity', 'water', 'gas'];
export const RULE_KINDS: RuleKind[] = ['yoy_drop', 'rolling_drop', 'consecutive_decline', 'missing', 'relocation_address', 'relocation_power'];
export const LEVEL_COLORS: Record<WarningLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold' };
export const STATUS_COLORS: Record<WarningStatus, string> = { open: 'volcano', following: 'processing', closed: 'default' };

export interface WarningItem {
  id: number;
  month: string;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  industryCode: string;
  street: string | null;
  ruleId: number;
  ruleName: string;
  kind: RuleKind;
  indicator: Indicator | null;
  level: WarningLevel;
  value: number | null;
  explanation: string;
  status: WarningStatus;
  assignedUserId: number | null;
  assignedName: string | null;
  actionsTaken: string | null;
  closedAt: string | null;
  createdAt: string;
}

export type SeriesPoint = { month: string } & Record<Indicator, number | null>;

export interface WarningDetail extends WarningItem {
  canAct: boolean;
  canReopen: boolean;
  series: SeriesPoint[];
  actions: { id: number; kind: 'follow_up' | 'close' | 'reopen'; note: string; by: string | null; at: string }[];
  others: { id: number; ruleName: string; level: WarningLevel; status: WarningStatus; month: string }[];
}

export interface WarningRule {
  id: number;
  name: string;
  kind: RuleKind;
  indicator: Indicator | null;
  params: Record<string, number>;
  level: WarningLevel;
  active: boolean;
}

export interface ReportGroup {
  key: string;
  name: string;
  red: number;
  orange: number;
  yellow: number;
  total: number;
  closed: number;
}

export interface WarningReport {
  month: string;
  months: string[];
  total: number;
  byLevel: Record<WarningLevel, number>;
  byStatus: Record<WarningStatus, number>;
  followUps: number;
  relocationEnterprises: number;
  byRule: ReportGroup[];
  bySection: ReportGroup[];
  byStreet: ReportGroup[];
  relocation: WarningItem[];
  closed: WarningItem[];
}

/** '2024-12-01' → '2024-12'. */
export const ym = (month: string) => month.slice(0, 7);
