import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 0007 (the service network, 挂点服务). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type LiaisonTier = 'leader' | 'department_head' | 'special_group';
export type VisitStatus = 'planned' | 'done' | 'cancelled';

export interface LiaisonsTable {
  id: Generated<number>;
  enterprise_id: number;
  user_id: number;
  tier: LiaisonTier;
  assigned_by: number | null;
  assigned_at: Timestamp;
  ended_at: Date | null;
}

export interface LiaisonVisitsTable {
  id: Generated<number>;
  enterprise_id: number;
  user_id: number;
  /** A date (YYYY-MM-DD). */
  planned_on: ColumnType<string | null, string | null | undefined, string | null>;
  visited_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: VisitStatus;
  people_met: Generated<string>;
  notes: Generated<string>;
  purpose: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface LiaisonNeedsTable {
  id: Generated<number>;
  visit_id: number;
  description: string;
  resolution: 'appeal' | 'on_spot';
  appeal_id: number | null;
  note: string | null;
}

export interface LiaisonTables {
  liaisons: LiaisonsTable;
  liaison_visits: LiaisonVisitsTable;
  liaison_needs: LiaisonNeedsTable;
}
