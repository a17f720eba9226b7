import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/db/schema.ts';
import { ACTIONS, STATES, availableActions, decide, type ApplicationAction, type Relation } from './workflow.ts';

const ROLES: Role[] = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin'];
const RELATIONS: [string, Relation][] = [
  ['none', { ownEnterprise: false, policyDepartment: false }],
  ['own', { ownEnterprise: true, policyDepartment: false }],
  ['dept', { ownEnterprise: false, policyDepartment: true }],
];

/**
 * The specification, written out independently of workflow.ts: "roles @ states → target".
 * "reviewers" = policy_officer and admin with any relation, handler only for the policy's department.
 */
const SPEC: Record<ApplicationAction, string> = {
  accept: 'reviewers @ submitted → accepted',
  pass: 'reviewers @ accepted,in_review → in_review',
  approve: 'reviewers @ accepted,in_review → approved',
  refuse: 'reviewers @ submitted,accepted,in_review → refused',
  return: 'reviewers @ submitted,accepted,in_review → returned',
  resubmit: 'enterprise @ returned → submitted',
  withdraw: 'enterprise @ submitted,accepted,in_review,returned → withdrawn',
  sign_agreement: 'reviewers @ approved → agreement_signed',
  disburse: 'reviewers @ agreement_signed → disbursed',
};

function parse(spec: string) {
  const m = /^(\w+) @ (.+?) → (\w+)$/.exec(spec);
  if (!m) throw new Error(`bad spec ${spec}`);
  return { who: m[1]!, states: m[2]!.split(','), to: m[3]! };
}

function permitted(who: string, role: Role, rel: string): boolean {
  if (who === 'enterprise') return role === 'enterprise' && rel === 'own';
  return role === 'policy_officer' || role === 'admin' || (role === 'handler' && rel === 'dept');
}

describe('application workflow rules', () => {
  for (const action of ACTIONS) {
    const spec = parse(SPEC[action]);
    it(`${action}: allowed exactly for ${SPEC[action]}`, () => {
      for (const role of ROLES) {
        for (const state of STATES) {
          for (const [relName, relation] of RELATIONS) {
            // Levels chosen so that the level rule never stands in the way: pass is tested at
            // level 1 of 3, approve at the last level; the level rule has its own tests below.
            const levels = action === 'approve' ? { reviewLevel: 2, reviewLevels: 3 } : { reviewLevel: 0, reviewLevels: 3 };
            const allowed = permitted(spec.who, role, relName) && spec.states.includes(state);
            const d = decide(action, role, state, relation, levels);
            expect(d.ok, `${action} by ${role} (${relName}) in ${state}`).toBe(allowed);
            if (d.ok) expect(d.to).toBe(spec.to);
            else expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
          }
        }
      }
    });
  }

  const officer: Relation = { ownEnterprise: false, policyDepartment: false };

  it('passes level by level and approves only at the last level', () => {
    const levels = { reviewLevel: 0, reviewLevels: 3 };
    expect(decide('approve', 'policy_officer', 'accepted', officer, levels)).toMatchObject({ ok: false, reason: 'state' });
    const first = decide('pass', 'policy_officer', 'accepted', officer, levels);
    expect(first).toEqual({ ok: true, to: 'in_review', reviewLevel: 1 });
    const second = decide('pass', 'policy_officer', 'in_review', officer, { reviewLevel: 1, reviewLevels: 3 });
    expect(second).toEqual({ ok: true, to: 'in_review', reviewLevel: 2 });
    expect(decide('pass', 'policy_officer', 'in_review', officer, { reviewLevel: 2, reviewLevels: 3 })).toMatchObject({
      ok: false,
      reason: 'state',
    });
    expect(decide('approve', 'policy_officer', 'in_review', officer, { reviewLevel: 2, reviewLevels: 3 })).toEqual({
      ok: true,
      to: 'approved',
      reviewLevel: 3,
    });
  });

  it('with one level, acceptance is followed directly by approval', () => {
    const one = { reviewLevel: 0, reviewLevels: 1 };
    expect(decide('pass', 'admin', 'accepted', officer, one).ok).toBe(false);
    expect(decide('approve', 'admin', 'accepted', officer, one)).toEqual({ ok: true, to: 'approved', reviewLevel: 1 });
  });

  it('a resubmitted application starts its review again', () => {
    const own = { ownEnterprise: true, policyDepartment: false };
    expect(decide('resubmit', 'enterprise', 'returned', own, { reviewLevel: 2, reviewLevels: 3 })).toEqual({
      ok: true,
      to: 'submitted',
      reviewLevel: 0,
    });
  });

  it('lists the buttons an actor has', () => {
    expect(availableActions('policy_officer', 'accepted', officer, { reviewLevel: 0, reviewLevels: 2 })).toEqual([
      'pass',
      'refuse',
      'return',
    ]);
    expect(
      availableActions('enterprise', 'returned', { ownEnterprise: true, policyDepartment: false }, { reviewLevel: 0, reviewLevels: 1 }),
    ).toEqual(['resubmit', 'withdraw']);
    expect(availableActions('leader', 'submitted', officer, { reviewLevel: 0, reviewLevels: 1 })).toEqual([]);
  });
});
