/** Shapes of GET /api/applications/figures (src/modules/applications/figures.ts): names for the generated contract's types. */
import type { Schemas } from '../../api';
import { valuesOf } from '../../types';

export type PolicyFigures = Schemas['ApplicationFigures'];
export type PolicyFiguresBy = PolicyFigures['by'];
export const POLICY_FIGURES_BY = valuesOf<PolicyFiguresBy>({ policy: true, department: true, industry: true, street: true, month: true });
export type PolicyFiguresTotals = PolicyFigures['totals'];
export type PolicyFiguresRow = PolicyFigures['rows'][number];
