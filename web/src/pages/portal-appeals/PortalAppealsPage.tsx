import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Empty } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { ListPager } from '../../components/ListTable';
import type { AppealListItem } from '../../appeals';
import { AppealStateTag } from '../../components/AppealTags';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { formatDate } from '../../format';
import { usePolling } from '../../hooks/useInterval';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import '../portal-appeal/portal-appeal.css';

const PAGE_SIZE = 10;
const POLL_MS = 30_000;

/** 我的诉求: the enterprise's appeals (whoever filed them), newest state at a glance, and the way to file one. */
export default function PortalAppealsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const list = usePagedList<Paged<AppealListItem>>('/api/appeals', {}, { pageSize: PAGE_SIZE, query: { view: 'all' } });
  const { data, error, reload } = list;
  usePolling(reload, POLL_MS);

  return (
    <div className="portal-appeals">
      <Button
        type="primary"
        size="large"
        block
        icon={<PlusOutlined />}
        onClick={() => void navigate('/portal/appeals/new')}
        data-testid="appeal-new"
      >
        {t('appeal.new')}
      </Button>
      <h3 className="portal-section-title">{t('portal.appeals.mine')}</h3>
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : data.items.length === 0 ? (
        <Empty description={t('portal.appeals.empty')} />
      ) : (
        <>
          {data.items.map((a) => (
            <Link key={a.id} to={`/portal/appeals/${a.id}`} className="portal-appeal-card" data-testid="appeal-row" data-number={a.number}>
              <div className="portal-appeal-card-top">
                <span className="portal-appeal-card-title">{a.title}</span>
                <AppealStateTag state={a.state} />
              </div>
              <div className="portal-appeal-card-meta">
                <span className="mono">{a.number}</span>
                <span>{t(`appeal.type.${a.appealType}`)}</span>
                <span>{t('portal.appeals.submittedOn', { date: formatDate(a.submittedAt, lang) })}</span>
              </div>
              {a.department && <div className="portal-appeal-card-meta">{t('portal.appeals.handledBy', { name: a.department.name })}</div>}
              <RightOutlined className="portal-appeal-card-arrow" />
            </Link>
          ))}
          <ListPager paging={list} total={data.total} className="portal-pagination" />
        </>
      )}
    </div>
  );
}
