import { Alert, Button, List, Spin, Tag, Typography, type TableColumnsType } from 'antd';
import { ListTable } from '../../components/ListTable';
import { useListParams } from '../../hooks/usePagedList';
import { useEffect, useState } from 'react';
import { api, isAbort, type ApiError } from '../../api';
import type { AppealDetail } from '../../appeals';
import { AppealStateTag } from '../../components/AppealTags';
import { AppealLink } from '../../components/AppealLink';
import { asApiError } from '../../errors';
import type { ProblemCandidate } from '../../figures';
import { useI18n } from '../../i18n';

/** The cluster's appeals, fetched when its row is opened (the candidates name them by id only). */
function CandidateAppeals({ ids }: { ids: number[] }) {
  const [state, setState] = useState<{ appeals?: AppealDetail[]; error?: ApiError }>({});
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(ids.map((id) => api.get<{ appeal: AppealDetail }>(`/api/appeals/${id}`, undefined, controller.signal))).then(
      (answers) => setState({ appeals: answers.map((a) => a.appeal) }),
      (err: unknown) => {
        if (!isAbort(err)) setState({ error: asApiError(err) });
      },
    );
    return () => controller.abort();
  }, [ids]);

  if (state.error) return <Alert type="error" showIcon title={state.error.message} />;
  if (!state.appeals) return <Spin size="small" />;
  return (
    <List
      size="small"
      dataSource={state.appeals}
      renderItem={(a) => (
        <List.Item data-testid="candidate-appeal">
          <span className="candidate-appeal">
            <AppealLink appeal={a} />
            <Typography.Text type="secondary">{a.enterprise.name}</Typography.Text>
            <AppealStateTag state={a.state} />
          </span>
        </List.Item>
      )}
    />
  );
}

/** Clusters of similar appeals from several enterprises; the office sets one up as a common problem. */
export function CandidatesTable({
  items,
  loading,
  onCreate,
}: {
  items: ProblemCandidate[] | undefined;
  loading: boolean;
  onCreate?: (c: ProblemCandidate) => void;
}) {
  const paging = useListParams({}, { prefix: 'candidates.' });
  const { t } = useI18n();
  const columns: TableColumnsType<ProblemCandidate> = [
    { title: t('problems.title'), dataIndex: 'title', width: 240 },
    {
      title: t('problems.terms'),
      dataIndex: 'terms',
      render: (terms: string[]) => terms.map((term) => <Tag key={term}>{term}</Tag>),
    },
    {
      title: t('problems.enterprises'),
      dataIndex: 'enterprises',
      width: 100,
      align: 'right',
      render: (n: number) => t('problems.countEnterprises', { count: n }),
    },
    {
      title: t('problems.appeals'),
      key: 'appeals',
      width: 100,
      align: 'right',
      render: (_, c) => t('problems.countAppeals', { count: c.appealIds.length }),
    },
  ];
  if (onCreate) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => onCreate(c)} data-testid="candidate-create">
          {t('problems.create')}
        </Button>
      ),
    });
  }
  return (
    <>
      <Typography.Paragraph type="secondary">{t('problems.candidatesHint')}</Typography.Paragraph>
      <ListTable<ProblemCandidate>
        rowKey={(c) => c.appealIds.join('-')}
        size="middle"
        loading={loading}
        dataSource={items}
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('problems.noCandidates') }}
        expandable={{ expandedRowRender: (c) => <CandidateAppeals ids={c.appealIds} />, rowExpandable: (c) => c.appealIds.length > 0 }}
        paging={paging}
        data-testid="candidates-table"
      />
    </>
  );
}
