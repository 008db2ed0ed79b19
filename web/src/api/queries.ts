import { useQuery } from '@tanstack/react-query';
import { api, type Query } from './client';
import type { MyTask, OrgUnit, OverdueRow, PlanDetail, PlanSummary, TaskDetail, TaskView } from './types';

export const keys = {
  plans: ['plans'] as const,
  plan: (id: string) => ['plans', id] as const,
  planTasks: (id: string) => ['plans', id, 'tasks'] as const,
  task: (id: string) => ['tasks', id] as const,
  myTasks: ['my-tasks'] as const,
  overdue: (q: Query) => ['overdue', q] as const,
  orgUnits: (q: Query) => ['org-units', q] as const,
};

export const usePlans = () => useQuery({ queryKey: keys.plans, queryFn: () => api<PlanSummary[]>('/api/v1/plans') });
export const usePlan = (id: string) => useQuery({ queryKey: keys.plan(id), queryFn: () => api<PlanDetail>(`/api/v1/plans/${id}`) });
export const usePlanTasks = (id: string) =>
  useQuery({ queryKey: keys.planTasks(id), queryFn: () => api<TaskView[]>(`/api/v1/plans/${id}/tasks`) });
export const useTask = (id: string) => useQuery({ queryKey: keys.task(id), queryFn: () => api<TaskDetail>(`/api/v1/tasks/${id}`) });
export const useMyTasks = () => useQuery({ queryKey: keys.myTasks, queryFn: () => api<MyTask[]>('/api/v1/my-tasks') });
export const useOverdue = (q: Query) =>
  useQuery({ queryKey: keys.overdue(q), queryFn: () => api<OverdueRow[]>('/api/v1/overdue', { query: q }), placeholderData: (prev) => prev });
export const useOrgUnits = (q: Query) =>
  useQuery({ queryKey: keys.orgUnits(q), queryFn: () => api<OrgUnit[]>('/api/v1/org-units', { query: q }), placeholderData: (prev) => prev });
