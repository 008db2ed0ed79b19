import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { AnalyticsFigure, Boundary, Children, Dashboard, PublicChild, UnitRef } from './types';

export const dashboardKeys = {
  dashboard: (unitId: string, plan: string, approvedOnly: boolean) => ['dashboard', unitId, plan, approvedOnly] as const,
  children: (indicator: string, unitId: string, period: string, approvedOnly: boolean) => ['analytics', 'children', indicator, unitId, period, approvedOnly] as const,
  figure: (indicator: string, unitId: string, period: string, approvedOnly: boolean) => ['analytics', 'figure', indicator, unitId, period, approvedOnly] as const,
  boundary: (unitId: string) => ['boundaries', unitId] as const,
  publicProvinces: ['public', 'provinces'] as const,
  publicProvince: (id: string) => ['public', 'provinces', id] as const,
  publicChildren: (id: string, indicator: string, period: string) => ['public', 'provinces', id, 'children', indicator, period] as const,
};

const flag = (b: boolean) => (b ? 'true' : undefined);

/** Live figures: computed on request from the values, so no long cache. */
export const useDashboard = (unitId: string | undefined, plan: string, approvedOnly: boolean) =>
  useQuery({
    queryKey: dashboardKeys.dashboard(unitId ?? '', plan, approvedOnly),
    queryFn: () => api<Dashboard>('/api/v1/dashboard', { query: { unitId, plan: plan || undefined, approvedOnly: flag(approvedOnly) } }),
    enabled: !!unitId,
    placeholderData: (prev) => prev,
  });

export const useChildren = (indicator: string | undefined, unitId: string | undefined, period: string | undefined, approvedOnly: boolean) =>
  useQuery({
    queryKey: dashboardKeys.children(indicator ?? '', unitId ?? '', period ?? '', approvedOnly),
    queryFn: () => api<Children>('/api/v1/analytics/children', { query: { indicator, unitId, period, approvedOnly: flag(approvedOnly) } }),
    enabled: !!indicator && !!unitId && !!period,
  });

export const useFigure = (indicator: string | undefined, unitId: string | undefined, period: string | undefined, approvedOnly: boolean) =>
  useQuery({
    queryKey: dashboardKeys.figure(indicator ?? '', unitId ?? '', period ?? '', approvedOnly),
    queryFn: () => api<AnalyticsFigure>('/api/v1/analytics', { query: { indicator, unitId, period, approvedOnly: flag(approvedOnly) } }),
    enabled: !!indicator && !!unitId && !!period,
  });

/** The uploaded boundary file of a unit, or null when there is none (the map then falls back to the tile grid). */
export const useBoundary = (unitId: string | undefined) =>
  useQuery({
    queryKey: dashboardKeys.boundary(unitId ?? ''),
    queryFn: async () => {
      try {
        return await api<Boundary>(`/api/public/v1/boundaries/${unitId}`, { skipUnauthorizedRedirect: true });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled: !!unitId,
    staleTime: 10 * 60_000,
  });

export const usePublicProvinces = () =>
  useQuery({ queryKey: dashboardKeys.publicProvinces, queryFn: () => api<UnitRef[]>('/api/public/v1/provinces', { skipUnauthorizedRedirect: true }) });

export const usePublicProvince = (id: string | undefined) =>
  useQuery({
    queryKey: dashboardKeys.publicProvince(id ?? ''),
    queryFn: () => api<Dashboard>(`/api/public/v1/provinces/${id}`, { skipUnauthorizedRedirect: true }),
    enabled: !!id,
  });

export const usePublicChildren = (id: string | undefined, indicator: string | undefined, period: string | undefined) =>
  useQuery({
    queryKey: dashboardKeys.publicChildren(id ?? '', indicator ?? '', period ?? ''),
    queryFn: () => api<PublicChild[]>(`/api/public/v1/provinces/${id}/children`, { query: { indicator, period }, skipUnauthorizedRedirect: true }),
    enabled: !!id && !!indicator && !!period,
  });
