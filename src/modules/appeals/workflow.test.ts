import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/db/schema.ts';
import {
  ACTIONS,
  STATES,
  availableActions,
  decide,
  type AppealAction,
  type AppealState,
  type DecisionInput,
  type Relation,
} from './workflow.ts';

const ROLES: Role[] = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin'];
const RELATIONS: [string, Relation][] = [
  ['none', { ownEnterprise: false, leadDepartment: false, assistDepartment: false }],
  ['own', { ownEnterprise: true, leadDepartment: false, assistDepartment: false }],
  ['lead', { ownEnterprise: false, leadDepartment: true, assistDepartment: false }],
  ['assist', { ownEnterprise: false, leadDepartment: false, assistDepartment: true }],
];

/**
 * The specification, written out independently of workflow.ts:
 * action → "roles @ states [needs relation] → target".
 */
const SPEC: Record<AppealAction, string> = {
  accept: 'specialist,coordinator @ submitted → accepted',
  decline: 'specialist,coordinator @ submitted → declined',
  resolve_on_spot: 'specialist,coordinator @ accepted → replied',
  dispatch: 'specialist,coordinator @ accepted → dispatched',
  claim: 'handler @ dispatched [lead] → claimed',
  start: 'handler @ claimed [lead] → in_progress',
  claim_and_start: 'handler @ dispatched [lead] → in_progress',
  return: 'handler @ dispatched,claimed,in_progress [lead] → return_requested',
  arbitrate_return: 'coordinator @ return_requested → dispatched',
  transfer: 'coordinator @ dispatched,claimed,in_progress → dispatched',
  request_info: 'handler @ in_progress [lead] → awaiting_info',
  provide_info: 'enterprise @ awaiting_info [own] → in_progress',
  assist_opinion: 'handler @ dispatched,claimed,in_progress [assist] → same',
  reply: 'handler @ in_progress [lead] → replied',
  rate: 'enterprise @ replied [own] → closed',
  follow_up: 'specialist,coordinator,admin @ replied → closed',
  reopen: 'enterprise @ closed [own] → dispatched',
  close: 'coordinator @ replied → closed',
  request_extension: 'handler @ claimed,in_progress,awaiting_info [lead] → same',
  decide_extension: 'coordinator @ claimed,in_progress,awaiting_info → same',
  escalate: 'coordinator @ accepted,dispatched,claimed,in_progress,awaiting_info,return_requested → same',
  supervise: 'coordinator @ dispatched,claimed,in_progress,awaiting_info,return_requested → same',
  comment: 'coordinator,leader @ submitted,accepted,dispatched,claimed,in_progress,awaiting_info,return_requested,replied → same',
};

function parse(spec: string) {
  const m = /^(.+?) @ (.+?)(?: \[(\w+)\])? → (\w+)$/.exec(spec);
  if (!m) throw new Error(`bad spec ${spec}`);
  return { roles: m[1]!.split(','), states: m[2]!.split(','), needs: m[3], to: m[4]! };
}

