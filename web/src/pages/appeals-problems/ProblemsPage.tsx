import { Alert, Segmented } from 'antd';
import { useState } from 'react';
import { useMe } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import type { CommonProblem, ProblemCandidate, ProblemStatus } from '../../figures';
import { useRequest } from '../../hooks/useRequest';
import { useI18n } from '../../i18n';
import type { Items } from '../../types';
import { CandidatesTable } from './CandidatesTable';
import { CreateProblemModal, UpdateProblemModal } from './ProblemModals';
import { ProblemsTable } from './ProblemsTable';
import './problems.css';

type View = ProblemStatus | 'candidates';

/** The office sets problems up and follows them; the department leading one reads it here. */
const EDITORS = ['coordinator'];

/**
 * 问题池: common problems (共性问题) ranked by how many enterprises raise them, with their lead
 * department, deadline and progress; and the clusters of similar appeals that may become one.
 */
export default function ProblemsPage() {
  const { t } = useI18n();
  const me = useMe();
  const editor = EDITORS.includes(me.role);
  // Clustering is the office's tool; a department sees the problems it was given.
  const views: View[] = me.role === 'handler' ? ['open', 'resolved'] : ['open', 'resolved', 'candidates'];
  const [view, setView] = useState<View>('open');
  const problems = useRequest<Items<CommonProblem>>(view === 'candidates' ? null : '/api/common-problems', { status: view });
  const candidates = useRequest<Items<ProblemCandidate>>(view === 'candidates' ? '/api/common-problems/candidates' : null);
  const [creating, setCreating] = useState<ProblemCandidate>();
  const [editing, setEditing] = useState<CommonProblem>();
  const error = view === 'candidates' ? candidates.error : problems.error;

  return (
    <>
      <PageHeader title={t('menu.appeals-problems')} />
      <Segmented<View>
        className="filter-bar"
        value={view}
        onChange={setView}
        options={views.map((v) => ({ value: v, label: t(`problems.view.${v}`) }))}
        data-testid="problems-view"
      />
      {error && <Alert type="error" showIcon title={error.message} className="filter-bar" />}
      {view === 'candidates' ? (
        <CandidatesTable
          items={candidates.data?.items}
          loading={candidates.loading && !candidates.data}
          onCreate={editor ? setCreating : undefined}
        />
      ) : (
        <ProblemsTable items={problems.data?.items} loading={problems.loading} onEdit={editor ? setEditing : undefined} />
      )}
      <CreateProblemModal
        candidate={creating}
        onClose={() => setCreating(undefined)}
        onSaved={() => {
          candidates.reload();
          setView('open');
        }}
      />
      <UpdateProblemModal problem={editing} onClose={() => setEditing(undefined)} onSaved={problems.reload} />
    </>
  );
}
