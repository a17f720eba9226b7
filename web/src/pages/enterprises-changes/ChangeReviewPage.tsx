import { App, Button, Input, Modal, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useMe } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { formatDateTime, orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useListParams } from '../../hooks/usePagedList';
import { ListTable } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import type { Paged } from '../../types';
import { STATUS_COLOR, type ChangeRequest, type ChangeStatus } from './changes';

const REVIEWERS = ['specialist', 'coordinator', 'admin'];
const SPEC = { status: ['pending', 'approved', 'rejected', 'all'] } as const;

/** 企业信息变更核实: address and legal-representative changes the enterprises asked for. */
export default function ChangeReviewPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const me = useMe();
  const [rejecting, setRejecting] = useState<ChangeRequest>();
  const [note, setNote] = useState('');
  const list = useListParams(SPEC, { defaults: { status: 'pending' } });
  const status = list.filters.status ?? 'pending';
  // The server reads a missing status as every status: 'all' lives in the page's address only.
  const { data, loading, reload } = useRequest<Paged<ChangeRequest>>('/api/enterprise-change-requests', {
    status: status === 'all' ? undefined : status,
    page: list.page,
    pageSize: list.pageSize,
  });

  const decide = async (r: ChangeRequest, action: 'approve' | 'reject', reason?: string) => {
    try {
      await api.post(`/api/enterprise-change-requests/${r.id}/${action}`, reason ? { note: reason } : {});
      void message.success(t('efile.change.done'));
      setRejecting(undefined);
      setNote('');
      reload();
    } catch (err) {
      showError(err);
    }
  };

  return (
    <>
      <PageHeader title={t('efile.review.title')} />
      <Segmented<ChangeStatus | 'all'>
        className="filter-bar"
        value={status}
        onChange={(v) => list.setFilters({ status: v })}
        options={[
          { value: 'pending', label: t('efile.change.status.pending') },
          { value: 'approved', label: t('efile.change.status.approved') },
          { value: 'rejected', label: t('efile.change.status.rejected') },
          { value: 'all', label: t('common.all') },
        ]}
      />
      <ListTable<ChangeRequest>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items}
        onRow={() => ({ 'data-testid': 'change-row' }) as React.HTMLAttributes<HTMLElement>}
        paging={list}
        total={data?.total ?? 0}
        columns={[
          {
            title: t('efile.change.enterprise'),
            key: 'enterprise',
            render: (_, r) => <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link>,
          },
          { title: t('efile.change.field'), dataIndex: 'field', render: (f: ChangeRequest['field']) => t(`efile.change.field.${f}`) },
          { title: t('efile.change.old'), dataIndex: 'oldValue', render: orDash },
          { title: t('efile.change.new'), dataIndex: 'newValue' },
          { title: t('efile.change.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => formatDateTime(v, lang) },
          {
            title: t('efile.change.status'),
            dataIndex: 'status',
            render: (s: ChangeStatus) => <Tag color={STATUS_COLOR[s]}>{t(`efile.change.status.${s}`)}</Tag>,
          },
          {
            title: t('efile.change.reviewer'),
            key: 'reviewer',
            render: (_, r) => (r.reviewerName ? `${r.reviewerName}${r.reviewNote ? `：${r.reviewNote}` : ''}` : '—'),
          },
          {
            title: '',
            key: 'actions',
            render: (_, r) =>
              r.status === 'pending' && REVIEWERS.includes(me.role) ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => void decide(r, 'approve')} data-testid="change-approve">
                    {t('efile.change.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(r)} data-testid="change-reject">
                    {t('efile.change.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={rejecting !== undefined}
        title={t('efile.change.reject')}
        onCancel={() => setRejecting(undefined)}
        okButtonProps={{ disabled: note.trim() === '' || note.length > 500, danger: true }}
        onOk={() => rejecting && void decide(rejecting, 'reject', note.trim())}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          count={{ show: true, max: 500 }}
          placeholder={t('efile.change.rejectReason')}
          aria-label={t('efile.change.rejectReason')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
