/** What other modules may read of 免申即享: the batch list exactly as GET /api/grant-batches answers it (我的待办 counts it). */
export { listBatches } from './repository.ts';
