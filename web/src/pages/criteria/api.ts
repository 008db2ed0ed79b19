import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CriteriaSet, CriteriaSetDefinition, ModelType } from '../../../../src/modules/learning-models/criteria';
import type { Mark } from '../../../../src/modules/verification';
import type { Evaluation, EvaluationInput } from '../../../../src/modules/learning-models/evaluate';

/** Types (shared with the server, type-only) and queries of the criteria-set pages (issue 5). */

export type { CriteriaSetDefinition, Evaluation, EvaluationInput, Mark, ModelType };
export type Definition = CriteriaSetDefinition;
export type Group = Definition['groups'][number];
export type IndicatorDef = Group['indicators'][number];
export type PassRule = Definition['passRule'];

export interface CriteriaSetSummary extends Omit<CriteriaSet, 'definition'> { modelTypeLabel: string; versions: number; latest: boolean }
export interface CriteriaSetDetail extends CriteriaSet { modelTypeLabel: string; latestVersion: number; passRuleText: string; maxTotal: number | null }

export const ckeys = {
  all: ['criteria-sets'] as const,
  list: (code?: string) => ['criteria-sets', 'list', code ?? ''] as const,
  one: (id: string) => ['criteria-sets', 'one', id] as const,
};

export function useCriteriaSets() {
  return useQuery({ queryKey: ckeys.list(), queryFn: () => api<CriteriaSetSummary[]>('/api/v1/criteria-sets') });
}

export function useVersions(code: string | undefined) {
  return useQuery({
    queryKey: ckeys.list(code), enabled: !!code,
    queryFn: () => api<CriteriaSetSummary[]>('/api/v1/criteria-sets', { query: { code, allVersions: 'true' } }),
  });
}

export function useCriteriaSet(id: string) {
  return useQuery({ queryKey: ckeys.one(id), queryFn: () => api<CriteriaSetDetail>(`/api/v1/criteria-sets/${id}`) });
}

export const evaluateSet = (id: string, body: EvaluationInput) => api<Evaluation>(`/api/v1/criteria-sets/${id}/evaluate`, { method: 'POST', body });
export const saveVersion = (id: string, baseVersion: number, definition: Definition) =>
  api<CriteriaSet>(`/api/v1/criteria-sets/${id}/versions`, { method: 'POST', body: { baseVersion, definition } });

/** Points with up to two decimals, the Vietnamese way (84,99): scores sit right at band edges. */
const points = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
export const formatPoints = (n: number | null | undefined) => (n === null || n === undefined ? '—' : points.format(n));

/** Sum of the indicators' maximum points of a group (for a target group, the indicators that apply to it). */
export const groupMax = (g: Group, targetGroup?: string) =>
  g.indicators.filter((i) => !i.targetGroups || (targetGroup !== undefined && i.targetGroups.includes(targetGroup))).reduce((s, i) => s + (i.maxPoints ?? 0), 0);
