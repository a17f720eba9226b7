import { Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime, orDash } from '../../format';
import { useRequest } from '../../hooks/useRequest';
import { useI18n, type MessageKey } from '../../i18n';
import type { AssessmentDetail, AssessmentTerm } from './types';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A term's raw figure in the reader's language: "12/15 次（80.0%）", or that it does not count. */
export function termFigure(term: AssessmentTerm, t: Translate): string {
  if (term.status === 'off') return t('liaison.termOff');
  const figure = t('liaison.termFigure', { done: term.done, of: term.of, unit: t(`liaison.termUnit.${term.key}`) });
  if (term.status === 'noData') return `${figure} · ${t('liaison.termNoData')}`;
  const avg = term.averageRating === null ? '' : ` · ${t('liaison.termAverage', { n: term.averageRating.toFixed(1) })}`;
  return `${figure}（${((term.rate ?? 0) * 100).toFixed(1)}%${avg}）`;
}

export function termRule(term: AssessmentTerm, t: Translate): string {
  if (term.status === 'noData') return t('liaison.rule.noData');
  if (term.status === 'off') return t(term.weight > 0 ? 'liaison.rule.offModule' : 'liaison.rule.offWeight');
  return t('liaison.rule.counted', {
    done: term.done,
    of: term.of,
    weight: term.effectiveWeight.toFixed(1),
  });
}

const yesNo = (ok: boolean, yes: string, no: string) => <Tag color={ok ? 'green' : 'red'}>{ok ? yes : no}</Tag>;

/** What is behind a cadre's score: its terms, then the visits, appeals, ratings and warnings counted, each linking to the item. */
export function AssessmentDrawer({
  userId,
  period,
  onClose,
}: {
  userId: number | undefined;
  period: { from: string; to: string };
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useRequest<AssessmentDetail>(
    userId === undefined ? null : `/api/liaisons/assessment/cadres/${userId}`,
    { ...period },
  );
  const d = loading ? undefined : data;
  const score = d?.cadre.score;
  return (
    <Drawer
      open={userId !== undefined}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={d ? t('liaison.scoreOf', { name: d.cadre.name }) : t('liaison.myScore')}
    >
      <div data-testid="assessment-drawer">
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : !d ? (
          <PageLoading />
        ) : (
          <>
            <Typography.Title level={5} data-testid="assessment-drawer-score">
              {t('liaison.scoreTotal', {
                score: score === null || score === undefined ? '—' : score.toFixed(1),
                rank: orDash(d.cadre.rank),
              })}
              {'　'}
              {d.from} ~ {d.to}
            </Typography.Title>
            <Table<AssessmentTerm>
              size="small"
              rowKey="key"
              pagination={false}
              data-testid="assessment-terms"
              dataSource={d.cadre.terms}
              columns={[
                {
                  title: t('liaison.breakdown'),
                  key: 'name',
                  render: (_, x) => t('liaison.termHeader', { name: t(`liaison.term.${x.key}`), weight: x.weight }),
                },
                { title: t('liaison.figure'), key: 'figure', render: (_, x) => termFigure(x, t) },
                // A term left out shows no weight and no points rather than zeros that read as a penalty.
                {
                  title: t('liaison.effectiveWeight'),
                  key: 'w',
                  width: 90,
                  render: (_, x) => (x.status === 'counted' ? x.effectiveWeight.toFixed(1) : '—'),
                },
                { title: t('liaison.points'), key: 'p', width: 80, render: (_, x) => (x.status === 'counted' ? x.points.toFixed(1) : '—') },
                { title: t('liaison.rule'), key: 'rule', render: (_, x) => termRule(x, t) },
              ]}
            />
            <Typography.Title level={5}>{t('liaison.detail.visits')}</Typography.Title>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="assessment-visits"
              dataSource={d.visits}
              columns={[
                {
                  title: t('liaison.enterprise'),
                  key: 'e',
                  render: (_, v) => <Link to={`/enterprises/${v.enterpriseId}`}>{v.enterprise}</Link>,
                },
                { title: t('liaison.plannedOn'), dataIndex: 'plannedOn', width: 110, render: orDash },
                { title: t('liaison.visitedOn'), dataIndex: 'visitedOn', width: 110, render: orDash },
                {
                  title: t('liaison.countsAs'),
                  key: 'c',
                  width: 160,
                  render: (_, v) =>
                    v.planned
                      ? yesNo(v.done, t('liaison.visit.done'), t('liaison.visit.notDone'))
                      : v.done && <Tag color="blue">{t('liaison.visit.unplanned')}</Tag>,
                },
              ]}
            />
            <Typography.Title level={5}>{t('liaison.detail.appeals')}</Typography.Title>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="assessment-appeals"
              dataSource={d.appeals}
              columns={[
                { title: t('liaison.enterprise'), dataIndex: 'enterprise' },
                { title: '#', key: 'n', render: (_, a) => <Link to={`/appeals/${a.id}`}>{`${a.number} ${a.title}`}</Link> },
                {
                  title: t('liaison.deadline'),
                  dataIndex: 'deadlineAt',
                  width: 140,
                  render: (v: string | null) => formatDateTime(v, lang),
                },
                {
                  title: t('liaison.repliedAt'),
                  dataIndex: 'repliedAt',
                  width: 140,
                  render: (v: string | null) => formatDateTime(v, lang),
                },
                {
                  title: t('liaison.countsAs'),
                  key: 'o',
                  width: 80,
                  render: (_, a) => yesNo(a.onTime, t('liaison.onTime.yes'), t('liaison.onTime.no')),
                },
              ]}
            />
            <Typography.Title level={5}>{t('liaison.detail.ratings')}</Typography.Title>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="assessment-ratings"
              dataSource={d.ratings}
              columns={[
                { title: t('liaison.enterprise'), dataIndex: 'enterprise' },
                { title: '#', key: 'n', render: (_, a) => <Link to={`/appeals/${a.id}`}>{`${a.number} ${a.title}`}</Link> },
                { title: t('liaison.rating'), dataIndex: 'rating', width: 80, render: (v: number) => `${v} ★` },
                {
                  title: t('liaison.countsAs'),
                  key: 's',
                  width: 90,
                  render: (_, a) => yesNo(a.satisfied, t('liaison.satisfied.yes'), t('liaison.satisfied.no')),
                },
              ]}
            />
            <Typography.Title level={5}>{t('liaison.detail.warnings')}</Typography.Title>
            {d.warnings === null ? (
              <p>{t('liaison.detail.noWarnings')}</p>
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                data-testid="assessment-warnings"
                dataSource={d.warnings}
                columns={[
                  { title: t('liaison.enterprise'), key: 'e', render: (_, w) => <Link to={`/warnings/${w.id}`}>{w.enterprise}</Link> },
                  { title: t('warn.level'), dataIndex: 'level', width: 80, render: (v: string) => t(`warn.level.${v}` as MessageKey) },
                  { title: t('liaison.warningAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v, lang) },
                  {
                    title: t('liaison.countsAs'),
                    key: 'f',
                    width: 90,
                    render: (_, w) => yesNo(w.followed, t('liaison.followed.yes'), t('liaison.followed.no')),
                  },
                ]}
              />
            )}
          </>
        )}
      </div>
    </Drawer>
  );
}
