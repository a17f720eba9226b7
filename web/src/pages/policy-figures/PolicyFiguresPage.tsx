import { Alert, Card, Col, Empty, Row, Segmented, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { DownloadButton } from '../../components/DownloadButton';
import { ListTable } from '../../components/ListTable';
import { todayInShanghai } from '../../format';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { PeriodPicker, type Period } from '../../components/PeriodPicker';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { EChart } from '../workbench/EChart';
import { groupOption, monthOption, type Names } from './options';
import '../policy-applications/shared/applications.css';
import { POLICY_FIGURES_BY, type PolicyFigures, type PolicyFiguresBy, type PolicyFiguresRow } from './types';

const TOP = 15;
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const money = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The last twelve months, this one included, by the district's calendar. */
function lastYear(): Period {
  const today = dayjs(todayInShanghai());
  return { from: today.subtract(11, 'month').startOf('month').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
}

/** 政策兑现统计: applications, approvals, the share decided instantly (秒批) and amounts disbursed, by policy, department, industry, street, month. */
export default function PolicyFiguresPage() {
  const { t } = useI18n();
  const [by, setBy] = useState<PolicyFiguresBy>('policy');
  const [period, setPeriod] = useState<Period>(lastYear);
  const query = { by, ...period };
  const { data, error, loading, reload } = useRequest<PolicyFigures>('/api/applications/figures', query);
  const months = useRequest<PolicyFigures>(by === 'month' ? null : '/api/applications/figures', { by: 'month', ...period });
  const paging = useListParams({}, { pageSize: 50, prefix: 'rows.' });
  const charts = useMemo(() => {
    if (!data) return undefined;
    const names: Names = {
      approved: t('pf.approved'),
      refused: t('pf.refused'),
      open: t('pf.open'),
      instant: t('pf.instant'),
      disbursedAmount: t('pf.disbursedAmount'),
    };
    const rows = data.rows.filter((r) => r.applications > 0).slice(0, TOP);
    const monthSource = by === 'month' ? data : months.data;
    return {
      group:
        by === 'month'
          ? undefined
          : {
              option: groupOption(
                rows.map((row) => ({ name: row.name, row })),
                names,
              ),
              count: rows.length,
            },
      month: monthSource
        ? monthOption(
            monthSource.rows.map((row) => ({ name: row.key ?? row.name, row })),
            names,
          )
        : undefined,
    };
  }, [data, months.data, by, t]);

  const columns: TableColumnsType<PolicyFiguresRow> = [
    { title: t(`pf.by.${by}`), dataIndex: 'name', fixed: 'left', width: 260, ellipsis: true },
    { title: t('pf.applications'), dataIndex: 'applications', width: 90, align: 'right' },
    { title: t('pf.approved'), dataIndex: 'approved', width: 80, align: 'right' },
    { title: t('pf.refused'), dataIndex: 'refused', width: 90, align: 'right' },
    { title: t('pf.open'), dataIndex: 'open', width: 80, align: 'right' },
    { title: t('pf.instant'), dataIndex: 'instant', width: 80, align: 'right' },
    { title: t('pf.instantShare'), dataIndex: 'instantShare', width: 100, align: 'right', render: pct },
    { title: t('pf.approvalRate'), dataIndex: 'approvalRate', width: 90, align: 'right', render: pct },
    { title: t('pf.requestedAmount'), dataIndex: 'requestedAmount', width: 130, align: 'right', render: money },
    { title: t('pf.approvedAmount'), dataIndex: 'approvedAmount', width: 130, align: 'right', render: money },
    { title: t('pf.disbursedAmount'), dataIndex: 'disbursedAmount', width: 140, align: 'right', render: money },
    { title: t('pf.grantedAmount'), dataIndex: 'grantedAmount', width: 150, align: 'right', render: money },
  ];

  return (
    <div data-testid="policy-figures-page">
      <PageHeader
        title={t('menu.policy-figures')}
        extra={
          <DownloadButton path="/api/applications/figures.xlsx" query={query} data-testid="policy-figures-export">
            {t('pf.export')}
          </DownloadButton>
        }
      />
      <Space wrap className="filter-bar">
        <Segmented<PolicyFiguresBy>
          value={by}
          onChange={setBy}
          options={POLICY_FIGURES_BY.map((b) => ({ value: b, label: t(`pf.by.${b}`) }))}
          data-testid="policy-figures-by"
        />
        <PeriodPicker value={period} onChange={setPeriod} data-testid="policy-figures-period" />
      </Space>
      {error && data && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      {error && !data ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <div className="apl-stack">
          <Row gutter={[12, 12]} data-testid="policy-figures-totals">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('pf.applications')} value={data.totals.applications} suffix={t('pf.unitItems')} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('pf.approved')} value={data.totals.approved} suffix={t('pf.unitItems')} />
                <Typography.Text type="secondary">
                  {t('pf.approvalRate')} {pct(data.totals.approvalRate)}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('pf.instantShare')} value={pct(data.totals.instantShare)} />
                <Typography.Text type="secondary">{t('pf.instantCount', { n: data.totals.instant })}</Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('pf.disbursedAmount')} value={money(data.totals.disbursedAmount)} suffix={t('pf.unitWan')} />
                <Typography.Text type="secondary">
                  {t('pf.disbursedCount', { n: data.totals.disbursed })} ·{' '}
                  {t('pf.grantedLine', { amount: money(data.totals.grantedAmount), n: data.totals.granted })}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            {charts?.group && (
              <Col xs={24} xl={14}>
                <Card
                  size="small"
                  title={t('pf.chartBy', { by: t(`pf.by.${by}`) })}
                  extra={data.rows.length > TOP && t('pf.topN', { n: TOP })}
                >
                  {charts.group.count ? (
                    <EChart
                      option={charts.group.option}
                      height={Math.max(320, charts.group.count * 30 + 48)}
                      testId="policy-chart-groups"
                    />
                  ) : (
                    <Empty />
                  )}
                </Card>
              </Col>
            )}
            <Col xs={24} xl={charts?.group ? 10 : 24}>
              <Card size="small" title={t('pf.byMonth')}>
                {charts?.month ? <EChart option={charts.month} height={360} testId="policy-chart-months" /> : <Empty />}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('pf.details')}>
            <ListTable<PolicyFiguresRow>
              rowKey={(r) => r.key ?? r.name}
              size="small"
              loading={loading}
              dataSource={data.rows}
              columns={columns}
              scroll={{ x: 1450 }}
              paging={paging}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>{t('pf.total')}</strong>
                  </Table.Summary.Cell>
                  {[data.totals.applications, data.totals.approved, data.totals.refused, data.totals.open, data.totals.instant].map(
                    (v, i) => (
                      <Table.Summary.Cell key={i} index={i + 1} align="right">
                        {v}
                      </Table.Summary.Cell>
                    ),
                  )}
                  <Table.Summary.Cell index={6} align="right">
                    {pct(data.totals.instantShare)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">
                    {pct(data.totals.approvalRate)}
                  </Table.Summary.Cell>
                  {[data.totals.requestedAmount, data.totals.approvedAmount, data.totals.disbursedAmount, data.totals.grantedAmount].map(
                    (v, i) => (
                      <Table.Summary.Cell key={i} index={i + 8} align="right">
                        {money(v)}
                      </Table.Summary.Cell>
                    ),
                  )}
                </Table.Summary.Row>
              )}
            />
          </Card>
          <Typography.Text type="secondary">{t('pf.scope', { from: data.from, to: data.to })}</Typography.Text>
        </div>
      )}
    </div>
  );
}
