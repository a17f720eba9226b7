import { Card, Col, DatePicker, Row, Space, Statistic, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { LoadError } from '../../components/LoadError';
import { shanghaiToday } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { Briefing, BriefingRow } from './types';

/** 挂点简报: the half-monthly briefing for the office, by street and by unit. */
export default function LiaisonBriefingPage() {
  const { t } = useI18n();
  const [date, setDate] = useState<Dayjs>(shanghaiToday);
  const { data, error, reload, loading } = useRequest<Briefing>('/api/liaisons/briefing', { date: date.format('YYYY-MM-DD') });
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  const columns = (first: MessageKey) => [
    { title: t(first), dataIndex: 'name' },
    { title: t('liaison.visits'), dataIndex: 'visits' },
    { title: t('liaison.enterprisesVisited'), dataIndex: 'enterprisesVisited' },
    { title: t('liaison.needsFound'), dataIndex: 'needs' },
    { title: t('liaison.onSpot'), dataIndex: 'onSpot' },
    { title: t('liaison.appealsFiled'), dataIndex: 'appealsFiled' },
    { title: t('liaison.appealsClosed'), dataIndex: 'appealsClosed' },
  ];
  const totals: [MessageKey, number | undefined][] = [
    ['liaison.keyEnterprises', data?.totals.keyEnterprises],
    ['liaison.covered', data?.totals.covered],
    ['liaison.visits', data?.totals.visits],
    ['liaison.enterprisesVisited', data?.totals.enterprisesVisited],
    ['liaison.needsFound', data?.totals.needs],
    ['liaison.onSpot', data?.totals.onSpot],
    ['liaison.appealsFiled', data?.totals.appealsFiled],
  ];
  return (
    <div data-testid="liaison-briefing">
      <PageHeader
        title={data ? t('liaison.briefingOf', { from: data.from, to: data.to }) : t('menu.liaison-briefing')}
        extra={
          <Space>
            {t('liaison.date')}
            <DatePicker value={date} allowClear={false} onChange={(d) => d && setDate(d)} />
          </Space>
        }
      />
      <Row gutter={[12, 12]} className="filter-bar">
        {totals.map(([k, v]) => (
          <Col key={k} xs={12} sm={8} md={6} xl={3}>
            <Card size="small">
              <Statistic title={t(k)} value={v ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('liaison.byStreet')} className="filter-bar">
        <Table<BriefingRow>
          size="small"
          rowKey="name"
          loading={loading}
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={data?.byStreet ?? []}
          columns={columns('liaison.street')}
        />
      </Card>
      <Card size="small" title={t('liaison.unit')}>
        <Table<BriefingRow>
          size="small"
          rowKey="name"
          loading={loading}
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={data?.byUnit ?? []}
          columns={columns('liaison.unit')}
        />
      </Card>
    </div>
  );
}
