/** Shapes of /api/warnings (src/modules/warnings/schemas.ts): names for the generated contract's types. */
import type { Answer } from '../../api';
import { valuesOf } from '../../types';

export type WarningRule = Answer<'/api/warning-rules'>[number];
export type RuleKind = WarningRule['kind'];
export type Indicator = NonNullable<WarningRule['indicator']>;

/**
 * The list and detail schemas declare a warning's kind and indicator as plain strings (its rule's, which
 * the database holds as these unions): narrowed here to the rule's types until the server's schema says so.
 */
type Narrowed<T> = Omit<T, 'kind' | 'indicator'> & { kind: RuleKind; indicator: Indicator | null };
export type WarningItem = Narrowed<Answer<'/api/warnings'>['items'][number]>;
type RawDetail = Answer<'/api/warnings/{id}'>;
export type WarningDetail = Narrowed<Omit<RawDetail, 'actions'>> & {
  actions: (Omit<RawDetail['actions'][number], 'kind'> & { kind: 'follow_up' | 'close' | 'reopen' })[];
};
export type WarningReport = Omit<Answer<'/api/warnings/report'>, 'relocation' | 'closed'> & {
  relocation: WarningItem[];
  closed: WarningItem[];
};
export type ReportGroup = WarningReport['byRule'][number];

export type WarningLevel = WarningItem['level'];
export type WarningStatus = WarningItem['status'];
export type SeriesPoint = WarningDetail['series'][number];

export const INDICATORS = valuesOf<Indicator>({
  output: true,
  value_added: true,
  fixed_investment: true,
  tax: true,
  employees: true,
  electricity: true,
  water: true,
  gas: true,
});
export const RULE_KINDS = valuesOf<RuleKind>({
  yoy_drop: true,
  rolling_drop: true,
  consecutive_decline: true,
  missing: true,
  relocation_address: true,
  relocation_power: true,
});
export const LEVEL_COLORS: Record<WarningLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold' };
export const STATUS_COLORS: Record<WarningStatus, string> = { open: 'volcano', following: 'processing', closed: 'default' };

/** '2024-12-01' → '2024-12'. */
export const ym = (month: string) => month.slice(0, 7);
