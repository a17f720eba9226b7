import { Alert, App, Button, Form, Input, Popconfirm, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { SUPERVISION_STATUSES, type SupervisionOrder, type SupervisionStatus } from '../../appeals';
import { useMe } from '../../auth/AuthContext';
import { AppealLink } from '../../components/AppealLink';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { ListTable } from '../../components/ListTable';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { maxChars, required } from '../../rules';
import type { Items } from '../../types';

const SPEC = { status: SUPERVISION_STATUSES } as const;

const STATUS_COLORS: Record<SupervisionStatus, string> = { open: 'red', answered: 'processing', closed: 'default' };

/** The order's deadline, red once it has passed without an answer. */
function Deadline({ order }: { order: SupervisionOrder }) {
  const { t, lang } = useI18n();
  const late = order.status === 'open' && new Date(order.deadlineAt).getTime() < Date.now();
  return (
    <Typography.Text type={late ? 'danger' : undefined} strong={late}>
      {formatDateTime(order.deadlineAt, lang)}
      {late && ` · ${t('supervision.late')}`}
    </Typography.Text>
  );
}

/**
 * 督办单: supervision orders the office issued. The department it names answers them here;
 * the office closes (销号) them once the answer holds.
 */
export default function SupervisionPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useListParams(SPEC, { defaults: { status: 'open' } });
  const status = list.filters.status ?? 'open';
  const { data, error, loading, reload } = useRequest<Items<SupervisionOrder>>('/api/supervision-orders', { status });
  const [responding, setResponding] = useState<SupervisionOrder>();
  const canRespond = me.role === 'handler';
  const canClose = me.role === 'coordinator';

  const close = async (order: SupervisionOrder) => {
    try {
      await api.post(`/api/supervision-orders/${order.id}/close`);
      void message.success(t('supervision.closed'));
    } catch (err) {
      showError(err);
    }
    reload();
  };

  const respond = async ({ response }: { response: string }) => {
    if (responding) await api.post(`/api/supervision-orders/${responding.id}/respond`, { response });
    reload();
  };

  const columns: TableColumnsType<SupervisionOrder> = [
    {
      title: t('supervision.number'),
      dataIndex: 'number',
      width: 130,
      fixed: 'left',
      render: (n: string) => <span className="mono">{n}</span>,
    },
    { title: t('extensions.appeal'), key: 'appeal', width: 260, render: (_, o) => <AppealLink appeal={o.appeal} /> },
    { title: t('appeal.department'), key: 'department', width: 160, render: (_, o) => o.department.name },
    { title: t('supervision.content'), dataIndex: 'content', render: (c: string) => <span className="pre-wrap">{c}</span> },
    { title: t('supervision.deadline'), key: 'deadline', width: 190, render: (_, o) => <Deadline order={o} /> },
    { title: t('supervision.issuedAt'), dataIndex: 'issuedAt', width: 150, render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: SupervisionStatus, o) => (
        <>
          <Tag color={STATUS_COLORS[s]}>{t(`supervision.status.${s}`)}</Tag>
          {o.closedReason === 'appeal_closed' && (
            <Typography.Text type="secondary" data-testid="supervision-settled">
              {t('supervision.settledWithAppeal')}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('supervision.response'),
      key: 'response',
      width: 240,
      render: (_, o) =>
        o.response ? (
          <>
            <div className="pre-wrap">{o.response}</div>
            <Typography.Text type="secondary">{formatDateTime(o.respondedAt, lang)}</Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, o) => (
        <>
          {canRespond && o.status === 'open' && (
            <Button type="link" size="small" onClick={() => setResponding(o)} data-testid="supervision-respond">
              {t('supervision.respond')}
            </Button>
          )}
          {canClose && o.status !== 'closed' && (
            <Popconfirm
              title={t('supervision.closeConfirm', { number: o.number })}
              okText={t('supervision.close')}
              cancelText={t('common.cancel')}
              onConfirm={() => close(o)}
            >
              <Button type="link" size="small" data-testid="supervision-close">
                {t('supervision.close')}
              </Button>
            </Popconfirm>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('menu.appeals-supervision')} />
      <Segmented<SupervisionStatus>
        className="filter-bar"
        value={status}
        onChange={(v) => list.setFilters({ status: v })}
        options={SUPERVISION_STATUSES.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))}
        data-testid="status-filter"
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<SupervisionOrder>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1500 }}
        paging={list}
      />
      <FormModal<{ response: string }>
        open={responding !== undefined}
        title={t('supervision.respondTitle', { number: responding?.number ?? '' })}
        onClose={() => setResponding(undefined)}
        onSubmit={respond}
      >
        <Alert type="warning" showIcon className="filter-bar" title={responding?.content} />
        <Form.Item
          name="response"
          label={t('supervision.response')}
          rules={[required(t, t('supervision.response')), maxChars(t, t('supervision.response'), 2000)]}
        >
          <Input.TextArea rows={5} count={{ show: true, max: 2000 }} data-testid="field-response" />
        </Form.Item>
      </FormModal>
    </>
  );
}
