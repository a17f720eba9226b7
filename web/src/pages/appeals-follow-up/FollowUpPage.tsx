import { Alert, Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { APPEAL_TYPE_COLORS, APPEAL_TYPES, CHANNELS, STAFF_CHANNELS, type FollowUpItem, type FollowUpList } from '../../appeals';
import { FilterButtons } from '../../components/FilterButtons';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format';
import { usePolling } from '../../hooks/useInterval';
import { usePagedList, type FilterValues } from '../../hooks/usePagedList';
import { ListTable, useFilterForm } from '../../components/ListTable';
import { useI18n } from '../../i18n';
import { FollowUpModal } from './FollowUpModal';
import '../appeals/appeals.css';
import './follow-up.css';

const YES_NO = ['true', 'false'] as const;
const SPEC = { q: 'text', overdue: YES_NO, attempted: YES_NO, appealType: APPEAL_TYPES, channel: CHANNELS } as const;
type Filters = FilterValues<typeof SPEC>;

const POLL_MS = 60_000;

/**
 * 回访: replied appeals the enterprise has not rated, oldest reply first, the overdue ones in red;
 * each call is recorded here (GET /api/appeals/follow-ups, POST /api/appeals/:id/follow-up).
 */
export default function FollowUpPage() {
  const { t, lang } = useI18n();
  const [calling, setCalling] = useState<FollowUpItem>();
  const list = usePagedList<FollowUpList, typeof SPEC>('/api/appeals/follow-ups', SPEC);
  const { data, error, loading, reload } = list;
  const form = useFilterForm<Filters>(list.filters);
  usePolling(reload, POLL_MS);

  const search = (values: Filters) => list.setFilters({ ...values, q: values.q?.trim() || undefined });

  return (
    <div data-testid="follow-up-page">
      <PageHeader title={t('menu.appeals-follow-up')} />
      <Alert type="info" showIcon className="filter-bar" title={t('followUp.intro', { max: data?.maxAttempts ?? 3 })} />
      <Form<Filters> form={form} layout="inline" className="filter-bar" onFinish={search} onReset={() => search({})}>
        <Form.Item name="q">
          <Input
            allowClear
            placeholder={t('appeals.searchPlaceholder')}
            aria-label={t('appeals.searchPlaceholder')}
            style={{ width: 220 }}
            data-testid="follow-up-filter-q"
          />
        </Form.Item>
        <Form.Item name="overdue">
          <Select
            allowClear
            placeholder={t('followUp.filter.status')}
            aria-label={t('followUp.filter.status')}
            style={{ width: 120 }}
            options={[
              { value: 'true', label: t('followUp.filter.overdue') },
              { value: 'false', label: t('followUp.filter.notDue') },
            ]}
            data-testid="follow-up-filter-overdue"
          />
        </Form.Item>
        <Form.Item name="attempted">
          <Select
            allowClear
            placeholder={t('followUp.filter.attempts')}
            aria-label={t('followUp.filter.attempts')}
            style={{ width: 130 }}
            options={[
              { value: 'false', label: t('followUp.filter.notAttempted') },
              { value: 'true', label: t('followUp.filter.attempted') },
            ]}
            data-testid="follow-up-filter-attempted"
          />
        </Form.Item>
        <Form.Item name="appealType">
          <Select
            allowClear
            placeholder={t('appeal.type')}
            aria-label={t('appeal.type')}
            style={{ width: 110 }}
            options={APPEAL_TYPES.map((type) => ({ value: type, label: t(`appeal.type.${type}`) }))}
            data-testid="follow-up-filter-type"
          />
        </Form.Item>
        <Form.Item name="channel">
          <Select
            allowClear
            placeholder={t('appeal.channel')}
            aria-label={t('appeal.channel')}
            style={{ width: 130 }}
            options={STAFF_CHANNELS.concat('portal').map((c) => ({ value: c, label: t(`appeal.channel.${c}`) }))}
            data-testid="follow-up-filter-channel"
          />
        </Form.Item>
        <FilterButtons searchTestId="follow-up-filter-submit" />
      </Form>
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      {data && (
        <Typography.Paragraph type="secondary" data-testid="follow-up-summary">
          {t('followUp.summary', { total: data.total, overdue: data.overdue, days: data.followUpAfterWorkingDays })}
        </Typography.Paragraph>
      )}
      <ListTable<FollowUpItem>
        rowKey="id"
        size="middle"
        loading={loading && !data}
        dataSource={data?.items}
        scroll={{ x: 1180 }}
        locale={{ emptyText: t('followUp.empty') }}
        onRow={(item) => ({
          className: item.overdue ? 'follow-up-overdue' : undefined,
          'data-testid': 'follow-up-row',
          'data-number': item.number,
          'data-overdue': String(item.overdue),
        })}
        columns={[
          {
            title: t('appeal.number'),
            key: 'number',
            width: 150,
            fixed: 'left',
            render: (_, a) => (
              <>
                <Link to={`/appeals/${a.id}`} className="mono">
                  {a.number}
                </Link>
                <div className="appeal-cell-sub">{t(`appeal.channel.${a.channel}`)}</div>
              </>
            ),
          },
          {
            title: t('appeal.title'),
            key: 'title',
            width: 240,
            render: (_, a) => (
              <>
                <div className="appeal-cell-line" title={a.title}>
                  {a.title}
                </div>
                <div className="appeal-cell-line appeal-cell-sub">{a.enterprise.name}</div>
              </>
            ),
          },
          {
            title: t('appeal.type'),
            key: 'type',
            width: 110,
            render: (_, a) => (
              <Space size={4} orientation="vertical">
                <Tag color={APPEAL_TYPE_COLORS[a.appealType]}>{t(`appeal.type.${a.appealType}`)}</Tag>
                {a.closedOnSpot && <Tag color="green">{t('followUp.closedOnSpot')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('appeal.contact'),
            key: 'contact',
            width: 140,
            render: (_, a) => [a.contactName, a.contactPhone].filter(Boolean).join(' ') || '—',
          },
          { title: t('followUp.repliedAt'), key: 'replied', width: 140, render: (_, a) => formatDateTime(a.repliedAt, lang) },
          {
            title: t('followUp.due'),
            key: 'due',
            width: 160,
            render: (_, a) => (
              <Space size={4} wrap>
                {formatDateTime(a.dueAt, lang)}
                {a.overdue && (
                  <Tag color="error" data-testid="follow-up-overdue">
                    {t('followUp.overdue')}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('followUp.calls'),
            key: 'calls',
            width: 200,
            render: (_, a) =>
              a.attempts === 0 && !a.lastCallAt ? (
                <span className="appeal-cell-sub">{t('followUp.noCalls')}</span>
              ) : (
                <>
                  {a.attempts > 0 && <Tag color="orange">{t('followUp.attempts', { count: a.attempts })}</Tag>}
                  {a.lastCallAt && (
                    <div className="appeal-cell-sub">{t('followUp.lastCall', { at: formatDateTime(a.lastCallAt, lang) })}</div>
                  )}
                </>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            fixed: 'right',
            render: (_, a) => (
              <Button type="primary" size="small" onClick={() => setCalling(a)} data-testid="follow-up-record" data-number={a.number}>
                {t('followUp.record')}
              </Button>
            ),
          },
        ]}
        paging={list}
        total={list.total}
      />
      {calling && <FollowUpModal key={calling.id} item={calling} onClose={() => setCalling(undefined)} onDone={reload} />}
    </div>
  );
}
