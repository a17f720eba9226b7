/** Shapes of /api/portal/policies*, /api/portal/benefits (src/modules/portal-policies/schemas.ts): names for the generated contract's types. */
import type { Answer } from '../../api';

export type ForMeItem = Answer<'/api/portal/policies/for-me'>['items'][number];
export type MatchOutcome = ForMeItem['outcome'];

export type BrowseItem = Answer<'/api/portal/policies'>['items'][number];

export type PortalPolicy = Answer<'/api/portal/policies/{id}'>;
export type Notice = PortalPolicy['policy']['notices'][number];

export type BenefitsAnswer = Answer<'/api/portal/benefits'>;
