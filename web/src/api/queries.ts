import { useQuery } from '@tanstack/react-query';
import { api, type Query } from './client';
import type {
  Lineage, MyTask, OrgUnit, OverdueRow, PcgdNameList, PcgdNameListKind, PcgdRegister, PcgdResultView, PlanDetail, PlanSummary, TaskDetail, TaskView,
} from './types';

export const keys = {
  plans: ['plans'] as const,
  plan: (id: string) => ['plans', id] as const,
  planTasks: (id: string) => ['plans', id, 'tasks'] as const,
  task: (id: string) => ['tasks', id] as const,
  myTasks: ['my-tasks'] as const,
  overdue: (q: Query) => ['overdue', q] as const,
  orgUnits: (q: Query) => ['org-units', q] as const,
  lineage: (code: string, at: string | undefined) => ['org-units', 'lineage', code, at ?? ''] as const,
  pcgdResult: (unit: string, year: number) => ['pcgd', 'results', unit, year] as const,
  pcgdResidents: (commune: string, year: number, q: string) => ['pcgd', 'residents', commune, year, q] as const,
  pcgdNameList: (list: string, unit: string, year: number) => ['pcgd', 'name-lists', list, unit, year] as const,
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

export const usePcgdResult = (unit: string | undefined, year: number) =>
  useQuery({
    queryKey: keys.pcgdResult(unit ?? '', year),
    queryFn: () => api<PcgdResultView>('/api/v1/pcgd/results', { query: { unit, year } }),
    enabled: !!unit,
  });
/** Personal data: every read is logged by the server, so no background refetching beyond the defaults. */
export const usePcgdResidents = (commune: string | undefined, year: number, q: string) =>
  useQuery({
    queryKey: keys.pcgdResidents(commune ?? '', year, q),
    queryFn: () => api<PcgdRegister>('/api/v1/pcgd/residents', { query: { commune, year, q } }),
    enabled: !!commune,
    placeholderData: (prev) => prev,
  });
export const usePcgdNameList = (list: PcgdNameListKind, unit: string | undefined, year: number) =>
  useQuery({
    queryKey: keys.pcgdNameList(list, unit ?? '', year),
    queryFn: () => api<PcgdNameList>(`/api/v1/pcgd/name-lists/${list}`, { query: { unit, year } }),
    enabled: !!unit,
  });
/** A unit as it stood on a date (404 when it did not exist then), with its predecessors and successors. */
export const useLineage = (code: string | undefined, at?: string) =>
  useQuery({
    queryKey: keys.lineage(code ?? '', at),
    queryFn: () => api<Lineage>(`/api/v1/org-units/${encodeURIComponent(code ?? '')}/lineage`, { query: { at } }),
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
