import type { Db } from '../../platform/db/index.ts';
import { appealsOf, changeRequestsOf } from './repository.ts';

/**
 * One enterprise's history, from every module that knows something about it. A module adds
 * its events by registering a source (e.g. the service network its visits, early warning its
 * warnings); the appeal source is built in. Each source returns at most `limit` newest items.
 */
export interface TimelineItem {
  /** What kind of event: 'appeal', 'visit', 'warning', 'change' … */
  kind: string;
  /** The source's own id, unique within the kind. */
  id: string;
  at: Date;
  title: string;
  /** A short state or detail line (e.g. the appeal's state code). */
  status: string | null;
  /** The staff web path that shows it, when there is one. */
  link: string | null;
}

export type TimelineSource = (db: Db, enterpriseId: number, limit: number) => Promise<TimelineItem[]>;

const sources = new Map<string, TimelineSource>();

export function registerTimelineSource(kind: string, source: TimelineSource): void {
  sources.set(kind, source);
}

registerTimelineSource('appeal', async (db, enterpriseId, limit) => {
  const rows = await appealsOf(db, enterpriseId, limit);
  return rows.map((r) => ({
    kind: 'appeal',
    id: String(r.id),
    at: new Date(r.submitted_at),
    title: `${r.number} ${r.title}`,
    status: r.state,
    link: `/appeals/${r.id}`,
  }));
});

registerTimelineSource('change', async (db, enterpriseId, limit) => {
  const rows = await changeRequestsOf(db, enterpriseId, limit);
  const label = { address: '地址', legal_representative: '法定代表人' } as const;
  return rows.map((r) => ({
    kind: 'change',
    id: String(r.id),
    at: new Date(r.reviewed_at ?? r.requested_at),
    title: `${label[r.field]}变更：${r.new_value}`,
    status: r.status,
    link: null,
  }));
});

export async function timeline(db: Db, enterpriseId: number, limit = 100) {
  const lists = await Promise.all([...sources.values()].map((s) => s(db, enterpriseId, limit)));
  const items = lists
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, limit);
  return { items: items.map((i) => ({ ...i, at: i.at.toISOString() })), kinds: [...sources.keys()] };
}
