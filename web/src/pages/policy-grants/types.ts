/** Shapes of /api/grants*, /api/grant-batches* (src/modules/grants/schemas.ts): names for the generated contract's types. */
import type { Answer } from '../../api';

export type GrantPolicy = Answer<'/api/grants/policies'>[number];
export type Batch = Answer<'/api/grant-batches'>['items'][number];
export type BatchStatus = Batch['status'];
export type BatchDetail = Answer<'/api/grant-batches/{id}'>;
export type BatchResult = Answer<'/api/grant-batches', 'post'>;
export type GrantItem = Answer<'/api/grant-batches/{id}/items'>['items'][number];
export type UnclaimedItem = Answer<'/api/grants/unclaimed'>['items'][number];
