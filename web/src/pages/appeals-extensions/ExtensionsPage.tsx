import { Alert, Button, Form, Input, Modal, Segmented, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { ExtensionRequest, ExtensionStatus } from '../../appeals';
import { AppealLink } from '../../components/AppealLink';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { formatDateTime, orDash } from '../../format';
import { useAppealAction } from '../../hooks/useAppealAction';
import { ListTable } from '../../components/ListTable';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { maxChars } from '../../rules';
import { useI18n } from '../../i18n';
import type { Items } from '../../types';

const STATUSES: ExtensionStatus[] = ['pending', 'approved', 'denied'];
const SPEC = { status: STATUSES } as const;
const STATUS_COLORS: Record<ExtensionStatus, string> = { pending: 'processing', approved: 'success', denied: 'default' };

interface Deciding {
  request: ExtensionRequest;
  approve: boolean;
}

/** 批准 / 驳回 one request, with an optional note; it is the appeal's decide-extension step. */
function DecideModal({ deciding, onClose, onDone }: { deciding: Deciding; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const showError = useShowError();
  const run = useAppealAction(deciding.request.appeal.id, onDone);
  const [form] = Form.useForm<{ note?: string }>();
  const [saving, setSaving] = useState(false);
  const { request, approve } = deciding;

  const finish = async ({ note }: { note?: string }) => {
    setSaving(true);
    try {
      await run('decide_extension', { approve, note });
      onClose();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t(approve ? 'extensions.approveTitle' : 'extensions.denyTitle', { number: request.appeal.number })}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={!approve} loading={saving} onClick={() => form.submit()} data-testid="action-submit">
          {t(approve ? 'extensions.approve' : 'extensions.deny')}
        </Button>,
      ]}
    >
      <Alert
        type="info"
        showIcon
        className="filter-bar"
        title={t('appeal.form.pendingExtension', {
          department: request.department.name,
          days: request.workingDays,
          reason: request.reason,
        })}
      />
      <Form form={form} layout="vertical" onFinish={(values) => void finish(values)}>
        <Form.Item name="note" label={t('extensions.decisionNote')} rules={[maxChars(t, t('extensions.decisionNote'), 2000)]}>
          <Input.TextArea rows={3} count={{ show: true, max: 2000 }} data-testid="field-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 延期审批: the departments' extension requests, decided here without opening each appeal. */
export default function ExtensionsPage() {
  const { t, lang } = useI18n();
  const list = useListParams(SPEC, { defaults: { status: 'pending' } });
  const status = list.filters.status ?? 'pending';
  const { data, error, loading, reload } = useRequest<Items<ExtensionRequest>>('/api/appeals/extensions', { status });
  const [deciding, setDeciding] = useState<Deciding>();

  const columns: TableColumnsType<ExtensionRequest> = [
    { title: t('extensions.appeal'), key: 'appeal', width: 280, render: (_, r) => <AppealLink appeal={r.appeal} /> },
    { title: t('appeal.department'), key: 'department', width: 170, render: (_, r) => r.department.name },
    { title: t('extensions.workingDays'), dataIndex: 'workingDays', width: 110, render: (days: number) => t('extensions.days', { days }) },
    { title: t('extensions.reason'), dataIndex: 'reason', render: (reason: string) => <span className="pre-wrap">{reason}</span> },
    { title: t('extensions.requestedBy'), dataIndex: 'requestedBy', width: 100 },
    { title: t('extensions.requestedAt'), dataIndex: 'requestedAt', width: 150, render: (at: string) => formatDateTime(at, lang) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: ExtensionStatus) => <Tag color={STATUS_COLORS[s]}>{t(`extensions.status.${s}`)}</Tag>,
    },
    status === 'pending'
      ? {
          title: t('common.actions'),
          key: 'actions',
          width: 150,
          fixed: 'right',
          render: (_, r) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setDeciding({ request: r, approve: true })} data-testid="extension-approve">
                {t('extensions.approve')}
              </Button>
              <Button
                type="link"
                size="small"
                danger
                onClick={() => setDeciding({ request: r, approve: false })}
                data-testid="extension-deny"
              >
                {t('extensions.deny')}
              </Button>
            </Space>
          ),
        }
      : { title: t('extensions.decisionNote'), dataIndex: 'decisionNote', width: 200, render: (note: string | null) => orDash(note) },
  ];

  return (
    <>
      <PageHeader title={t('menu.appeals-extensions')} />
      <Segmented<ExtensionStatus>
        className="filter-bar"
        value={status}
        onChange={(v) => list.setFilters({ status: v })}
        options={STATUSES.map((s) => ({ value: s, label: t(`extensions.status.${s}`) }))}
        data-testid="status-filter"
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<ExtensionRequest>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1200 }}
        paging={list}
      />
      {deciding && <DecideModal deciding={deciding} onClose={() => setDeciding(undefined)} onDone={reload} />}
    </>
  );
}
