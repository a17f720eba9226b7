import { Navigate, useLocation, useParams } from 'react-router-dom';
import { PORTAL_PATH } from '../../access';
import { useAuth } from '../../auth/AuthContext';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { useRequest } from '../../hooks/useRequest';
import { ForbiddenPage } from '../errors/ForbiddenPage';
import { NotFoundPage } from '../errors/NotFoundPage';

/** `/e/:uscc`, what the enterprise code (一企一码) encodes: staff go to the file, the enterprise's own users to their portal. */
export default function ScanPage() {
  const { uscc = '' } = useParams();
  const { pathname } = useLocation();
  const { user } = useAuth();
  const { data, error, reload } = useRequest<{ id: number; target: 'file' | 'portal' }>(
    user ? `/api/enterprise-codes/${encodeURIComponent(uscc)}` : null,
  );
  if (user === undefined) return <PageLoading />;
  if (user === null) return <Navigate to={`/login?next=${encodeURIComponent(pathname)}`} replace />;
  if (error?.status === 403) return <ForbiddenPage />;
  if (error?.status === 404) return <NotFoundPage />;
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return <Navigate to={data.target === 'portal' ? `${PORTAL_PATH}/profile` : `/enterprises/${data.id}`} replace />;
}
