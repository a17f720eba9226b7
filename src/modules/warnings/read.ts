/** What other modules may read of 监测预警: the list exactly as GET /api/warnings answers it (我的待办 counts it). */
export { listWarnings } from './repository.ts';
