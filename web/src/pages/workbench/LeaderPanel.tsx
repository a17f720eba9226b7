import { AlertOutlined, ClockCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Query } from '../../api';
import type { AppealListItem } from '../../appeals';
import { FigureStats } from '../../components/FigureStats';
import { LoadError } from '../../components/LoadError';
import type { Figures } from '../../figures';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { Paged } from '../../types';

interface Count {
  key: string;
  title: MessageKey;
  icon: ReactNode;
  color: string;
  query: Query;
  to: string;
}

/** What needs a leader first: escalated appeals, then the red and the yellow ones still open. */
const COUNTS: Count[] = [
  {
    key: 'escalated',
    title: 'workbench.leader.escalated',
    icon: <RiseOutlined />,
    color: '#fa541c',
    query: { view: 'escalated' },
    to: '/appeals/escalated',
  },
  {
    key: 'red',
    title: 'workbench.leader.red',
    icon: <AlertOutlined />,
    color: '#f53f3f',
    query: { view: 'warnings', warning: 'red' },
    to: '/appeals/all?view=warnings&warning=red',
  },
  {
    key: 'yellow',
    title: 'workbench.leader.yellow',
    icon: <ClockCircleOutlined />,
    color: '#faad14',
    query: { view: 'warnings', warning: 'yellow' },
    to: '/appeals/all?view=warnings&warning=yellow',
  },
];

/** One count; only `total` is wanted, so one row is asked for. */
function CountCard({ count }: { count: Count }) {
  const { t } = useI18n();
  const { data } = useRequest<Paged<AppealListItem>>('/api/appeals', { ...count.query, pageSize: 1 });
  return (
    <Link to={count.to} data-testid={`leader-${count.key}`}>
      <Card size="small" hoverable>
        <Statistic
          title={t(count.title)}
          value={data?.total ?? '—'}
          loading={!data}
          prefix={count.icon}
          styles={{ content: { color: count.color } }}
        />
      </Card>
    </Link>
  );
}

/** The leader's first screen: what waits for a decision, and this year's appeal figures. */
export function LeaderPanel() {
  const { t } = useI18n();
  // The server's default period is this year to date.
  const figures = useRequest<Figures>('/api/appeals/figures', { by: 'month' });
  return (
    <div className="leader-panel" data-testid="leader-panel">
      <Row gutter={[16, 16]}>
        {COUNTS.map((c) => (
          <Col key={c.key} xs={24} sm={8}>
            <CountCard count={c} />
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('workbench.leader.year', { year: figures.data?.from.slice(0, 4) ?? '' })}
        extra={<Link to="/appeals/figures">{t('workbench.leader.figures')}</Link>}
        loading={!figures.data && !figures.error}
      >
        {figures.error ? (
          <LoadError error={figures.error} onRetry={figures.reload} />
        ) : (
          figures.data && <FigureStats totals={figures.data.totals} />
        )}
      </Card>
    </div>
  );
}