describe('appeal workflow rules', () => {
  for (const action of ACTIONS) {
    const spec = parse(SPEC[action]);
    it(`${action}: allowed exactly for ${SPEC[action]}`, () => {
      for (const role of ROLES) {
        for (const state of STATES) {
          for (const [relName, relation] of RELATIONS) {
            const allowed = spec.roles.includes(role) && spec.states.includes(state) && (!spec.needs || spec.needs === relName);
            const d = decide(action, role, state, relation, { rating: 5, upheld: true });
            expect(d.ok, `${action} by ${role} (${relName}) in ${state}`).toBe(allowed);
            if (d.ok) expect(d.to).toBe(spec.to === 'same' ? state : spec.to);
            else expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
          }
        }
      }
    });
  }

  it('an unsatisfied rating (1–2) sends the appeal back to the department; 3–5 closes it', () => {
    const own = RELATIONS[1]![1];
    for (const rating of [1, 2]) expect(decide('rate', 'enterprise', 'replied', own, { rating })).toEqual({ ok: true, to: 'dispatched' });
    for (const rating of [3, 4, 5]) expect(decide('rate', 'enterprise', 'replied', own, { rating })).toEqual({ ok: true, to: 'closed' });
    // Handled on the spot, there is no department to send it back to: the front office takes it again.
    expect(decide('rate', 'enterprise', 'replied', own, { rating: 1, hasDepartment: false })).toEqual({ ok: true, to: 'accepted' });
  });

  it('a consultation (咨询) answered on the spot is closed at its reply; other types wait for a rating', () => {
    for (const role of ['specialist', 'coordinator'] as const) {
      expect(decide('resolve_on_spot', role, 'accepted', RELATIONS[0]![1], { appealType: 'consultation' })).toEqual({
        ok: true,
        to: 'closed',
      });
      for (const appealType of ['help', 'complaint', 'suggestion'] as const)
        expect(decide('resolve_on_spot', role, 'accepted', RELATIONS[0]![1], { appealType })).toEqual({ ok: true, to: 'replied' });
    }
  });

  it('follow_up: every outcome for every role in every state', () => {
    const OFFICE = ['specialist', 'coordinator', 'admin'];
    const cases: { input: DecisionInput; replied: AppealState; closedAwaiting: AppealState }[] = [
      { input: { outcome: 'rated', rating: 5 }, replied: 'closed', closedAwaiting: 'closed' },
      { input: { outcome: 'rated', rating: 3 }, replied: 'closed', closedAwaiting: 'closed' },
      { input: { outcome: 'rated', rating: 2 }, replied: 'dispatched', closedAwaiting: 'dispatched' },
      { input: { outcome: 'rated', rating: 1, hasDepartment: false }, replied: 'accepted', closedAwaiting: 'accepted' },
      { input: { outcome: 'not_reached' }, replied: 'replied', closedAwaiting: 'closed' },
      { input: { outcome: 'not_reached', lastAttempt: true }, replied: 'closed', closedAwaiting: 'closed' },
      { input: { outcome: 'declined' }, replied: 'closed', closedAwaiting: 'closed' },
    ];
    for (const c of cases) {
      for (const role of ROLES) {
        for (const state of STATES) {
          for (const awaitingRating of [false, true]) {
            for (const [relName, relation] of RELATIONS) {
              const d = decide('follow_up', role, state, relation, { ...c.input, awaitingRating });
              const allowed = OFFICE.includes(role) && (state === 'replied' || (state === 'closed' && awaitingRating));
              expect(d.ok, `follow_up ${JSON.stringify(c.input)} by ${role} (${relName}) in ${state}, awaiting ${awaitingRating}`).toBe(
                allowed,
              );
              if (d.ok) expect(d.to).toBe(state === 'replied' ? c.replied : c.closedAwaiting);
              else expect(d.reason).toBe(OFFICE.includes(role) ? 'state' : 'role');
            }
          }
        }
      }
    }
  });

  it('rate: the enterprise may rate a consultation closed at its reply, only while it awaits its rating', () => {
    const own = RELATIONS[1]![1];
    for (const role of ROLES) {
      for (const [relName, relation] of RELATIONS) {
        for (const rating of [1, 2, 3, 4, 5]) {
          const d = decide('rate', role, 'closed', relation, { rating, hasDepartment: false, awaitingRating: true });
          const allowed = role === 'enterprise' && relName === 'own';
          expect(d.ok, `rate ${rating} by ${role} (${relName})`).toBe(allowed);
          if (d.ok) expect(d.to).toBe(rating >= 3 ? 'closed' : 'accepted');
        }
      }
    }
    expect(decide('rate', 'enterprise', 'closed', own, { rating: 5, awaitingRating: false })).toMatchObject({ ok: false, reason: 'state' });
    expect(availableActions('enterprise', 'closed', own, { awaitingRating: true })).toEqual(['rate', 'reopen']);
    expect(availableActions('specialist', 'closed', RELATIONS[0]![1], { awaitingRating: true })).toEqual(['follow_up']);
    expect(availableActions('specialist', 'closed', RELATIONS[0]![1])).toEqual([]);
  });

  it('explains a refusal by what is wrong: role, relation or state', () => {
    const none = RELATIONS[0]![1];
    const lead = RELATIONS[2]![1];
    expect(decide('claim', 'enterprise', 'dispatched', none)).toMatchObject({ ok: false, reason: 'role' });
    expect(decide('claim', 'handler', 'dispatched', none)).toMatchObject({ ok: false, reason: 'relation' });
    expect(decide('claim', 'handler', 'claimed', lead)).toMatchObject({ ok: false, reason: 'state' });
  });

  it('the lead handler may claim and start in one step, or claim alone to take it up later', () => {
    const lead = RELATIONS[2]![1];
    expect(availableActions('handler', 'dispatched', lead)).toEqual(['claim', 'claim_and_start', 'return']);
    expect(availableActions('handler', 'claimed', lead)).not.toContain('claim_and_start');
    expect(decide('claim_and_start', 'handler', 'claimed', lead)).toMatchObject({ ok: false, reason: 'state', message: /已签收/ });
  });

  it('covers every state', () => {
    const reachable = new Set<AppealState>(['submitted']);
    for (const action of ACTIONS) {
      const to = parse(SPEC[action]).to;
      if (to !== 'same') reachable.add(to as AppealState);
    }
    expect([...reachable].sort()).toEqual([...STATES].sort());
  });
});
