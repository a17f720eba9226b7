import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { MEETING_STATUSES, type MeetingItem, type MeetingStatus } from '../../appeals';
import { useMe } from '../../auth/AuthContext';
import { AppealLink } from '../../components/AppealLink';
import { PageHeader } from '../../components/PageHeader';
import { useShowError } from '../../errors';
import { formatDateTime, orDash } from '../../format';
import { ListTable } from '../../components/ListTable';
import { useListParams } from '../../hooks/usePagedList';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Items } from '../../types';
import { AddItemModal, DecideModal } from './MeetingModals';

const SPEC = { status: MEETING_STATUSES } as const;

const STATUS_COLORS: Record<MeetingStatus, string> = { pending: 'orange', decided: 'processing', done: 'success' };
/** The office prepares the agenda and follows the decisions up; decisions are recorded by the office or a leader. */
const DECIDERS = ['coordinator', 'leader'];

/** 联席会议: what departments could not solve alone — the agenda, the decisions, and their follow-up. */
export default function MeetingsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useListParams(SPEC, { defaults: { status: 'pending' } });
  const status = list.filters.status ?? 'pending';
  const { data, error, loading, reload } = useRequest<Items<MeetingItem>>('/api/meeting-items', { status });
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<MeetingItem>();
  const office = me.role === 'coordinator';

  const done = async (item: MeetingItem) => {
    try {
      await api.post(`/api/meeting-items/${item.id}/done`);
      void message.success(t('meetings.marked'));
    } catch (err) {
      showError(err);
    }
    reload();
  };

  const columns: TableColumnsType<MeetingItem> = [
    {
      title: t('meetings.title'),
      key: 'title',
      width: 300,
      fixed: 'left',
      render: (_, m) => (
        <>
          <div className="meeting-title">{m.title}</div>
          {m.appeal && <AppealLink appeal={m.appeal} />}
        </>
      ),
    },
    { title: t('meetings.summary'), dataIndex: 'summary', render: (s: string) => <span className="pre-wrap">{s}</span> },
    {
      title: t('meetings.source'),
      dataIndex: 'source',
      width: 120,
      render: (s: MeetingItem['source']) => <Tag color={s === 'long_red' ? 'red' : 'blue'}>{t(`meetings.source.${s}`)}</Tag>,
    },
    { title: t('meetings.addedAt'), dataIndex: 'addedAt', width: 150, render: (at: string) => formatDateTime(at, lang) },
    { title: t('meetings.meetingDate'), dataIndex: 'meetingDate', width: 110, render: (d: string | null) => orDash(d) },
    {
      title: t('meetings.decision'),
      key: 'decision',
      width: 260,
      render: (_, m) =>
        m.decision ? (
          <>
            <div className="pre-wrap">{m.decision}</div>
            <Typography.Text type="secondary">
              {t('meetings.followUp', { department: orDash(m.followUpDepartment?.name), due: orDash(m.followUpDue) })}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: MeetingStatus) => <Tag color={STATUS_COLORS[s]}>{t(`meetings.status.${s}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, m) => (
        <>
          {DECIDERS.includes(me.role) && m.status === 'pending' && (
            <Button type="link" size="small" onClick={() => setDeciding(m)} data-testid="meeting-decide">
              {t('meetings.decide')}
            </Button>
          )}
          {office && m.status === 'decided' && (
            <Popconfirm
              title={t('meetings.doneConfirm')}
              okText={t('meetings.done')}
              cancelText={t('common.cancel')}
              onConfirm={() => done(m)}
            >
              <Button type="link" size="small" data-testid="meeting-done">
                {t('meetings.done')}
              </Button>
            </Popconfirm>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('menu.appeals-meetings')}
        extra={
          office && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="meeting-add">
              {t('meetings.add')}
            </Button>
          )
        }
      />
      <Segmented<MeetingStatus>
        className="filter-bar"
        value={status}
        onChange={(v) => list.setFilters({ status: v })}
        options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
        data-testid="status-filter"
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      <ListTable<MeetingItem>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        columns={columns}
        scroll={{ x: 1400 }}
        paging={list}
      />
      <AddItemModal open={adding} onClose={() => setAdding(false)} onSaved={reload} />
      <DecideModal item={deciding} onClose={() => setDeciding(undefined)} onSaved={reload} />
    </>
  );
}
