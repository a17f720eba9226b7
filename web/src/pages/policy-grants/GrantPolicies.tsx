import { App, Button, Form, InputNumber, Modal, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useShowError } from '../../errors';
import { orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { BatchResult, GrantPolicy } from './types';

/** The auto-grant policies with their eligible / received / not-yet-received counts; drafting a batch starts here. */
export function GrantPolicies({ onDrafted }: { onDrafted: (batchId: number) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, loading, reload } = useRequest<GrantPolicy[]>('/api/grants/policies');
  const [drafting, setDrafting] = useState<GrantPolicy>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ amount?: number }>();

  const draft = async (v: { amount?: number }) => {
    if (!drafting) return;
    setBusy(true);
    try {
      const r = await api.post<BatchResult>('/api/grant-batches', { policyId: drafting.id, amount: v.amount ?? undefined });
      void message.success(t('grant.drafted', { number: r.number, count: r.enterprises, total: r.totalAmount }));
      setDrafting(undefined);
      reload();
      onDrafted(r.id);
    } catch (err) {
      showError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<GrantPolicy> = [
    { title: t('grant.policy'), dataIndex: 'title' },
    { title: t('grant.maxAmount'), dataIndex: 'maxAmount', width: 130, align: 'right', render: orDash },
    { title: t('grant.eligible'), dataIndex: 'eligible', width: 90, align: 'right' },
    { title: t('grant.granted'), dataIndex: 'granted', width: 90, align: 'right' },
    { title: t('grant.unclaimed'), dataIndex: 'unclaimed', width: 100, align: 'right' },
    { title: t('grant.drafts'), dataIndex: 'drafts', width: 90, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_, p) => (
        <Button
          size="small"
          type="primary"
          disabled={p.unclaimed === 0 || p.drafts > 0}
          data-testid={`grant-draft-${p.id}`}
          onClick={() => {
            form.resetFields();
            setDrafting(p);
          }}
        >
          {t('grant.draft')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Table<GrantPolicy>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data}
        columns={columns}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('grant.noPolicies') }}
        onRow={(p) => ({ id: `grant-policy-${p.id}`, 'data-testid': 'grant-policy-row' })}
      />
      <Modal
        open={drafting !== undefined}
        title={drafting && t('grant.draftTitle', { title: drafting.title })}
        onCancel={() => setDrafting(undefined)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={{ id: 'grant-draft-ok' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void draft(v)}>
          <Form.Item
            name="amount"
            label={t('grant.amount')}
            extra={drafting?.maxAmount !== null && drafting ? t('grant.amountHint', { amount: drafting.maxAmount ?? '' }) : undefined}
            rules={drafting?.maxAmount === null ? [{ required: true, message: t('common.required', { label: t('grant.amount') }) }] : []}
          >
            <InputNumber min={0} style={{ width: 200 }} data-testid="grant-amount" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
