import { Button, Tag, Typography, type TableColumnsType } from 'antd';
import { ListTable } from '../../components/ListTable';
import { useListParams } from '../../hooks/usePagedList';
import type { CommonProblem, ProblemStatus } from '../../figures';
import { formatDate, orDash, todayInShanghai } from '../../format';
import { useI18n } from '../../i18n';

const STATUS_COLORS: Record<ProblemStatus, string> = { open: 'processing', resolved: 'success' };

/** The common problems as the server ranks them (most enterprises, then most appeals, first). */
export function ProblemsTable({
  items,
  loading,
  onEdit,
}: {
  items: CommonProblem[] | undefined;
  loading: boolean;
  onEdit?: (p: CommonProblem) => void;
}) {
  const paging = useListParams({}, { prefix: 'problems.' });
  const { t, lang } = useI18n();
  // Shanghai's day, as the deadlines are: a browser in UTC is still on yesterday until 08:00.
  const today = todayInShanghai();
  const columns: TableColumnsType<CommonProblem> = [
    { title: t('problems.rank'), key: 'rank', width: 64, align: 'center', fixed: 'left', render: (_, p) => (items?.indexOf(p) ?? 0) + 1 },
    {
      title: t('problems.title'),
      key: 'title',
      width: 280,
      fixed: 'left',
      render: (_, p) => (
        <>
          <div className="problem-title">{p.title}</div>
          {p.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: p.description }} className="problem-description">
              {p.description}
            </Typography.Paragraph>
          )}
        </>
      ),
    },
    { title: t('problems.owner'), key: 'owner', width: 160, render: (_, p) => orDash(p.owner?.name) },
    {
      title: t('problems.enterprises'),
      dataIndex: 'enterprises',
      width: 96,
      align: 'right',
      render: (n: number) => t('problems.countEnterprises', { count: n }),
    },
    {
      title: t('problems.appeals'),
      dataIndex: 'appeals',
      width: 96,
      align: 'right',
      render: (n: number) => t('problems.countAppeals', { count: n }),
    },
    {
      title: t('problems.deadline'),
      dataIndex: 'deadline',
      width: 130,
      render: (deadline: string | null, p) => (
        <>
          {orDash(deadline)}
          {deadline && p.status === 'open' && deadline < today && (
            <Tag color="red" className="problem-late">
              {t('problems.late')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('problems.progress'),
      dataIndex: 'progress',
      render: (progress: string) =>
        progress ? (
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} className="problem-progress">
            {progress}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    {
      title: t('problems.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: ProblemStatus) => <Tag color={STATUS_COLORS[s]}>{t(`problems.status.${s}`)}</Tag>,
    },
    { title: t('problems.createdAt'), dataIndex: 'createdAt', width: 110, render: (at: string) => formatDate(at, lang) },
  ];
  if (onEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, p) => (
        <Button type="link" size="small" onClick={() => onEdit(p)} data-testid="problem-update">
          {t('problems.update')}
        </Button>
      ),
    });
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{t('problems.rankHint')}</Typography.Paragraph>
      <ListTable<CommonProblem>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        columns={columns}
        scroll={{ x: 1300 }}
        locale={{ emptyText: t('problems.empty') }}
        paging={paging}
        data-testid="problems-table"
      />
    </>
  );
}
