import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { WarningTag } from '../../components/AppealTags';
import { days, percent, type OverdueItem, type ReportDepartment } from '../../figures';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

const danger = (n: number, text: string = String(n)) => (n > 0 ? <Typography.Text type="danger">{text}</Typography.Text> : text);

/** The departments, worst first as the server ranked them; the lagging ones marked. */
export function DepartmentsTable({ rows }: { rows: ReportDepartment[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<ReportDepartment> = [
    { title: t('overdue.rank'), dataIndex: 'rank', width: 64, fixed: 'left', align: 'center' },
    {
      title: t('overdue.department'),
      key: 'name',
      width: 180,
      fixed: 'left',
      render: (_, d) => (
        <>
          {d.name}
          {d.lagging && (
            <Tag color="red" className="report-lagging">
              {t('overdue.lagging')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('overdue.overdueNow'), dataIndex: 'overdueNow', width: 96, align: 'right', render: (n: number) => danger(n) },
    {
      title: t('overdue.maxDaysOverdue'),
      dataIndex: 'maxDaysOverdue',
      width: 120,
      align: 'right',
      render: (n: number) => (n > 0 ? danger(n, t('overdue.days', { days: n })) : '—'),
    },
    { title: t('overdue.closedLate'), dataIndex: 'closedLate', width: 96, align: 'right', render: (n: number) => danger(n) },
    { title: t('overdue.handled'), dataIndex: 'handled', width: 96, align: 'right' },
    { title: t('overdue.closed'), dataIndex: 'closed', width: 72, align: 'right' },
    { title: t('overdue.onTimeRate'), dataIndex: 'onTimeRate', width: 100, align: 'right', render: (r: number | null) => percent(r) },
    {
      title: t('overdue.avgHandlingDays'),
      dataIndex: 'avgHandlingDays',
      width: 110,
      align: 'right',
      render: (r: number | null) => days(r),
    },
    { title: t('overdue.supervisionOpen'), dataIndex: 'supervisionOpen', width: 110, align: 'right', render: (n: number) => danger(n) },
    { title: t('overdue.returnsUpheld'), dataIndex: 'returnsUpheld', width: 90, align: 'right' },
  ];
  return (
    <Table<ReportDepartment>
      rowKey="departmentId"
      size="small"
      dataSource={rows}
      columns={columns}
      scroll={{ x: 1130 }}
      pagination={false}
      rowClassName={(d) => (d.lagging ? 'report-row-lagging' : '')}
      data-testid="report-departments"
    />
  );
}

/** What is overdue right now, longest first; each opens its appeal. */
export function OverdueItemsTable({ items }: { items: OverdueItem[] }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<OverdueItem> = [
    {
      title: t('appeal.number'),
      key: 'appeal',
      width: 300,
      fixed: 'left',
      render: (_, i) => (
        <Link to={`/appeals/${i.appealId}`} className="appeal-link" data-testid="appeal-link">
          <span className="mono">{i.number}</span> {i.title}
        </Link>
      ),
    },
    { title: t('appeal.enterprise'), dataIndex: 'enterprise', width: 240, ellipsis: true },
    { title: t('appeal.department'), dataIndex: 'department', width: 180, ellipsis: true },
    { title: t('appeal.deadline'), dataIndex: 'deadlineAt', width: 150, render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('overdue.daysOverdue'),
      dataIndex: 'daysOverdue',
      width: 120,
      align: 'right',
      render: (n: number) => danger(n, t('overdue.days', { days: n })),
    },
    {
      title: t('appeal.warning'),
      dataIndex: 'warningLevel',
      width: 80,
      render: (level: OverdueItem['warningLevel']) => <WarningTag level={level} />,
    },
  ];
  return (
    <Table<OverdueItem>
      rowKey="appealId"
      size="small"
      dataSource={items}
      columns={columns}
      scroll={{ x: 1070 }}
      locale={{ emptyText: t('overdue.noItems') }}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      data-testid="report-items"
    />
  );
}
