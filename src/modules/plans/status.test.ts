import { describe, expect, it } from 'vitest';
import type { DueRule } from './deadlines.ts';
import { assignmentState, earliestDue, taskStatus, type LatestReport, type TaskStatus } from './status.ts';

const sept30: DueRule = { kind: 'date', date: '2020-09-30', phrase: 'trước ngày 30/9/2020' };
const yearlyOct15: DueRule = { kind: 'yearly', month: 10, day: 15, phrase: 'trước ngày 15/10' };
const issued = '2020-08-27';
const reports = (entries: [number | null, LatestReport][]) => new Map(entries);
const done = (completedOn: string): LatestReport => ({ status: 'done', percent: 100, completedOn });
const working: LatestReport = { status: 'in_progress', percent: 40, completedOn: null };

describe('one-off task state', () => {
  it('is on time when done on the deadline day and late the day after', () => {
    expect(assignmentState(sept30, issued, '2020-10-10', reports([[null, done('2020-09-30')]]))).toMatchObject({ status: 'done_on_time', dueDate: '2020-09-30' });
    expect(assignmentState(sept30, issued, '2020-10-10', reports([[null, done('2020-10-01')]])).status).toBe('done_late');
  });
  it('is overdue the day after the deadline, not on it', () => {
    expect(assignmentState(sept30, issued, '2020-09-30', reports([])).status).toBe('not_started');
    expect(assignmentState(sept30, issued, '2020-10-01', reports([]))).toMatchObject({ status: 'overdue', dueDate: '2020-09-30' });
    expect(assignmentState(sept30, issued, '2020-10-01', reports([[null, working]]))).toMatchObject({ status: 'overdue', percent: 40 });
  });
  it('is in progress once reported and before the deadline', () => {
    expect(assignmentState(sept30, issued, '2020-09-01', reports([[null, working]]))).toMatchObject({ status: 'in_progress', dueDate: '2020-09-30' });
  });
  it('is never overdue without a deadline', () => {
    expect(assignmentState({ kind: 'none' }, issued, '2030-01-01', reports([])).status).toBe('not_started');
    expect(assignmentState({ kind: 'none' }, issued, '2030-01-01', reports([[null, done('2029-05-01')]])).status).toBe('done_on_time');
  });
});

describe('yearly task state', () => {
  it('is overdue while the previous cycle was not reported done', () => {
    // On 23/11/2026 the 15/10/2026 deadline has passed: cycle 2026 is owed, 2027 is being worked on.
    const s = assignmentState(yearlyOct15, issued, '2026-11-23', reports([[2025, done('2025-10-01')], [2026, working]]));
    expect(s).toMatchObject({ status: 'overdue', period: 2026, dueDate: '2026-10-15', percent: 40 });
  });
  it('moves to the next cycle once the last one is done', () => {
    const s = assignmentState(yearlyOct15, issued, '2026-11-23', reports([[2026, done('2026-10-15')]]));
    expect(s).toMatchObject({ status: 'not_started', period: 2027, dueDate: '2027-10-15' });
    const early = assignmentState(yearlyOct15, issued, '2026-11-23', reports([[2026, done('2026-10-15')], [2027, done('2026-11-20')]]));
    expect(early).toMatchObject({ status: 'done_on_time', period: 2027, dueDate: '2028-10-15' });
  });
  it('judges the current cycle against its own deadline', () => {
    expect(assignmentState(yearlyOct15, issued, '2026-10-01', reports([[2025, done('2025-10-20')]]))).toMatchObject({ status: 'not_started', period: 2026, dueDate: '2026-10-15' });
    expect(assignmentState(yearlyOct15, issued, '2026-10-01', reports([[2025, done('2025-10-20')], [2026, working]]))).toMatchObject({ status: 'in_progress', period: 2026 });
  });
  it('owes nothing before its first cycle ends', () => {
    expect(assignmentState(yearlyOct15, issued, '2020-09-01', reports([]))).toMatchObject({ status: 'not_started', period: 2020, dueDate: '2020-10-15' });
    expect(assignmentState(yearlyOct15, issued, '2020-10-16', reports([]))).toMatchObject({ status: 'overdue', period: 2020 });
  });
});

describe('task status across its units', () => {
  it('is overdue if any unit is, done only when all are', () => {
    expect(taskStatus(['done_on_time', 'overdue', 'in_progress'])).toBe('overdue');
    expect(taskStatus(['done_on_time', 'done_late'])).toBe('done_late');
    expect(taskStatus(['done_on_time', 'done_on_time'])).toBe('done_on_time');
    expect(taskStatus(['done_on_time', 'not_started'])).toBe('in_progress');
    expect(taskStatus(['not_started', 'not_started'])).toBe('not_started');
    expect(taskStatus([])).toBe('not_started');
  });
  it('takes the earliest deadline still owed', () => {
    const s = (status: TaskStatus, dueDate: string | null, period: number | null = null) => ({ status, dueDate, period });
    expect(earliestDue([s('not_started', null), s('in_progress', '2026-12-01'), s('overdue', '2025-10-15')])).toBe('2025-10-15');
    // A one-off task done late owes nothing; a yearly task done for 2026 owes 2027.
    expect(earliestDue([s('done_late', '2020-09-30'), s('done_on_time', '2027-10-15', 2027)])).toBe('2027-10-15');
    expect(earliestDue([s('done_late', '2020-09-30')])).toBeNull();
  });
});
