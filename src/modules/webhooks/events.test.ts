import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/db/schema.ts';
import { ACTIONS, STATES, decide, rulesFor, type AppealState, type DecisionInput } from '../appeals/workflow.ts';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from './dispatch.ts';
import { appealEvents, EVENTS } from './events.ts';

const ROLES: Role[] = ['enterprise', 'specialist', 'coordinator', 'handler', 'cadre', 'leader', 'policy_officer', 'admin'];
const everyRelation = { ownEnterprise: true, leadDepartment: true, assistDepartment: true };
/** Inputs that lead every branch of the workflow's `to` functions. */
const INPUTS: DecisionInput[] = [
  {},
  { rating: 5, hasDepartment: true },
  { rating: 1, hasDepartment: true },
  { rating: 1, hasDepartment: false },
  { upheld: true },
  { upheld: false },
  { appealType: 'consultation' },
  { appealType: 'help' },
  { outcome: 'rated', rating: 4 },
  { outcome: 'declined' },
  { outcome: 'not_reached' },
  { outcome: 'not_reached', lastAttempt: true },
  { outcome: 'rated', rating: 5, awaitingRating: true },
];

describe('webhook events of the appeal workflow', () => {
  it('raises an event for every transition of the workflow table, and none for a step that changes nothing', () => {
    const reached = new Set<AppealState>();
    const walked: string[] = [];
    for (const action of ACTIONS)
      for (const from of STATES)
        for (const role of ROLES)
          for (const input of INPUTS) {
            const d = decide(action, role, from, everyRelation, input);
            if (!d.ok) continue;
            const rated = action === 'rate' || (action === 'follow_up' && input.outcome === 'rated');
            const events = appealEvents(action, from, d.to, rated);
            const transition = rulesFor(action).to !== 'same' && (d.to !== from || action === 'transfer');
            if (transition) {
              reached.add(d.to);
              walked.push(`${action}:${from}->${d.to}`);
              expect(events, `${action}: ${from} → ${d.to}`).toContain(`appeal.${d.to}`);
            } else
              expect(
                events.filter((e) => e !== 'appeal.rated'),
                `${action} in ${from}`,
              ).toEqual([]);
            expect(events.includes('appeal.rated'), `${action} rating`).toBe(rated);
            for (const e of events) expect(EVENTS).toContain(e);
          }
    // Every state a step can lead to, declined included, is announced.
    expect([...reached].sort()).toEqual(STATES.filter((s) => s !== 'submitted').sort());
    expect(new Set(walked).size).toBeGreaterThanOrEqual(25);
  });

  it('says the rating first, then the state it leads to', () => {
    expect(appealEvents('decline', 'submitted', 'declined')).toEqual(['appeal.declined']);
    expect(appealEvents('rate', 'replied', 'closed')).toEqual(['appeal.rated', 'appeal.closed']);
    expect(appealEvents('transfer', 'dispatched', 'dispatched')).toEqual(['appeal.dispatched']);
    expect(appealEvents('follow_up', 'replied', 'replied', false)).toEqual([]);
  });
});

describe('webhook retry schedule', () => {
  it('waits 30 s, then doubles, over 8 attempts: 63.5 minutes from the first to the last, as the README says', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    const minutes = RETRY_DELAYS_MS.map((ms) => ms / 60_000);
    expect(minutes).toEqual([0.5, 1, 2, 4, 8, 16, 32]);
    const total = minutes.reduce((a, b) => a + b, 0);
    expect(total).toBe(63.5);
    const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    const waits = `${minutes[0]! * 60} s, then ${minutes.slice(1, -1).join(', ')} and ${minutes.at(-1)} minutes`;
    const stated = (text: string) => expect(readme.includes(text), `README states "${text}"`).toBe(true);
    stated(`${MAX_ATTEMPTS} attempts in all, waiting ${waits}`);
    stated(`${total} minutes after the first attempt`);
    expect(readme.includes('64 minutes'), 'README names no 64-minute wait').toBe(false);
  });
});
