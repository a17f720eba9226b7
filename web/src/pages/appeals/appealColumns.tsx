import { RiseOutlined, SyncOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { APPEAL_TYPE_COLORS, CLOCK_STATES, type AppealListItem, type AppealState, type AppealType } from '../../appeals';
import { AppealStateTag, WarningTag } from '../../components/AppealTags';
import { DeadlineCountdown } from '../../components/DeadlineCountdown';
import { RowLink } from '../../components/ListTable';
import { formatDateTime, orDash } from '../../format';
import { useI18n } from '../../i18n';
import { ProvisionalTag } from '../appeal-detail/ProvisionalTag';

/** The acceptance light and countdown of an appeal still waiting to be accepted. */
function acceptanceClock(a: AppealListItem) {
  if (a.state !== 'submitted' || !a.acceptDeadlineAt) return null;
  return (
    <Space size={4} orientation="vertical" data-testid="accept-deadline">
      <WarningTag level={a.warningLevel} />
      <DeadlineCountdown deadlineAt={a.acceptDeadlineAt} level={a.warningLevel} running />
      <ProvisionalTag show={a.deadlineProvisional} />
    </Space>
  );
}

/** The queue's columns; before acceptance there is no department or handling deadline, only the acceptance deadline. */
export function useAppealColumns(accepted: boolean): TableColumnsType<AppealListItem> {
  const { t, lang } = useI18n();
  const columns: TableColumnsType<AppealListItem> = [
    {
      title: t('appeal.number'),
      key: 'number',
      width: 150,
      fixed: 'left',
      render: (_, a) => (
        <>
          <div className="mono">{a.number}</div>
          <div className="appeal-cell-sub">{t(`appeal.channel.${a.channel}`)}</div>
        </>
      ),
    },
    {
      title: t('appeal.title'),
      key: 'title',
      width: 260,
      render: (_, a) => (
        <>
          <div className="appeal-cell-line">
            {a.escalated && (
              <Tooltip title={t('appeal.escalated')}>
                <RiseOutlined className="appeal-flag appeal-flag-escalated" />
              </Tooltip>
            )}
            {a.reopenCount > 0 && (
              <Tooltip title={t('appeal.reopened', { count: a.reopenCount })}>
                <SyncOutlined className="appeal-flag appeal-flag-reopened" />
              </Tooltip>
            )}
            <RowLink to={`/appeals/${a.id}`} title={a.title}>
              {a.title}
            </RowLink>
          </div>
          <div className="appeal-cell-line appeal-cell-sub">{a.enterprise.name}</div>
        </>
      ),
    },
    {
      title: t('appeal.type'),
      dataIndex: 'appealType',
      width: 80,
      render: (type: AppealType) => (
        <Tag color={APPEAL_TYPE_COLORS[type]} data-testid="appeal-type-tag">
          {t(`appeal.type.${type}`)}
        </Tag>
      ),
    },
    { title: t('appeal.serviceItem'), key: 'item', width: 150, ellipsis: true, render: (_, a) => orDash(a.serviceItem?.name) },
    { title: t('appeal.department'), key: 'department', width: 140, ellipsis: true, render: (_, a) => orDash(a.department?.name) },
    { title: t('appeal.state'), dataIndex: 'state', width: 100, render: (state: AppealState) => <AppealStateTag state={state} /> },
    {
      title: t('appeal.deadline'),
      key: 'deadline',
      width: 200,
      render: (_, a) => {
        // The colour matters while the clock runs or waits; after the reply it is history.
        const live = CLOCK_STATES.includes(a.state) || a.state === 'awaiting_info';
        // In the warning lists an unaccepted appeal shows its acceptance clock (受理时限).
        if (!a.deadlineAt) return acceptanceClock(a) ?? '—';
        return (
          <Space size={4} orientation="vertical">
            {live && <WarningTag level={a.warningLevel} />}
            <DeadlineCountdown
              deadlineAt={a.deadlineAt}
              level={a.warningLevel}
              running={CLOCK_STATES.includes(a.state)}
              paused={a.state === 'awaiting_info'}
            />
            <ProvisionalTag show={a.deadlineProvisional} />
          </Space>
        );
      },
    },
    {
      // Before acceptance the light and the countdown are the acceptance clock's (受理时限).
      title: t('appeal.acceptDeadline'),
      key: 'acceptDeadline',
      width: 200,
      render: (_, a) => acceptanceClock(a) ?? '—',
    },
    { title: t('appeal.submittedAt'), dataIndex: 'submittedAt', width: 140, render: (at: string) => formatDateTime(at, lang) },
  ];
  return accepted
    ? columns.filter((c) => c.key !== 'acceptDeadline')
    : columns.filter((c) => c.key !== 'department' && c.key !== 'deadline');
}
