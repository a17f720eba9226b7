/**
 * Who may open what: the one table both shells, the router and the login redirect read.
 * Kept tiny and free of UI imports, because the entry chunk every user loads includes it.
 */
export const ROLES = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'enterprise');

/** Staff who browse the enterprise file (everyone but the department handler). */
const BROWSERS: readonly Role[] = ['leader', 'coordinator', 'specialist', 'cadre', 'policy_officer', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
/** The appeal loop's desks: front office (受理), coordination office (分办、督办), departments, leaders. */
const SPECIALIST: readonly Role[] = ['specialist'];
const COORDINATOR: readonly Role[] = ['coordinator'];
const HANDLER: readonly Role[] = ['handler'];
const LEADER: readonly Role[] = ['leader'];
/** The coordination office and those it reports to (统计、晾晒). */
const OFFICE: readonly Role[] = ['coordinator', 'leader', 'admin'];
/** 惠企政策: the policy officers keep the library, push, grant and review applications. */
const POLICY: readonly Role[] = ['policy_officer', 'admin'];
/** Roles whose home is 我的待办 (GET /api/my/todo declares the same). */
const MY_WORK: readonly Role[] = ['specialist', 'handler', 'coordinator', 'cadre', 'policy_officer', 'admin'];

export type MenuKey =
  | 'my-work'
  | 'workbench'
  | 'appeals-intake'
  | 'appeals-new'
  | 'appeals-follow-up'
  | 'appeals-dispatch'
  | 'appeals-inbox'
  | 'appeals-warnings'
  | 'appeals-returns'
  | 'appeals-extensions'
  | 'appeals-supervision'
  | 'appeals-escalated'
  | 'appeals-meetings'
  | 'appeals-all'
  | 'appeals-problems'
  | 'appeals-overdue'
  | 'appeals-figures'
  | 'enterprises'
  | 'registration-requests'
  | 'liaison-workbench'
  | 'liaison-coverage'
  | 'liaison-briefing'
  | 'liaison-assessment'
  | 'warnings'
  | 'warning-report'
  | 'admin-warning-rules'
  | 'policies'
  | 'policy-applications'
  | 'policy-push'
  | 'policy-grants'
  | 'policy-figures'
  | 'admin-users'
  | 'admin-departments'
  | 'admin-streets'
  | 'admin-taxonomy'
  | 'admin-calendar'
  | 'admin-appeal-settings'
  | 'admin-audit'
  | 'admin-api-clients'
  | 'admin-delivery';

export interface MenuEntry {
  key: MenuKey;
  path: string;
  roles: readonly Role[];
}

/** The staff workbench's pages, in menu order. */
export const STAFF_MENU: readonly MenuEntry[] = [
  // 我的待办: every role's own queues, its home; the leader's home stays the district overview.
  { key: 'my-work', path: '/my-work', roles: MY_WORK },
  { key: 'workbench', path: '/workbench', roles: STAFF_ROLES },
  { key: 'appeals-intake', path: '/appeals/intake', roles: SPECIALIST },
  { key: 'appeals-new', path: '/appeals/new', roles: SPECIALIST },
  // 回访: the office calls enterprises that have not rated their reply.
  { key: 'appeals-follow-up', path: '/appeals/follow-up', roles: [...SPECIALIST, ...COORDINATOR, ...ADMIN] },
  { key: 'appeals-dispatch', path: '/appeals/dispatch', roles: COORDINATOR },
  { key: 'appeals-inbox', path: '/appeals/inbox', roles: HANDLER },
  { key: 'appeals-warnings', path: '/appeals/warnings', roles: COORDINATOR },
  { key: 'appeals-returns', path: '/appeals/returns', roles: COORDINATOR },
  { key: 'appeals-extensions', path: '/appeals/extensions', roles: COORDINATOR },
  { key: 'appeals-supervision', path: '/appeals/supervision', roles: [...COORDINATOR, ...HANDLER] },
  { key: 'appeals-escalated', path: '/appeals/escalated', roles: LEADER },
  { key: 'appeals-meetings', path: '/appeals/meetings', roles: [...COORDINATOR, ...LEADER] },
  { key: 'appeals-all', path: '/appeals/all', roles: OFFICE },
  // The department leading a common problem is sent here by its notice (read only; the office edits).
  { key: 'appeals-problems', path: '/problems', roles: [...SPECIALIST, ...OFFICE, ...HANDLER] },
  // Paths as the server's notices link them (/overdue-reports/:id).
  { key: 'appeals-overdue', path: '/overdue-reports', roles: OFFICE },
  // A department sees its own figures.
  { key: 'appeals-figures', path: '/appeals/figures', roles: [...OFFICE, ...HANDLER] },
  { key: 'enterprises', path: '/enterprises', roles: BROWSERS },
  // 注册审核: the front desk settles 授权委托书 and requests to add an enterprise to the file.
  { key: 'registration-requests', path: '/registration-requests', roles: ['specialist', 'coordinator', 'admin'] },
  // 挂点服务: the cadre's (and a liaison leader's) workbench; the office assigns, briefs and assesses.
  { key: 'liaison-workbench', path: '/liaison/workbench', roles: ['cadre', ...LEADER] },
  { key: 'liaison-coverage', path: '/liaison/coverage', roles: ['coordinator', 'admin'] },
  { key: 'liaison-briefing', path: '/liaison/briefing', roles: OFFICE },
  { key: 'liaison-assessment', path: '/liaison/assessment', roles: OFFICE },
  // 监测预警: a cadre sees the warnings of its own enterprises (the server filters).
  { key: 'warnings', path: '/warnings', roles: [...OFFICE, 'cadre'] },
  { key: 'warning-report', path: '/warning-report', roles: OFFICE },
  // 惠企政策直达: every staff member reads the library; officers edit, push, grant and review.
  { key: 'policies', path: '/policies', roles: STAFF_ROLES },
  // A department handler reviews the applications under its own department's policies (the server filters).
  { key: 'policy-applications', path: '/policy-applications', roles: [...POLICY, ...HANDLER] },
  { key: 'policy-push', path: '/policy-push', roles: POLICY },
  { key: 'policy-grants', path: '/policy-grants', roles: POLICY },
  { key: 'policy-figures', path: '/policy-figures', roles: [...POLICY, 'leader', 'coordinator'] },
  { key: 'admin-users', path: '/admin/users', roles: ADMIN },
  { key: 'admin-departments', path: '/admin/departments', roles: ADMIN },
  { key: 'admin-streets', path: '/admin/streets', roles: ADMIN },
  { key: 'admin-taxonomy', path: '/admin/taxonomy', roles: ADMIN },
  { key: 'admin-calendar', path: '/admin/calendar', roles: ADMIN },
  { key: 'admin-appeal-settings', path: '/admin/appeal-settings', roles: ADMIN },
  { key: 'admin-audit', path: '/admin/audit', roles: ADMIN },
  { key: 'admin-api-clients', path: '/admin/api-clients', roles: ADMIN },
  // 消息发送记录: the coordination office reads it too (who was told, did it arrive).
  { key: 'admin-delivery', path: '/admin/delivery', roles: ['admin', 'coordinator'] },
  { key: 'admin-warning-rules', path: '/admin/warning-rules', roles: ADMIN },
];

export const PORTAL_PATH = '/portal';
export const STAFF_PASSWORD_PATH = '/account/password';
export const PORTAL_PASSWORD_PATH = '/portal/password';

export type Shell = 'portal' | 'staff';

export function shellOf(role: Role): Shell {
  return role === 'enterprise' ? 'portal' : 'staff';
}

export function menuFor(role: Role): MenuEntry[] {
  return STAFF_MENU.filter((m) => m.roles.includes(role));
}

export function homePath(role: Role): string {
  if (shellOf(role) === 'portal') return PORTAL_PATH;
  return MY_WORK.includes(role) ? '/my-work' : '/workbench';
}

export function passwordPath(role: Role): string {
  return shellOf(role) === 'portal' ? PORTAL_PASSWORD_PATH : STAFF_PASSWORD_PATH;
}

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * Whether `role` may open `pathname`; paths no page claims are left to the 404 page, and an
 * appeal's own page (/appeals/:id) to the server, which knows whose appeal it is.
 */
export function canOpen(role: Role, pathname: string): boolean {
  if (under(pathname, PORTAL_PATH)) return role === 'enterprise';
  if (under(pathname, STAFF_PASSWORD_PATH)) return role !== 'enterprise';
  const entry = STAFF_MENU.find((m) => under(pathname, m.path));
  return entry ? entry.roles.includes(role) : true;
}

/** A same-origin path from `?next=`, or undefined when it is missing or points elsewhere. */
export function safeNext(next: string | null): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return undefined;
  return next;
}
