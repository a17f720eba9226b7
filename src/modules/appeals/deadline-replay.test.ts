import { describe, expect, it } from 'vitest';
import { Calendar } from '../calendar/calendar.ts';
import { DEFAULT_OFFICE_HOURS, shanghaiDateTime } from '../calendar/working-days.ts';
import { recount, recountHandling, replayDeadline, stepsFromEvents, type StepEvent } from './deadline-replay.ts';

// 2027 has no package data: Monday–Friday until an administrator enters it.
const plain = new Calendar();
const springFestival = new Calendar([
  { date: '2027-02-08', kind: 'holiday', name: '春节' },
  { date: '2027-02-09', kind: 'holiday', name: '春节' },
]);
const at = (local: string) => new Date(`${local}+08:00`);
const show = (d: Date | null) => (d ? shanghaiDateTime(d) : null);
const office = DEFAULT_OFFICE_HOURS;

describe('replaying an appeal timeline on another calendar', () => {
  // Accepted Monday 2027-02-01, waiting for the enterprise from Tuesday to the next Wednesday.
  const events: StepEvent[] = [
    { action: 'accept', at: at('2027-02-01T10:00'), data: { grade: 'normal' } },
    { action: 'request_info', at: at('2027-02-02T10:00'), data: null },
    { action: 'provide_info', at: at('2027-02-10T10:00'), data: { pausedMs: 8 * 86_400_000 } },
  ];

  it('gives back the waiting time as the loop did', () => {
    expect(show(replayDeadline(stepsFromEvents(events), 'normal', plain, office))).toBe('2027-02-12 18:00');
  });

  it('does not move a deadline for holidays that fell inside the pause (a plain recount would)', () => {
    const stored = replayDeadline(stepsFromEvents(events), 'normal', plain, office)!;
    expect(show(replayDeadline(stepsFromEvents(events), 'normal', springFestival, office))).toBe('2027-02-12 18:00');
    expect(
      recountHandling({ grade: 'normal', acceptedAt: at('2027-02-01T10:00'), deadline: stored, events }, plain, springFestival, office),
    ).toBeNull();
    // What a recount of the working days since acceptance would have said instead:
    expect(show(recount(at('2027-02-01T10:00'), stored, plain, springFestival))).toBe('2027-02-16 18:00');
  });

  it('adds approved extensions and restarts at an upheld return or a reopening, not at a rejected one', () => {
    const steps = stepsFromEvents([
      { action: 'accept', at: at('2027-02-01T10:00'), data: null },
      { action: 'decide_extension', at: at('2027-02-02T10:00'), data: { approved: true, workingDays: 2 } },
      { action: 'decide_extension', at: at('2027-02-02T11:00'), data: { approved: false } },
      { action: 'arbitrate_return', at: at('2027-02-03T10:00'), data: { decision: 'rejected' } },
    ]);
    expect(steps).toHaveLength(2);
    expect(show(replayDeadline(steps, 'normal', plain, office))).toBe('2027-02-08 18:00');
    expect(show(replayDeadline(steps, 'normal', springFestival, office))).toBe('2027-02-10 18:00');
    const again = stepsFromEvents([
      { action: 'accept', at: at('2027-01-04T10:00'), data: null },
      { action: 'arbitrate_return', at: at('2027-02-05T10:00'), data: { decision: 'upheld' } },
    ]);
    expect(show(replayDeadline(again, 'complex', springFestival, office))).toBe('2027-02-18 18:00');
  });

  it('falls back to recounting from the last start when the timeline does not give the stored deadline', () => {
    // A row with no events (an import, an older version): accepted Friday, due Wednesday.
    const moved = recountHandling(
      { grade: 'normal', acceptedAt: at('2027-02-05T09:00'), deadline: at('2027-02-10T17:30'), events: [] },
      plain,
      springFestival,
      office,
    );
    expect(moved).toEqual({ due: at('2027-02-12T17:30'), how: 'recount' });
    // Clock hours are never recounted.
    expect(
      recountHandling(
        { grade: 'urgent', acceptedAt: at('2027-02-08T09:00'), deadline: at('2027-02-09T18:00'), events: [] },
        plain,
        springFestival,
        office,
      ),
    ).toBeNull();
  });

  it('recounts only a deadline that fell on a working day after its start', () => {
    expect(recount(at('2027-02-05T09:00'), at('2027-02-06T18:00'), plain, springFestival)).toBeNull(); // a Saturday
    expect(recount(at('2027-02-05T09:00'), at('2027-02-05T21:00'), plain, springFestival)).toBeNull(); // the same day
  });
});
