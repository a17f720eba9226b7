import type { Schemas } from '../../api';

/** An enterprise's change request as the API returns it (shared by the staff review page and the portal). */
export type ChangeRequest = Schemas['EnterpriseChangeRequest'];
export type ChangeStatus = ChangeRequest['status'];
export const STATUS_COLOR: Record<ChangeStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };
