import { LeftOutlined } from '@ant-design/icons';
import { Alert, Card, Rate } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CLOCK_STATES, outcomeLabel, type AppealDetail } from '../../appeals';
import { AppealStateTag } from '../../components/AppealTags';
import { AppealTimeline } from '../../components/AppealTimeline';
import { DeadlineCountdown } from '../../components/DeadlineCountdown';
import { LoadError } from '../../components/LoadError';
import { PageLoading } from '../../components/PageLoading';
import { formatDateTime, orDash } from '../../format';
import { usePolling } from '../../hooks/useInterval';
import { useDepartments } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import { ProvisionalTag } from '../appeal-detail/ProvisionalTag';
import { NotFoundPage } from '../errors/NotFoundPage';
import { EnterpriseActions } from './EnterpriseActions';
import './portal-appeal.css';

/** The progress refreshes itself while the enterprise watches it. */
const POLL_MS = 15_000;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="portal-row">
      <span className="portal-row-label">{label}</span>
      <span className="portal-row-value">{children}</span>
    </div>
  );
}

/** What the department asked for, while the appeal waits for the enterprise. */
function lastQuestion(a: AppealDetail): string | undefined {
  return a.state === 'awaiting_info' ? (a.timeline.findLast((e) => e.action === 'request_info')?.note ?? undefined) : undefined;
}

/** One appeal as the enterprise follows it: where it stands, the answer, its own next step, and every step so far. */
export default function PortalAppealPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { data, error, reload } = useRequest<{ appeal: AppealDetail }>(valid ? `/api/appeals/${id}` : null);
  const departments = useDepartments();
  usePolling(reload, POLL_MS);

  if (!valid) return <NotFoundPage />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data || data.appeal.id !== id) return <PageLoading />;
  const a = data.appeal;
  const question = lastQuestion(a);

  return (
    <div className="portal-appeal" data-testid="appeal-detail">
      <Link to="/portal/appeals" className="portal-back">
        <LeftOutlined /> {t('portal.appeals.mine')}
      </Link>
      <Card className="portal-card">
        <div className="portal-appeal-head">
          <h2 className="portal-appeal-title">{a.title}</h2>
          <AppealStateTag state={a.state} />
        </div>
        <Row label={t('appeal.number')}>
          <span className="mono" data-testid="appeal-number">
            {a.number}
          </span>
        </Row>
        <Row label={t('appeal.type')}>{t(`appeal.type.${a.appealType}`)}</Row>
        <Row label={t('appeal.submittedAt')}>{formatDateTime(a.submittedAt, lang)}</Row>
        {a.serviceItem && <Row label={t('appeal.serviceItem')}>{a.serviceItem.name}</Row>}
        {a.department && <Row label={t('portal.appeal.department')}>{a.department.name}</Row>}
        {a.deadlineAt && (
          <Row label={t('portal.appeal.promised')}>
            <DeadlineCountdown
              deadlineAt={a.deadlineAt}
              level={a.warningLevel}
              running={CLOCK_STATES.includes(a.state)}
              paused={a.paused}
            />{' '}
            <ProvisionalTag show={a.deadlineProvisional} />
          </Row>
        )}
        {a.closedAt && <Row label={t('portal.appeal.closedAt')}>{formatDateTime(a.closedAt, lang)}</Row>}
      </Card>

      {a.mergedInto && (
        <Alert
          type="info"
          showIcon
          title={t('portal.appeal.merged', { number: a.mergedInto.number })}
          description={t('portal.appeal.mergedNote', { number: a.mergedInto.number })}
          className="portal-alert"
          data-testid="appeal-merged"
        />
      )}
      {question && (
        <Alert
          type="warning"
          showIcon
          title={t('portal.appeal.asked')}
          description={question}
          className="portal-alert"
          data-testid="appeal-question"
        />
      )}
      {a.state === 'replied' && <Alert type="info" showIcon title={t('portal.appeal.pleaseRate')} className="portal-alert" />}
      <EnterpriseActions appeal={a} reload={reload} />

      {(a.reply ?? a.declineReason) && (
        <Card className="portal-card" size="small" title={t(outcomeLabel(a))} data-testid="appeal-reply">
          <div className="pre-wrap">{a.reply ?? a.declineReason}</div>
        </Card>
      )}
      {a.rating !== null && (
        <Card className="portal-card" size="small" title={t('portal.appeal.myRating')}>
          <Rate disabled value={a.rating} />
          {a.ratingComment && <div className="pre-wrap">{a.ratingComment}</div>}
        </Card>
      )}

      <Card className="portal-card" size="small" title={t('appeal.description')}>
        <div className="pre-wrap">{a.description}</div>
        {(a.contactName ?? a.contactPhone) && (
          <div className="portal-contact">
            {t('portal.appeal.contact', { contact: orDash([a.contactName, a.contactPhone].filter(Boolean).join(' ')) })}
          </div>
        )}
      </Card>

      <Card className="portal-card" size="small" title={t('appeal.timeline')}>
        <AppealTimeline
          events={a.timeline}
          staff={false}
          newestFirst
          appealId={a.id}
          departmentName={(deptId) => departments.find((d) => d.id === deptId)?.name}
        />
      </Card>
    </div>
  );
}
