/** Shapes of /api/liaisons/* (src/modules/liaison/schemas.ts). */
export const TIERS = ['leader', 'department_head', 'special_group'] as const;
export type Tier = (typeof TIERS)[number];

export interface Counts {
  keyEnterprises: number;
  covered: number;
  uncovered: number;
}

export interface Coverage {
  totals: Counts;
  byStreet: (Counts & { streetId: number | null; name: string })[];
  byTier: { tier: Tier; enterprises: number; cadres: number }[];
  uncovered: { items: { id: number; name: string; uscc: string; streetName: string | null; industryCode: string; scale: string }[]; total: number };
}

export interface LiaisonUser {
  id: number;
  name: string;
  role: string;
  unit: string | null;
  enterprises: number;
}

export interface MyEnterprise {
  id: number;
  name: string;
  uscc: string;
  streetName: string | null;
  tier: Tier;
  openAppeals: number;
  lastVisitOn: string | null;
  nextPlannedOn: string | null;
}

export interface Need {
  id: number;
  description: string;
  resolution: 'appeal' | 'on_spot';
  note: string | null;
  appeal: { id: number; number: string; state: string } | null;
}

export interface Visit {
  id: number;
  enterprise: { id: number; name: string };
  cadre: { id: number; name: string };
  status: 'planned' | 'done' | 'cancelled';
  plannedOn: string | null;
  visitedOn: string | null;
  purpose: string;
  peopleMet: string;
  notes: string;
  needs: Need[];
}

export interface WeeklyReport {
  cadre: { id: number; name: string };
  from: string;
  to: string;
  summary: { visits: number; enterprisesVisited: number; needs: number; onSpot: number; appealsFiled: number; appealsClosed: number; plannedNext: number };
  visits: Visit[];
  appeals: { id: number; number: string; title: string; enterprise: string; state: string }[];
  plannedNext: Visit[];
}

export interface BriefingRow {
  name: string;
  visits: number;
  enterprisesVisited: number;
  needs: number;
  onSpot: number;
  appealsFiled: number;
  appealsClosed: number;
}

export interface Briefing {
  from: string;
  to: string;
  totals: Omit<BriefingRow, 'name'> & { keyEnterprises: number; covered: number };
  byStreet: BriefingRow[];
  byUnit: BriefingRow[];
}

export interface Weights {
  visits: number;
  onTime: number;
  satisfaction: number;
  warnings: number;
}

export interface CadreScore {
  rank: number | null;
  userId: number;
  name: string;
  unit: string | null;
  enterprises: number;
  visitsPlanned: number;
  visitsDone: number;
  visitRate: number | null;
  appealsClosed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  score: number | null;
}

export interface Assessment {
  from: string;
  to: string;
  weights: Weights;
  termsUsed: (keyof Weights)[];
  cadres: CadreScore[];
  units: { rank: number | null; departmentId: number | null; name: string; cadres: number; score: number | null }[];
}
