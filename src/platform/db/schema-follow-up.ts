import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0013 (回访); the columns it adds to `appeals` are in schema-appeals.ts. */
export type FollowUpOutcome = 'rated' | 'not_reached' | 'declined';

export interface AppealFollowUpsTable {
  id: Generated<number>;
  appeal_id: number;
  outcome: FollowUpOutcome;
  rating: number | null;
  comment: string | null;
  called_by: number;
  called_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FollowUpTables {
  appeal_follow_ups: AppealFollowUpsTable;
}
