import { App, Button, Card, Empty, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { AppealDetail, AppealState } from '../../appeals';
import { useMe } from '../../auth/AuthContext';
import { AppealLink } from '../../components/AppealLink';
import { AppealStateTag } from '../../components/AppealTags';
import { LoadError } from '../../components/LoadError';
import { useShowError } from '../../errors';
import { percent, type SimilarAppeal } from '../../figures';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Items } from '../../types';

/** The front office and the coordination office merge repeats, before the appeal is dispatched. */
const MERGERS = ['specialist', 'coordinator'];
const MERGEABLE: readonly AppealState[] = ['submitted', 'accepted'];
/** An appeal that is over takes nothing in. */
const FINISHED: readonly AppealState[] = ['declined', 'closed'];

function MergeButton({ appeal, into, onMerged }: { appeal: AppealDetail; into: SimilarAppeal; onMerged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const merge = async () => {
    try {
      await api.post(`/api/appeals/${appeal.id}/merge`, { intoId: into.id });
      void message.success(t('similar.merged', { into: into.number }));
    } catch (err) {
      showError(err);
    }
    onMerged();
  };
  if (FINISHED.includes(into.state)) {
    return (
      <Tooltip title={t('similar.finished')}>
        <Button size="small" disabled data-testid="similar-merge">
          {t('similar.merge')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Popconfirm
      title={t('similar.mergeConfirm', { into: into.number })}
      description={t('similar.mergeNote', { into: into.number })}
      okText={t('similar.merge')}
      cancelText={t('common.cancel')}
      onConfirm={merge}
    >
      <Button size="small" data-testid="similar-merge">
        {t('similar.merge')}
      </Button>
    </Popconfirm>
  );
}

/**
 * 相似诉求: the same enterprise asking again (同一企业重复), or other enterprises with the same problem
 * (其他企业同类问题); a repeat not yet dispatched can be merged into the one that goes on.
 */
export function SimilarPanel({ appeal, reload }: { appeal: AppealDetail; reload: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { data, error, reload: reloadSimilar } = useRequest<Items<SimilarAppeal>>(`/api/appeals/${appeal.id}/similar`);
  const canMerge = MERGERS.includes(me.role) && MERGEABLE.includes(appeal.state) && !appeal.mergedInto;
  const items = data?.items;

  return (
    <Card size="small" title={t('similar.title')} loading={!items && !error} data-testid="similar-panel">
      {error && !items ? (
        <LoadError error={error} onRetry={reloadSimilar} />
      ) : !items?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('similar.empty')} />
      ) : (
        items.map((s) => (
          <div key={s.id} className="similar-item" data-testid="similar-item" data-number={s.number}>
            <div className="similar-main">
              <div className="similar-line">
                <AppealLink appeal={s} />
                <AppealStateTag state={s.state} />
              </div>
              <div className="similar-line">
                <Tag color={s.sameEnterprise ? 'orange' : 'blue'} data-testid="similar-kind" data-same={s.sameEnterprise}>
                  {t(s.sameEnterprise ? 'similar.sameEnterprise' : 'similar.otherEnterprise')}
                </Tag>
                <Typography.Text type="secondary">{s.enterprise.name}</Typography.Text>
                <Typography.Text type="secondary">{t('similar.score', { score: percent(s.score, 0) })}</Typography.Text>
                {s.commonProblemId !== null && (
                  <Link to="/problems">
                    <Tag color="purple">{t('similar.inProblem')}</Tag>
                  </Link>
                )}
              </div>
            </div>
            {canMerge && (
              <MergeButton
                appeal={appeal}
                into={s}
                onMerged={() => {
                  reload();
                  reloadSimilar();
                }}
              />
            )}
          </div>
        ))
      )}
    </Card>
  );
}
