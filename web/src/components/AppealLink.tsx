import { Link } from 'react-router-dom';
import type { AppealRef } from '../appeals';

/** An appeal named by number and title, linking to its page; '—' when there is none. */
export function AppealLink({ appeal }: { appeal: AppealRef | null }) {
  if (!appeal) return <>—</>;
  return (
    <Link to={`/appeals/${appeal.id}`} onClick={(e) => e.stopPropagation()} className="appeal-link" data-testid="appeal-link">
      <span className="mono">{appeal.number}</span> {appeal.title}
    </Link>
  );
}
