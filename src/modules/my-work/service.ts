import type { Db } from '../../platform/db/index.ts';
import type { Role } from '../../platform/db/schema.ts';
import type { SessionUser } from '../../platform/http/access.ts';
import * as appeals from '../appeals/read.ts';
import { extensions, supervisionOrders } from '../appeals/office-service.ts';
import * as applications from '../applications/read.ts';
import { list as registrationRequests } from '../enterprise-accounts/requests.ts';
import { listBatches } from '../grants/read.ts';
import { visits } from '../liaison/service.ts';
import { listWarnings } from '../warnings/read.ts';
import type { QueueKey, TodoItem, TodoQueue } from './schemas.ts';

/** The leader keeps the district overview as home (its own panel of decisions); everyone else gets 我的待办. */
export const TODO_ROLES = ['specialist', 'handler', 'coordinator', 'cadre', 'policy_officer', 'admin'] as const satisfies readonly Role[];

/** How many of each queue's oldest items the home shows. */
const SHOWN = 5;
/** Lists answered whole (no paging) are read in one go; pages of the paged ones are at most this long. */
const MAX_PAGE = 200;

type Filter = Record<string, string>;
const withQuery = (path: string, filter: Filter) => `${path}?${new URLSearchParams(filter).toString()}`;
const byAge = (a: TodoItem, b: TodoItem) => a.since.localeCompare(b.since) || a.id - b.id;

type AppealFilter = Parameters<typeof appeals.queue>[2];

/** An appeal list's queue: the same view and filters as GET /api/appeals, linked to the page that shows that list. */
async function appealQueue(db: Db, user: SessionUser, key: QueueKey, page: string, f: AppealFilter): Promise<TodoQueue> {
  const { total, items } = await appeals.queue(db, user, f, SHOWN);
  const filter: Filter = { view: f.view };
  if (f.state) filter.state = f.state;
  if (f.warning) filter.warning = f.warning;
  return {
    key,
    count: total,
    path: withQuery(page, filter),
    items: items.map((a) => ({
      id: a.id,
      title: a.label,
      detail: a.detail,
      since: a.since,
      due: a.due,
      warning: a.warning,
      path: `/appeals/${a.id}`,
    })),
  };
}

/**
 * The oldest items of a list the server pages newest first: its last page (and the one before,
 * when the last is short), reversed. Three reads at most, whatever the list's length.
 */
async function oldestOfNewestFirst<T>(fetch: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>) {
  const first = await fetch(1, SHOWN);
  if (first.total <= SHOWN) return { total: first.total, items: first.items.slice().reverse() };
  const last = Math.ceil(first.total / SHOWN);
  const tail = await fetch(last, SHOWN);
  const before = tail.items.length < SHOWN ? (await fetch(last - 1, SHOWN)).items : [];
  return { total: first.total, items: [...before, ...tail.items].slice(-SHOWN).reverse() };
}

function queue(key: QueueKey, count: number, path: string, items: TodoItem[]): TodoQueue {
  return { key, count, path, items: items.sort(byAge).slice(0, SHOWN) };
}

async function specialist(db: Db, user: SessionUser): Promise<TodoQueue[]> {
  return Promise.all([
    appealQueue(db, user, 'intake', '/appeals/intake', { view: 'intake' }),
    appealQueue(db, user, 'dispatch', '/appeals/intake', { view: 'dispatch' }),
  ]);
}

async function handler(db: Db, user: SessionUser): Promise<TodoQueue[]> {
  const inbox = '/appeals/inbox';
  return Promise.all([
    appealQueue(db, user, 'to_claim', inbox, { view: 'inbox', state: 'dispatched' }),
    appealQueue(db, user, 'claimed', inbox, { view: 'inbox', state: 'claimed' }),
    appealQueue(db, user, 'in_progress', inbox, { view: 'inbox', state: 'in_progress' }),
    appealQueue(db, user, 'due_soon', inbox, { view: 'inbox', warning: 'yellow' }),
    appealQueue(db, user, 'overdue', inbox, { view: 'inbox', warning: 'red' }),
  ]);
}

