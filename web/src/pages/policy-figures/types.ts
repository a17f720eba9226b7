/** Shapes of GET /api/applications/figures (src/modules/applications/figures.ts). */
export const POLICY_FIGURES_BY = ['policy', 'department', 'industry', 'street', 'month'] as const;
export type PolicyFiguresBy = (typeof POLICY_FIGURES_BY)[number];

export interface PolicyFiguresTotals {
  applications: number;
  approved: number;
  refused: number;
  open: number;
  instant: number;
  instantShare: number | null;
  approvalRate: number | null;
  requestedAmount: number;
  approvedAmount: number;
  disbursedAmount: number;
  disbursed: number;
  grantedAmount: number;
  granted: number;
}

export interface PolicyFiguresRow extends PolicyFiguresTotals {
  key: string | null;
  name: string;
}

export interface PolicyFigures {
  by: PolicyFiguresBy;
  from: string;
  to: string;
  generatedAt: string;
  rows: PolicyFiguresRow[];
  totals: PolicyFiguresTotals;
}
