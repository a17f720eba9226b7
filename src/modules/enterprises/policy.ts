import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/http/access.ts';

/** An enterprise user sees only its own enterprise; staff see every enterprise's file. */
export function assertCanReadEnterprise(user: SessionUser, enterpriseId: number): void {
  if (user.role === 'enterprise' && user.enterpriseId !== enterpriseId) throw AppError.forbidden('只能查看本企业的信息');
}
