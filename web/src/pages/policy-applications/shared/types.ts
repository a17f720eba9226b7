/**
 * Shapes of the applications API (src/modules/applications/schemas.ts): names for the generated contract's
 * types; the states come from the server's pure workflow module (src/modules/applications/workflow.ts).
 */
import { STATES } from '@server/modules/applications/workflow.ts';
import type { Answer, Schemas } from '../../../api';
import { valuesOf } from '../../../types';

export type ApplicationDetail = Schemas['PolicyApplication'];
export type ApplicationState = ApplicationDetail['state'];
export const APPLICATION_STATES: readonly ApplicationState[] = STATES;
export type ApplicationAction = ApplicationDetail['actions'][number];
export type ReviewFlag = NonNullable<ApplicationDetail['flag']>;
/** In the order the list's filter offers them. */
export const REVIEW_FLAGS = valuesOf<ReviewFlag>({ differences: true, ineligible: true, unknown: true, no_rule: true });
export type ApplicationEvent = ApplicationDetail['events'][number];

export type ApplicationItem = Answer<'/api/applications'>['items'][number];
export type Prefill = Answer<'/api/applications/prefill'>;
/** A declared or held profile value; null when missing. */
export type Value = Prefill['fields'][number]['held'];
export type SubmitResult = Answer<'/api/applications', 'post'>;
