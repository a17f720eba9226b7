/** Shapes of /api/liaisons/* (src/modules/liaison/schemas.ts): names for the generated contract's types. */
import type { Answer, Schemas } from '../../api';
import { valuesOf } from '../../types';

export type Coverage = Schemas['LiaisonCoverage'];
export type Tier = Coverage['byTier'][number]['tier'];
export const TIERS = valuesOf<Tier>({ leader: true, department_head: true, special_group: true });

export type LiaisonUser = Answer<'/api/liaisons/cadres'>['items'][number];
export type MyEnterprise = Answer<'/api/liaisons/mine'>['items'][number];
export type Visit = Schemas['LiaisonVisit'];
export type WeeklyReport = Schemas['LiaisonWeeklyReport'];

export type Briefing = Schemas['LiaisonBriefing'];
export type BriefingRow = Briefing['byStreet'][number];

export type Weights = Schemas['AssessmentWeights'];
export type Assessment = Schemas['LiaisonAssessment'];
export type CadreScore = Assessment['cadres'][number];
export type AssessmentTerm = Schemas['AssessmentTerm'];
export type AssessmentDetail = Schemas['LiaisonAssessmentDetail'];
