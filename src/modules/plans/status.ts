import { currentCycle, firstCycle, fixedDueDate, yearlyDate, type DueRule } from './deadlines.ts';

export const TASK_STATUSES = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const STATUS_LABELS: Record<TaskStatus, string> = {
  done_on_time: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành trễ hạn',
  in_progress: 'Đang thực hiện',
  overdue: 'Quá hạn',
  not_started: 'Chưa thực hiện',
};

/** The latest progress report of one assignment for one period (null period: a one-off task). */
export interface LatestReport {
  status: 'in_progress' | 'done';
  percent: number;
  completedOn: string | null;
}

export interface AssignmentState {
  status: TaskStatus;
  /** The deadline the state is judged against: a missed one first, else the next (for a done one-off task, the one it met or missed). */
  dueDate: string | null;
  /** The yearly cycle the state speaks of (recurring tasks only). */
  period: number | null;
  percent: number;
}

/**
 * Where one answerable unit stands on a task at `today`. One-off tasks are judged against their single
 * deadline. Yearly tasks are judged cycle by cycle: a missed previous cycle makes the task overdue until it
 * is reported done; otherwise the state is that of the current cycle.
 */
export function assignmentState(rule: DueRule, issuedOn: string, today: string, reports: ReadonlyMap<number | null, LatestReport>): AssignmentState {
  if (rule.kind === 'yearly') {
    const cycle = currentCycle(rule, issuedOn, today);
    const previous = cycle - 1;
    if (previous >= firstCycle(rule, issuedOn) && reports.get(previous)?.status !== 'done') {
      return { status: 'overdue', dueDate: yearlyDate(rule, previous), period: previous, percent: reports.get(previous)?.percent ?? 0 };
    }
    const due = yearlyDate(rule, cycle);
    const state = oneOffState(due, today, reports.get(cycle));
    return { ...state, dueDate: isDone(state.status) ? yearlyDate(rule, cycle + 1) : due, period: cycle };
  }
  return { ...oneOffState(fixedDueDate(rule), today, reports.get(null)), period: null };
}

function oneOffState(due: string | undefined, today: string, latest: LatestReport | undefined): Omit<AssignmentState, 'period'> {
  const percent = latest?.percent ?? 0;
  if (latest?.status === 'done') {
    const late = due !== undefined && latest.completedOn !== null && latest.completedOn > due;
    return { status: late ? 'done_late' : 'done_on_time', dueDate: due ?? null, percent: 100 };
  }
  if (due !== undefined && today > due) return { status: 'overdue', dueDate: due, percent };
  return { status: latest ? 'in_progress' : 'not_started', dueDate: due ?? null, percent };
}

/** A task addressed to several units: overdue if any is, done only when all are. */
export function taskStatus(states: readonly TaskStatus[]): TaskStatus {
  if (states.length === 0) return 'not_started';
  if (states.includes('overdue')) return 'overdue';
  if (states.every(isDone)) return states.includes('done_late') ? 'done_late' : 'done_on_time';
  if (states.some((s) => s !== 'not_started')) return 'in_progress';
  return 'not_started';
}

export const isDone = (s: TaskStatus) => s === 'done_on_time' || s === 'done_late';

/** The earliest deadline still owed among a task's units (a yearly task done for this cycle owes the next one). */
export function earliestDue(states: readonly Pick<AssignmentState, 'status' | 'dueDate' | 'period'>[]): string | null {
  return states.filter((s) => s.dueDate !== null && (s.period !== null || !isDone(s.status))).map((s) => s.dueDate!).sort()[0] ?? null;
}
