import { Table, type TableColumnsType } from 'antd';
import { days, percent, type Figures, type FiguresRow, type FiguresTotals, type Rate } from '../../figures';
import { useI18n, type MessageKey } from '../../i18n';
import { rowName } from './names';

type Field = Exclude<keyof FiguresTotals, 'onTime' | 'replied' | 'rated' | 'satisfied' | 'reopened'>;

/** The columns after the name: counts, then rates; every one sorts (a missing rate sorts last). */
const COLUMNS: { field: Field; title: MessageKey; kind: 'count' | 'rate' | 'days'; width: number }[] = [
  { field: 'received', title: 'figures.received', kind: 'count', width: 80 },
  { field: 'closed', title: 'figures.closed', kind: 'count', width: 80 },
  { field: 'open', title: 'figures.open', kind: 'count', width: 80 },
  { field: 'overdue', title: 'figures.overdue', kind: 'count', width: 96 },
  { field: 'closureRate', title: 'figures.closureRate', kind: 'rate', width: 96 },
  { field: 'onTimeRate', title: 'figures.onTimeRate', kind: 'rate', width: 110 },
  { field: 'avgHandlingDays', title: 'figures.avgHandlingDays', kind: 'days', width: 120 },
  { field: 'satisfactionRate', title: 'figures.satisfactionRate', kind: 'rate', width: 96 },
  { field: 'selfSatisfactionRate', title: 'figures.selfSatisfactionRate', kind: 'rate', width: 104 },
  { field: 'followUpSatisfactionRate', title: 'figures.followUpSatisfactionRate', kind: 'rate', width: 104 },
  { field: 'closedUnrated', title: 'figures.closedUnrated', kind: 'count', width: 104 },
  { field: 'reopenRate', title: 'figures.reopenRate', kind: 'rate', width: 90 },
  { field: 'returnsUpheld', title: 'figures.returnsUpheld', kind: 'count', width: 96 },
];

const compareRates = (a: Rate, b: Rate) => (a ?? -1) - (b ?? -1);

function show(value: Rate, kind: 'count' | 'rate' | 'days'): string {
  if (kind === 'rate') return percent(value);
  if (kind === 'days') return days(value);
  return String(value ?? 0);
}

/** Every row of the figures with a totals line; the order is the server's (most appeals first, or by month) until sorted. */
export function FiguresTable({ figures, loading }: { figures: Figures; loading: boolean }) {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<FiguresRow> = [
    {
      title: t(`figures.by.${figures.by}`),
      key: 'name',
      fixed: 'left',
      width: 200,
      ellipsis: true,
      render: (_, row) => rowName(row, figures.by, t, lang),
    },
    ...COLUMNS.map(({ field, title, kind, width }) => ({
      title: t(title),
      dataIndex: field,
      width,
      align: 'right' as const,
      sorter: (a: FiguresRow, b: FiguresRow) => compareRates(a[field], b[field]),
      sortDirections: ['descend' as const, 'ascend' as const],
      render: (value: Rate) => (field === 'overdue' && value ? <span className="figure-overdue">{value}</span> : show(value, kind)),
    })),
  ];

  return (
    <Table<FiguresRow>
      rowKey={(row) => row.key ?? 'none'}
      size="small"
      loading={loading}
      dataSource={figures.rows}
      columns={columns}
      scroll={{ x: 1470 }}
      locale={{ emptyText: t('figures.empty') }}
      pagination={
        figures.rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) } : false
      }
      data-testid="figures-table"
      summary={() => (
        <Table.Summary>
          <Table.Summary.Row className="figures-total">
            <Table.Summary.Cell index={0}>{t('figures.totalRow')}</Table.Summary.Cell>
            {COLUMNS.map(({ field, kind }, i) => (
              <Table.Summary.Cell key={field} index={i + 1} align="right">
                {show(figures.totals[field], kind)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
