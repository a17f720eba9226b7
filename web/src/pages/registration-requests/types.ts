export type RequestStatus = 'pending' | 'approved' | 'refused';

export interface RegistrationRequest {
  id: number;
  kind: 'letter' | 'add_enterprise';
  status: RequestStatus;
  uscc: string;
  enterpriseName: string | null;
  enterpriseId: number | null;
  mobile: string;
  displayName: string;
  letter: { fileName: string; mime: string; size: number } | null;
  reason: string | null;
  decidedAt: string | null;
  createdAt: string;
}
