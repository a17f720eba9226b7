import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { DownloadButton } from '../../components/DownloadButton';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { days, percent, type Report } from '../../figures';
import { formatDateTime } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import { NotFoundPage } from '../errors/NotFoundPage';
import { ClosuresCard } from './ClosuresCard';
import { ReportKindTag } from './ReportKindTag';
import { DepartmentsTable, OverdueItemsTable } from './ReportTables';
import './overdue.css';

/** One overdue report (晾晒) as it was published: the totals, the departments worst first, what is overdue. */
export default function OverdueReportPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { data, error, reload } = useRequest<Report>(valid ? `/api/overdue-reports/${id}` : null);

  if (!valid) return <NotFoundPage />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data || data.id !== id) return <PageLoading />;
  const totals = data.data.totals;
  const stats: { key: string; title: MessageKey; value: string | number; danger?: boolean }[] = [
    { key: 'overdue-now', title: 'overdue.overdueNow', value: totals.overdueNow, danger: totals.overdueNow > 0 },
    { key: 'lagging', title: 'overdue.laggingDepartments', value: totals.laggingDepartments, danger: totals.laggingDepartments > 0 },
    { key: 'closed-late', title: 'overdue.closedLate', value: totals.closedLate, danger: totals.closedLate > 0 },
    { key: 'supervision', title: 'overdue.supervisionOpen', value: totals.supervisionOpen },
    { key: 'handled', title: 'overdue.handled', value: totals.handled },
    { key: 'closed', title: 'overdue.closed', value: totals.closed },
    { key: 'on-time', title: 'overdue.onTimeRate', value: percent(totals.onTimeRate) },
    { key: 'handling', title: 'overdue.avgHandlingDays', value: days(totals.avgHandlingDays) },
    // Reports published before the acceptance clock (受理时限) have no such figure.
    ...(totals.acceptOverdueNow === undefined
      ? []
      : [
          {
            key: 'accept-overdue',
            title: 'overdue.acceptOverdueNow' as const,
            value: totals.acceptOverdueNow,
            danger: totals.acceptOverdueNow > 0,
          },
        ]),
  ];

  return (
    <div className="overdue-report" data-testid="overdue-report">
      <PageHeader
        title={t('overdue.title', { from: data.periodStart, to: data.periodEnd })}
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/overdue-reports')}>
              {t('common.back')}
            </Button>
            <DownloadButton path={`/api/overdue-reports/${data.id}.xlsx`} data-testid="report-download">
              {t('analysis.export')}
            </DownloadButton>
          </>
        }
      />
      <Typography.Text type="secondary">
        <ReportKindTag kind={data.kind} />
        {t('overdue.meta', { by: data.generatedBy ?? t('overdue.system'), at: formatDateTime(data.generatedAt, lang) })}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Card size="small" data-testid={`report-${s.key}`}>
              <Statistic title={t(s.title)} value={s.value} styles={s.danger ? { content: { color: '#f53f3f' } } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      {data.data.closures && <ClosuresCard closures={data.data.closures} />}
      <Card size="small" title={t('overdue.departments')}>
        <DepartmentsTable rows={data.data.departments} />
      </Card>
      <Card size="small" title={t('overdue.items')}>
        <OverdueItemsTable items={data.data.overdueItems} />
      </Card>
    </div>
  );
}
