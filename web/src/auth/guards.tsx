import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { homePath, passwordPath, shellOf, type Shell } from '../access';
import { PageLoading } from '../components/PageLoading';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage';
import { useAuth } from './AuthContext';

/** Where a page that must come back later is remembered: `/login?next=…`. */
function loginPathFor(pathname: string, search: string): string {
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}

/**
 * Lets the logged-in users of one shell through. Others see the 403 page before the
 * shell's code is even fetched; users who must change their password are sent there first.
 */
export function RequireShell({ shell, children }: { shell: Shell; children: ReactNode }) {
  const { user, loggedOut } = useAuth();
  const { pathname, search } = useLocation();
  if (user === undefined) return <PageLoading />;
  if (user === null) return <Navigate to={loggedOut ? '/login' : loginPathFor(pathname, search)} replace />;
  if (shellOf(user.role) !== shell) return <ForbiddenPage />;
  const changePassword = passwordPath(user.role);
  if (user.mustChangePassword && pathname !== changePassword) {
    return <Navigate to={changePassword} replace state={{ next: pathname + search }} />;
  }
  return children;
}

/** `/`: the user's home, or the login page. */
export function HomeRedirect() {
  const { user } = useAuth();
  if (user === undefined) return <PageLoading />;
  return <Navigate to={user ? homePath(user.role) : '/login'} replace />;
}
