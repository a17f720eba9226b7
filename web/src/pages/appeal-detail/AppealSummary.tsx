import { Button, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { APPEAL_TYPE_COLORS, CLOCK_STATES, type AppealDetail } from '../../appeals';
import { AppealStateTag, WarningTag } from '../../components/AppealTags';
import { DeadlineCountdown } from '../../components/DeadlineCountdown';
import { EnterpriseDrawer } from '../../components/EnterpriseDrawer';
import { formatDateTime, orDash } from '../../format';
import { useI18n } from '../../i18n';
import type { Category } from '../../types';
import { findItem } from './actionFields';
import { ProvisionalTag } from './ProvisionalTag';

/** Lead and assisting departments, each assisting one with its opinion (or that it has not given one). */
function Departments({ appeal }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  if (appeal.departments.length === 0) return <>{orDash(appeal.department?.name)}</>;
  return (
    <div className="appeal-departments" data-testid="appeal-departments">
      {appeal.departments.map((d) => (
        <div key={`${d.role}-${d.id}`}>
          <Tag color={d.role === 'lead' ? 'blue' : 'default'}>{t(d.role === 'lead' ? 'appeal.lead' : 'appeal.assist')}</Tag>
          {d.name}
          {d.role === 'assist' && (
            <Typography.Text type="secondary" className="appeal-opinion">
              {d.opinion ? `${t('appeal.opinion')}：${d.opinion}` : t('appeal.noOpinion')}
            </Typography.Text>
          )}
        </div>
      ))}
    </div>
  );
}

/** The appeal's header: number, state, warning, grade, deadline, enterprise, item, departments, contact. */
export function AppealSummary({ appeal: a, categories }: { appeal: AppealDetail; categories: Category[] | undefined }) {
  const { t, lang } = useI18n();
  const [enterpriseOpen, setEnterpriseOpen] = useState(false);
  const responsible = findItem(categories ?? [], a.serviceItem?.id)?.departmentName;
  const items: DescriptionsProps['items'] = [
    {
      key: 'number',
      label: t('appeal.number'),
      children: (
        <span className="mono" data-testid="appeal-number">
          {a.number}
        </span>
      ),
    },
    {
      key: 'state',
      label: t('appeal.state'),
      children: (
        <Space size={4} wrap>
          <AppealStateTag state={a.state} />
          {a.deadlineAt && <WarningTag level={a.warningLevel} />}
          {a.escalated && <Tag color="volcano">{t('appeal.escalated')}</Tag>}
          {a.reopenCount > 0 && <Tag color="orange">{t('appeal.reopened', { count: a.reopenCount })}</Tag>}
          {a.onSpot && <Tag color="green">{t('appeal.onSpot')}</Tag>}
        </Space>
      ),
    },
    { key: 'grade', label: t('appeal.grade'), children: a.grade ? t(`grade.${a.grade}`) : t(`appeal.urgency.${a.requestedUrgency}`) },
    {
      key: 'deadline',
      label: t('appeal.deadline'),
      children: (
        <Space size={4} wrap>
          <DeadlineCountdown deadlineAt={a.deadlineAt} level={a.warningLevel} running={CLOCK_STATES.includes(a.state)} paused={a.paused} />
          <ProvisionalTag show={a.deadlineProvisional && a.deadlineAt !== null} />
        </Space>
      ),
    },
    {
      key: 'enterprise',
      label: t('appeal.enterprise'),
      children: (
        <Button type="link" size="small" className="link-button" onClick={() => setEnterpriseOpen(true)} data-testid="appeal-enterprise">
          {a.enterprise.name}
        </Button>
      ),
    },
    { key: 'channel', label: t('appeal.channel'), children: t(`appeal.channel.${a.channel}`) },
    {
      key: 'type',
      label: t('appeal.type'),
      children: (
        <Tag color={APPEAL_TYPE_COLORS[a.appealType]} data-testid="appeal-type">
          {t(`appeal.type.${a.appealType}`)}
        </Tag>
      ),
    },
    {
      key: 'item',
      label: t('appeal.serviceItem'),
      children: a.serviceItem
        ? `${a.serviceItem.name}${responsible ? `（${t('appeal.responsible', { name: responsible })}）` : ''}`
        : t('appeal.unclassified'),
    },
    { key: 'departments', label: t('appeal.departments'), children: <Departments appeal={a} /> },
    { key: 'submitted', label: t('appeal.submittedAt'), children: formatDateTime(a.submittedAt, lang) },
    { key: 'accepted', label: t('appeal.acceptedAt'), children: formatDateTime(a.acceptedAt, lang) },
    {
      key: 'contact',
      label: t('appeal.contact'),
      children: [a.contactName, a.contactPhone, a.contactEmail].filter(Boolean).join(' ') || '—',
    },
  ];
  // What an Open311 requester said about the place and a picture link: shown only when given.
  if (a.location)
    items.push({
      key: 'location',
      label: t('appeal.location'),
      children: (
        <span data-testid="appeal-location">
          {[a.location.address, a.location.lat !== null ? `${a.location.lat}, ${a.location.long}` : null].filter(Boolean).join(' ')}
        </span>
      ),
    });
  if (a.mediaUrl)
    items.push({
      key: 'media',
      label: t('appeal.mediaUrl'),
      children: (
        <Typography.Link href={a.mediaUrl} target="_blank" rel="noopener noreferrer" data-testid="appeal-media">
          {a.mediaUrl}
        </Typography.Link>
      ),
    });
  if (a.mergedInto)
    items.push({
      key: 'merged',
      label: t('appeal.mergedInto'),
      children: <Link to={`/appeals/${a.mergedInto.id}`}>{a.mergedInto.number}</Link>,
    });
  return (
    <>
      <Descriptions bordered size="small" className="appeal-summary" column={{ xs: 1, sm: 1, md: 2 }} items={items} />
      <EnterpriseDrawer id={enterpriseOpen ? a.enterprise.id : undefined} onClose={() => setEnterpriseOpen(false)} />
    </>
  );
}
