import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { DownloadButton } from '../../components/DownloadButton';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { PeriodPicker, lastWeek, type Period } from '../../components/PeriodPicker';
import type { ReportSummary } from '../../figures';
import { formatDateTime } from '../../format';
import { usePagedList } from '../../hooks/usePagedList';
import { ListTable, RowLink } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import { required } from '../../rules';
import type { Paged } from '../../types';
import { ReportKindTag } from './ReportKindTag';

/** 生成报告: an overdue report for any period, opened as soon as it exists. */
function GenerateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const generate = async ({ period }: { period: Period }) => {
    const { id } = await api.post<{ id: number }>('/api/overdue-reports', period);
    void navigate(`/overdue-reports/${id}`);
  };
  return (
    <FormModal<{ period: Period }>
      open={open}
      title={t('overdue.generateTitle')}
      initialValues={{ period: lastWeek() }}
      onClose={onClose}
      onSubmit={generate}
    >
      <Typography.Paragraph type="secondary">{t('overdue.generateHint')}</Typography.Paragraph>
      <Form.Item name="period" label={t('analysis.period')} rules={[required(t, t('analysis.period'), 'select')]}>
        <PeriodPicker data-testid="field-period" />
      </Form.Item>
    </FormModal>
  );
}

const NO_FILTERS = {} as const;

/** 晾晒: the weekly overdue reports to the leaders (and any made on demand), newest first. */
export default function OverdueReportsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const list = usePagedList<Paged<ReportSummary>, typeof NO_FILTERS>('/api/overdue-reports', NO_FILTERS);
  const { data, error, loading } = list;
  const [generating, setGenerating] = useState(false);

  const columns: TableColumnsType<ReportSummary> = [
    {
      title: t('analysis.period'),
      key: 'period',
      render: (_, r) => (
        <Space size={8}>
          <ReportKindTag kind={r.kind} />
          <RowLink to={`/overdue-reports/${r.id}`}>{t('analysis.periodValue', { from: r.periodStart, to: r.periodEnd })}</RowLink>
        </Space>
      ),
    },
    {
      title: t('overdue.overdueNow'),
      dataIndex: 'overdueNow',
      width: 110,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('overdue.laggingDepartments'), dataIndex: 'laggingDepartments', width: 110, align: 'right' },
    { title: t('overdue.generatedAt'), dataIndex: 'generatedAt', width: 160, render: (at: string) => formatDateTime(at, lang) },
    { title: t('overdue.generatedBy'), dataIndex: 'generatedBy', width: 110, render: (by: string | null) => by ?? t('overdue.system') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, r) => (
        <span onClick={(e) => e.stopPropagation()}>
          <DownloadButton type="link" size="small" path={`/api/overdue-reports/${r.id}.xlsx`} data-testid="report-download">
            {t('overdue.download')}
          </DownloadButton>
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.appeals-overdue')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="report-generate">
            {t('overdue.generate')}
          </Button>
        }
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<ReportSummary>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('overdue.empty') }}
        onRow={(r) => ({
          onClick: () => void navigate(`/overdue-reports/${r.id}`),
          className: 'clickable-row',
          'data-testid': 'report-row',
        })}
        paging={list}
        total={list.total}
      />
      <GenerateModal open={generating} onClose={() => setGenerating(false)} />
    </>
  );
}
