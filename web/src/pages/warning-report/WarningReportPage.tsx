import { Alert, Card, Col, Empty, Row, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { DownloadButton } from '../../components/DownloadButton';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { orDash } from '../../format';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { LevelTag, StatusTag } from '../warnings/Tags';
import { ym, type ReportGroup, type WarningItem, type WarningLevel, type WarningReport, type WarningStatus } from '../warnings/types';
import { EChart } from '../workbench/EChart';
import type { ChartOption } from '../workbench/echarts';

const LEVELS = ['red', 'orange', 'yellow'] as const;
const COLORS: Record<WarningLevel, string> = { red: '#f5222d', orange: '#fa8c16', yellow: '#fadb14' };

/** 预警月报: warnings of one month by level, industry section and street; relocation risks; what was done. */
export default function WarningReportPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState<string>();
  const { data, error, loading } = useRequest<WarningReport>('/api/warnings/report', { month: month ? ym(month) : undefined });
  const relocationPaging = useListParams({}, { pageSize: 10, prefix: 'relocation.' });
  const closedPaging = useListParams({}, { pageSize: 10, prefix: 'closed.' });

  const sectionChart = useMemo<ChartOption | undefined>(() => {
    if (!data) return undefined;
    const rows = data.bySection.slice(0, 12).reverse();
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 4, bottom: 'auto', data: LEVELS.map((l) => t(`warn.level.${l}`)) },
      grid: { left: 140, right: 24, top: 36, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((r) => r.name) },
      series: LEVELS.map((l) => ({
        name: t(`warn.level.${l}`),
        type: 'bar' as const,
        stack: 'level',
        color: COLORS[l],
        data: rows.map((r) => r[l]),
      })),
    };
  }, [data, t]);

  const groupColumns = (first: string): TableColumnsType<ReportGroup> => [
    { title: first, dataIndex: 'name' },
    ...LEVELS.map((l) => ({ title: t(`warn.level.${l}`), dataIndex: l, width: 70, align: 'right' as const })),
    { title: t('warn.report.total.col'), dataIndex: 'total', width: 70, align: 'right' },
    { title: t('warn.report.closed'), dataIndex: 'closed', width: 80, align: 'right' },
  ];
  const itemColumns: TableColumnsType<WarningItem> = [
    { title: t('warn.enterprise'), dataIndex: 'enterpriseName', render: (name: string, w) => <Link to={`/warnings/${w.id}`}>{name}</Link> },
    { title: t('warn.rule'), dataIndex: 'ruleName', width: 200 },
    { title: t('warn.level'), dataIndex: 'level', width: 80, render: (l: WarningLevel) => <LevelTag level={l} /> },
    { title: t('warn.street'), dataIndex: 'street', width: 100, render: orDash },
    { title: t('warn.cadre'), dataIndex: 'assignedName', width: 100, render: orDash },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: WarningStatus) => <StatusTag status={s} /> },
  ];

  if (!data && !error) return <PageLoading />;
  const months = data?.months ?? [];

  return (
    <>
      <PageHeader
        title={t('menu.warning-report')}
        extra={
          <>
            <Select
              style={{ width: 140 }}
              placeholder={t('warn.report.month')}
              aria-label={t('warn.report.month')}
              value={data?.month || undefined}
              onChange={(m: string) => setMonth(m)}
              options={(months.includes(data?.month ?? '') || !data?.month ? months : [data.month, ...months]).map((m) => ({
                value: m,
                label: ym(m),
              }))}
              data-testid="report-month"
            />
            <DownloadButton
              path="/api/warnings/report.xlsx"
              query={{ month: data?.month ? ym(data.month) : undefined }}
              data-testid="warning-report-export"
            >
              {t('warn.report.export')}
            </DownloadButton>
          </>
        }
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      {data && (
        <>
          <Row gutter={[16, 16]} className="filter-bar">
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('warn.report.total')} value={data.total} />
              </Card>
            </Col>
            {LEVELS.map((l) => (
              <Col xs={12} md={4} key={l}>
                <Card size="small">
                  <Statistic
                    title={t(`warn.level.${l}`)}
                    value={data.byLevel[l]}
                    styles={{ content: { color: COLORS[l] === '#fadb14' ? '#d4b106' : COLORS[l] } }}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('warn.report.closed')} value={data.byStatus.closed} suffix={`/ ${data.total}`} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('warn.report.relocationEnterprises')} value={data.relocationEnterprises} />
              </Card>
            </Col>
          </Row>
          {data.total === 0 ? (
            <Empty description={t('warn.report.empty')} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('warn.report.bySection')}>
                  {sectionChart && (
                    <EChart
                      option={sectionChart}
                      height={Math.max(240, Math.min(12, data.bySection.length) * 32 + 60)}
                      testId="chart-sections"
                    />
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('warn.report.byRule')}>
                  <Table<ReportGroup>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    dataSource={data.byRule}
                    columns={groupColumns(t('warn.rule'))}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('warn.report.byStreet')}>
                  <Table<ReportGroup>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    dataSource={data.byStreet}
                    columns={groupColumns(t('warn.street'))}
                    data-testid="report-streets"
                  />
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('warn.report.bySection')}>
                  <Table<ReportGroup>
                    rowKey="key"
                    size="small"
                    pagination={false}
                    dataSource={data.bySection}
                    columns={groupColumns(t('warn.industry'))}
                  />
                </Card>
              </Col>
              <Col xs={24}>
                <Card size="small" title={t('warn.report.relocation')}>
                  <ListTable<WarningItem>
                    rowKey="id"
                    size="small"
                    loading={loading}
                    dataSource={data.relocation}
                    columns={itemColumns}
                    paging={relocationPaging}
                    data-testid="report-relocation"
                  />
                </Card>
              </Col>
              <Col xs={24}>
                <Card size="small" title={t('warn.report.done')}>
                  <ListTable<WarningItem>
                    rowKey="id"
                    size="small"
                    dataSource={data.closed}
                    columns={[...itemColumns.slice(0, 3), { title: t('warn.actionsTaken'), dataIndex: 'actionsTaken' }]}
                    paging={closedPaging}
                    data-testid="report-closed"
                  />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </>
  );
}
