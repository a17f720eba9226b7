/**
 * Demo accounts: one per role with a well-known password (listed in the README and used by
 * the browser tests), plus the rank and file a real district would have: a handler per
 * department, 40 liaison cadres, district leaders and more specialists.
 */
import type { NewUser, Role } from '../platform/db/schema.ts';
import { COORDINATION_OFFICE_CODE, DEPARTMENTS } from './org-data.ts';
import { personName } from './names.ts';
import { mixSeed, Rng } from './random.ts';

// Demo only: every seeded account shares it. It lives with the password rule, which refuses it
// for any real account and, in production, at login (modules/auth).
export { DEMO_PASSWORD } from '../platform/auth/password.ts';

export interface DemoAccount {
  username: string;
  mobile: string;
  role: Role;
  /** What the account is for, in Chinese, for the login page hint and the README. */
  label: string;
  /** Department code, when the account belongs to one. */
  department?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', mobile: '13800000001', role: 'admin', label: '系统管理员' },
  { username: 'specialist', mobile: '13800000002', role: 'specialist', label: '企服专员（前台）', department: COORDINATION_OFFICE_CODE },
  {
    username: 'coordinator',
    mobile: '13800000003',
    role: 'coordinator',
    label: '企业服务办（中台）',
    department: COORDINATION_OFFICE_CODE,
  },
  { username: 'handler', mobile: '13800000004', role: 'handler', label: '承办部门（区市场监督管理局）', department: 'SCJ' },
  { username: 'cadre', mobile: '13800000005', role: 'cadre', label: '挂点干部（区工业和信息化局）', department: 'GXJ' },
  { username: 'leader', mobile: '13800000006', role: 'leader', label: '区领导（后台）' },
  { username: 'policy', mobile: '13800000007', role: 'policy_officer', label: '政策专员（区工业和信息化局）', department: 'GXJ' },
  { username: 'enterprise', mobile: '13800000008', role: 'enterprise', label: '企业用户' },
];

/** Departments whose handler account is also recorded as the department head. */
export const HANDLER_DEPARTMENT_KINDS = ['bureau', 'other'] as const;

export function handlerUsername(departmentCode: string): string {
  return `handler_${departmentCode.toLowerCase()}`;
}

export interface UserContext {
  departmentIds: ReadonlyMap<string, number>;
  streetIds: readonly number[];
  firstEnterpriseId: number;
  passwordHash: string;
  randomSeed: number;
}

/** Rows to insert, in a fixed order so that ids are the same on every run. */
export function buildUsers(ctx: UserContext): NewUser[] {
  const rng = new Rng(mixSeed(ctx.randomSeed, 3));
  const dept = (code: string): number => {
    const id = ctx.departmentIds.get(code);
    if (id === undefined) throw new Error(`unknown department ${code}`);
    return id;
  };
  const base = { password_hash: ctx.passwordHash, must_change_password: false } as const;
  const users: NewUser[] = [];

  for (const a of DEMO_ACCOUNTS) {
    users.push({
      ...base,
      username: a.username,
      mobile: a.mobile,
      role: a.role,
      display_name: personName(rng),
      department_id: a.department ? dept(a.department) : null,
      enterprise_id: a.role === 'enterprise' ? ctx.firstEnterpriseId : null,
      enterprise_role: a.role === 'enterprise' ? 'admin' : null,
    });
  }

  // Mobile numbers by group keep them unique and let a tester recognise the account type.
  const handlerDepartments = DEPARTMENTS.filter((d) => (HANDLER_DEPARTMENT_KINDS as readonly string[]).includes(d.kind));
  handlerDepartments.forEach((d, i) => {
    users.push({
      ...base,
      username: handlerUsername(d.code),
      mobile: `1390000${String(i + 1).padStart(4, '0')}`,
      role: 'handler',
      display_name: personName(rng),
      department_id: dept(d.code),
    });
  });

  const bureaus = DEPARTMENTS.filter((d) => d.kind === 'bureau');
  for (let i = 1; i <= 40; i++) {
    const d = bureaus[(i - 1) % bureaus.length];
    if (!d) continue;
    users.push({
      ...base,
      username: `cadre${String(i).padStart(2, '0')}`,
      mobile: `1370000${String(i).padStart(4, '0')}`,
      role: 'cadre',
      display_name: personName(rng),
      department_id: dept(d.code),
    });
  }

  for (let i = 1; i <= 5; i++) {
    users.push({
      ...base,
      username: `leader${String(i).padStart(2, '0')}`,
      mobile: `1360000${String(i).padStart(4, '0')}`,
      role: 'leader',
      display_name: personName(rng),
    });
  }

  // Extra specialists are stationed at streets (企航家 stations), still in the coordination office.
  for (let i = 1; i <= 3; i++) {
    users.push({
      ...base,
      username: `specialist${String(i).padStart(2, '0')}`,
      mobile: `1350000${String(i).padStart(4, '0')}`,
      role: 'specialist',
      display_name: personName(rng),
      department_id: dept(COORDINATION_OFFICE_CODE),
      street_id: ctx.streetIds[(i * 3) % Math.max(1, ctx.streetIds.length)] ?? null,
    });
  }
  return users;
}
