import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Rate, Row, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { meaningful, outcomeLabel, type AppealDetail } from '../../appeals';
import { useMe } from '../../auth/AuthContext';
import { AppealTimeline } from '../../components/AppealTimeline';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { PageLoading } from '../../components/PageLoading';
import { usePolling } from '../../hooks/useInterval';
import { useDepartments } from '../../hooks/useLookups';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Taxonomy } from '../../types';
import { NotFoundPage } from '../errors/NotFoundPage';
import { FollowUpCalls } from '../appeals-follow-up/FollowUpCalls';
import { ActionBar } from './ActionBar';
import { AppealSummary } from './AppealSummary';
import { SimilarPanel } from './SimilarPanel';
import './appeal-detail.css';

const POLL_MS = 15_000;
/** The front office classifies, so it is the one that needs the classifier's suggestions. */
const SEES_SUGGESTIONS = ['specialist', 'coordinator'];
/** The problem pool's readers: the offices that merge repeats and spot common problems, and those above them. */
const SEES_SIMILAR = ['specialist', 'coordinator', 'leader', 'admin'];

function Outcome({ appeal: a }: { appeal: AppealDetail }) {
  const { t } = useI18n();
  if (!a.reply && !a.declineReason && a.rating === null && !a.closedUnrated) return null;
  return (
    <Card size="small" title={t(outcomeLabel(a))} data-testid="appeal-outcome">
      {(a.reply ?? a.declineReason) && <div className="pre-wrap">{a.reply ?? a.declineReason}</div>}
      {a.rating !== null && (
        <div className="appeal-rating">
          <span>{t('appeal.rating')}：</span>
          <Rate disabled value={a.rating} />
          {a.ratingSource && (
            <Tag color={a.ratingSource === 'follow_up' ? 'cyan' : 'blue'} data-testid="appeal-rating-source">
              {t(`appeal.ratingSource.${a.ratingSource}`)}
            </Tag>
          )}
          {a.ratingComment && <div className="pre-wrap">{a.ratingComment}</div>}
        </div>
      )}
      {a.closedUnrated && (
        <Tag color="default" data-testid="appeal-closed-unrated">
          {t(`appeal.closedUnrated.${a.closedUnrated}`)}
        </Tag>
      )}
    </Card>
  );
}

/** 诉求详情 for every staff role: what it is, where it stands, what happened, and what this user may do now. */
export default function AppealDetailPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const { data, error, reload } = useRequest<{ appeal: AppealDetail }>(valid ? `/api/appeals/${id}` : null);
  const taxonomy = useRequest<Taxonomy>('/api/taxonomy');
  const departments = useDepartments();
  usePolling(reload, POLL_MS);

  if (!valid) return <NotFoundPage />;
  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  // A new id keeps showing the previous answer until its own arrives: wait for it instead.
  if (!data || data.appeal.id !== id) return <PageLoading />;
  const a = data.appeal;
  const suggestions = meaningful(a.suggestions);
  const categories = taxonomy.data?.categories;
  const departmentName = (deptId: number) => departments.find((d) => d.id === deptId)?.name;

  return (
    <div className="appeal-detail" data-testid="appeal-detail">
      <PageHeader
        title={a.title}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
            {t('common.back')}
          </Button>
        }
      />
      <Card size="small" className="appeal-actions-card" title={t('appeal.actions')}>
        <ActionBar key={a.id} appeal={a} categories={categories} reload={reload} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14} className="appeal-column">
          <AppealSummary appeal={a} categories={categories} />
          <Card size="small" title={t('appeal.description')}>
            <div className="pre-wrap" data-testid="appeal-description-text">
              {a.description}
            </div>
          </Card>
          {SEES_SUGGESTIONS.includes(me.role) && suggestions.length > 0 && (
            <Card size="small" title={t('appeal.suggestions')}>
              {suggestions.map((s) => (
                <Tag key={s.serviceItemId} color={s.serviceItemId === a.serviceItem?.id ? 'blue' : 'default'} className="suggestion-tag">
                  {s.name} · {Math.round(s.confidence * 100)}%{s.terms.length > 0 && `（${s.terms.join('、')}）`}
                </Tag>
              ))}
            </Card>
          )}
          <Outcome appeal={a} />
          {a.followUps.length > 0 && (
            <Card size="small" title={t('followUp.callsTitle', { count: a.followUps.length })} data-testid="appeal-follow-ups">
              <FollowUpCalls calls={a.followUps} />
            </Card>
          )}
          {SEES_SIMILAR.includes(me.role) && <SimilarPanel key={a.id} appeal={a} reload={reload} />}
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('appeal.timeline')}>
            {error && <Alert type="warning" showIcon title={error.message} className="filter-bar" />}
            <AppealTimeline events={a.timeline} staff departmentName={departmentName} appealId={a.id} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
