/** An enterprise's change request as the API returns it (shared by the staff review page and the portal). */
export type ChangeStatus = 'pending' | 'approved' | 'rejected';
export interface ChangeRequest {
  id: number;
  enterprise: { id: number; name: string; uscc: string };
  field: 'address' | 'legal_representative';
  oldValue: string | null;
  newValue: string;
  status: ChangeStatus;
  requestedAt: string;
  reviewerName: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}
export const STATUS_COLOR: Record<ChangeStatus, string> = { pending: 'orange', approved: 'green', rejected: 'red' };
