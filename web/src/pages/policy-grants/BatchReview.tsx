import { Alert, App, Button, DatePicker, Descriptions, Input, Space, Switch, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api';
import { EligibilityExplanation } from '../../components/EligibilityExplanation';
import { useShowError } from '../../errors';
import { ListTable } from '../../components/ListTable';
import { formatDateTime, orDash, todayInShanghai } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { usePagedList } from '../../hooks/usePagedList';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import type { BatchDetail, BatchResult, BatchStatus, GrantItem } from './types';
import './grants.css';

export const STATUS_COLOR: Record<BatchStatus, string> = { draft: 'orange', confirmed: 'green', cancelled: 'default' };
const SPEC = { q: 'text' } as const;

/** A batch under review: each enterprise with why it is eligible; exclude some, then confirm (or cancel) the draft. */
export function BatchReview({ batchId, onChanged }: { batchId: number; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [paidOn, setPaidOn] = useState<Dayjs>(() => dayjs(todayInShanghai()));
  const [busy, setBusy] = useState(false);
  const batch = useRequest<BatchDetail>(`/api/grant-batches/${batchId}`);
  const items = usePagedList<Paged<GrantItem>, typeof SPEC>(`/api/grant-batches/${batchId}/items`, SPEC, { prefix: `items${batchId}.` });
  const b = batch.data;
  const draft = b?.status === 'draft';

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
      batch.reload();
      items.reload();
      onChanged();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (i: GrantItem, include: boolean) =>
    act(() => api.patch(`/api/grant-batches/${batchId}/items/${i.enterpriseId}`, { excluded: !include }));
  const confirm = async () => {
    if (!b) return;
    if (
      !(await modal.confirm({
        title: t('grant.confirmAsk', { count: b.enterprises, total: b.totalAmount }),
        okButtonProps: { id: 'grant-confirm-ok' },
      }))
    )
      return;
    await act(async () => {
      const r = await api.post<BatchResult>(`/api/grant-batches/${batchId}/confirm`, { paidOn: paidOn.format('YYYY-MM-DD') });
      void message.success(t('grant.confirmed', { number: r.number, count: r.enterprises, total: r.totalAmount }));
    });
  };
  const cancel = async () => {
    if (!(await modal.confirm({ title: t('grant.cancelAsk') }))) return;
    await act(() => api.post(`/api/grant-batches/${batchId}/cancel`));
  };

  const columns: TableColumnsType<GrantItem> = [
    { title: t('push.enterprise'), dataIndex: 'enterpriseName', width: 220 },
    { title: t('push.uscc'), dataIndex: 'uscc', width: 180, className: 'mono' },
    { title: t('push.street'), dataIndex: 'street', width: 100, render: orDash },
    { title: t('grant.amount'), dataIndex: 'amount', width: 120, align: 'right' },
    {
      title: t('grant.include'),
      key: 'include',
      width: 80,
      render: (_, i) => (
        <Switch
          size="small"
          checked={!i.excluded}
          disabled={!draft || busy}
          onChange={(v) => void toggle(i, v)}
          data-testid={`grant-include-${i.enterpriseId}`}
        />
      ),
    },
  ];

  if (batch.error) return <Alert type="error" showIcon title={batch.error.message} />;
  return (
    <>
      {b && (
        <Descriptions
          size="small"
          column={2}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'number', label: t('grant.number'), children: b.number },
            {
              key: 'status',
              label: t('common.status'),
              children: (
                <Tag color={STATUS_COLOR[b.status]} data-testid="batch-status">
                  {t(`grant.status.${b.status}`)}
                </Tag>
              ),
            },
            { key: 'policy', label: t('grant.policy'), children: b.policyTitle, span: 2 },
            { key: 'created', label: t('grant.createdAt'), children: `${formatDateTime(b.createdAt, lang)} ${b.createdBy ?? ''}` },
            {
              key: 'confirmed',
              label: t('grant.confirmedAt'),
              children: b.confirmedAt ? `${formatDateTime(b.confirmedAt, lang)} ${b.confirmedBy ?? ''}` : '—',
            },
          ]}
        />
      )}
      {b && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('grant.summary', { count: b.enterprises, total: b.totalAmount, excluded: b.excluded })}
          data-testid="batch-summary"
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          key={items.filters.q ?? ''}
          defaultValue={items.filters.q}
          allowClear
          placeholder={t('push.searchEnterprise')}
          aria-label={t('push.searchEnterprise')}
          onSearch={(v) => items.setFilters({ q: v.trim() || undefined })}
          style={{ width: 220 }}
        />
        {draft && (
          <>
            <span>{t('grant.paidOn')}</span>
            <DatePicker
              value={paidOn}
              allowClear={false}
              aria-label={t('grant.paidOn')}
              onChange={(d: Dayjs | null) => setPaidOn(d ?? dayjs(todayInShanghai()))}
            />
            <Button type="primary" loading={busy} onClick={() => void confirm()} data-testid="grant-confirm">
              {t('grant.confirm')}
            </Button>
            <Button danger disabled={busy} onClick={() => void cancel()}>
              {t('grant.cancel')}
            </Button>
          </>
        )}
      </Space>
      <ListTable<GrantItem>
        rowKey="enterpriseId"
        size="small"
        loading={items.loading}
        dataSource={items.data?.items}
        columns={columns}
        scroll={{ x: 700 }}
        expandable={{
          columnTitle: t('grant.explanation'),
          columnWidth: 90,
          expandedRowRender: (i) => <EligibilityExplanation conditions={i.explanation.conditions} />,
        }}
        onRow={(i) => ({ className: i.excluded ? 'grant-item-excluded' : undefined, 'data-testid': 'grant-item' })}
        paging={items}
        total={items.total}
        sizeChanger={false}
      />
    </>
  );
}