async function coordinator(db: Db, user: SessionUser): Promise<TodoQueue[]> {
  const [dispatch, arbitration, red, ext, orders] = await Promise.all([
    appealQueue(db, user, 'dispatch', '/appeals/dispatch', { view: 'dispatch' }),
    appealQueue(db, user, 'arbitration', '/appeals/returns', { view: 'returns' }),
    appealQueue(db, user, 'red', '/appeals/warnings', { view: 'warnings', warning: 'red' }),
    extensions(db, user, 'pending'),
    supervisionOrders(db, user, 'open'),
  ]);
  const extItems = ext.map((x) => ({
    id: x.id,
    title: `${x.appeal.number} ${x.appeal.title}`,
    detail: `${x.department.name} · ${x.workingDays}`,
    since: x.requestedAt,
    due: null,
    warning: null,
    path: `/appeals/${x.appeal.id}`,
  }));
  const orderItems = orders.map((o) => ({
    id: o.id,
    title: o.appeal ? `${o.number} ${o.appeal.number} ${o.appeal.title}` : o.number,
    detail: o.department.name,
    since: o.issuedAt,
    due: o.deadlineAt,
    warning: null,
    path: o.appeal ? `/appeals/${o.appeal.id}` : withQuery('/appeals/supervision', { status: 'open' }),
  }));
  return [
    dispatch,
    arbitration,
    queue('extensions', ext.length, withQuery('/appeals/extensions', { status: 'pending' }), extItems),
    queue('supervision', orders.length, withQuery('/appeals/supervision', { status: 'open' }), orderItems),
    red,
  ];
}

async function cadre(db: Db, user: SessionUser): Promise<TodoQueue[]> {
  // The workbench's 走访计划 tab lists the cadre's planned visits; the warnings list already keeps a cadre to its own enterprises.
  const [planned, open] = await Promise.all([
    visits(db, { userId: user.id, status: 'planned' }),
    listWarnings(db, user, { status: 'open', page: 1, pageSize: MAX_PAGE }),
  ]);
  const visitItems = planned.map((v) => ({
    id: v.id,
    title: v.enterprise.name,
    detail: v.purpose,
    since: v.plannedOn ?? '',
    due: v.plannedOn,
    warning: null,
    path: '/liaison/workbench?tab=plan',
  }));
  const warningItems = open.items.map((w) => ({
    id: w.id,
    title: w.enterpriseName,
    detail: w.ruleName,
    since: w.createdAt,
    due: null,
    warning: null,
    path: `/warnings/${w.id}`,
  }));
  return [
    queue('visits', planned.length, '/liaison/workbench?tab=plan', visitItems),
    queue('warnings', open.total, withQuery('/warnings', { status: 'open' }), warningItems),
  ];
}

async function applicationQueue(
  db: Db,
  user: SessionUser,
  key: QueueKey,
  state: 'submitted' | 'accepted' | 'in_review',
): Promise<TodoQueue> {
  const { total, items } = await oldestOfNewestFirst((page, pageSize) => applications.list(db, user, { page, pageSize, state }));
  const shown = items.map((a) => ({
    id: a.id,
    title: `${a.number} ${a.policyTitle}`,
    detail: a.enterpriseName,
    since: a.createdAt,
    due: null,
    warning: null,
    path: `/policy-applications/${a.id}`,
  }));
  return queue(key, total, withQuery('/policy-applications', { state }), shown);
}

async function policyOfficer(db: Db, user: SessionUser): Promise<TodoQueue[]> {
  const [batches, ...apps] = await Promise.all([
    oldestOfNewestFirst((page, pageSize) => listBatches(db, { status: 'draft', page, pageSize })),
    applicationQueue(db, user, 'applications_submitted', 'submitted'),
    applicationQueue(db, user, 'applications_accepted', 'accepted'),
    applicationQueue(db, user, 'applications_in_review', 'in_review'),
  ]);
  const batchPath = withQuery('/policy-grants', { 'batches.status': 'draft' });
  const batchItems = batches.items.map((b) => ({
    id: b.id,
    title: `${b.number} ${b.policyTitle}`,
    detail: String(b.enterprises),
    since: b.createdAt,
    due: null,
    warning: null,
    path: batchPath,
  }));
  return [...apps, queue('grant_batches', batches.total, batchPath, batchItems)];
}

async function admin(db: Db): Promise<TodoQueue[]> {
  // Pending requests come oldest first already: the front desk works down the queue.
  const pending = await registrationRequests(db, { status: 'pending', page: 1, pageSize: SHOWN });
  const items = pending.items.map((r) => ({
    id: r.id,
    title: r.enterpriseName ?? r.uscc,
    detail: r.displayName,
    since: r.createdAt,
    due: null,
    warning: null,
    path: withQuery('/registration-requests', { status: 'pending' }),
  }));
  return [queue('registration_requests', pending.total, withQuery('/registration-requests', { status: 'pending' }), items)];
}

export async function myTodo(db: Db, user: SessionUser): Promise<TodoQueue[]> {
  switch (user.role) {
    case 'specialist':
      return specialist(db, user);
    case 'handler':
      return handler(db, user);
    case 'coordinator':
      return coordinator(db, user);
    case 'cadre':
      return cadre(db, user);
    case 'policy_officer':
      return policyOfficer(db, user);
    case 'admin':
      return admin(db);
    default:
      return [];
  }
}
