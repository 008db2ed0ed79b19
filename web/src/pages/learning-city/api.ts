import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role } from '../../api/types';
import type { AssessmentView } from '../../../../src/modules/learning-city/store';

/** Types and queries of the learning-city pages (issue 8 §7); the shapes are the server's. */
export type { AssessmentView };
export type AreaView = AssessmentView['areas'][number];
export type FeatureView = AreaView['features'][number];
export type IndicatorView = FeatureView['indicators'][number];

export interface CitySummary {
  id: string; name: string; gnlcYear: number | null; note: string | null; demo: boolean; version: number;
  province: { name: string; ended: boolean }; provinceNow: string | null;
  anchor: { id: string; code: string; name: string; validFrom: string | null; validTo: string | null } | null; unitsNow: number;
  latest: { year: number; status: string; statusLabel: string; score: number | null; scoreMax: number; percent: number; rated: number; features: number; demo: boolean } | null;
  years: number[];
}

export const canWriteCity = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'agency_reporter' || role === 'unit_officer';

/** The roles of `POST /api/v1/learning-cities` (ROLES.manage on the server). */
export const canManageCities = (role: Role) => role === 'admin' || role === 'coordinator';

export const useCities = () => useQuery({ queryKey: ['learning-cities'], queryFn: () => api<CitySummary[]>('/api/v1/learning-cities') });
export const assessmentPath = (id: string, year: number) => `/api/v1/learning-cities/${id}/assessments/${year}`;
export const useAssessment = (id: string, year: number) =>
  useQuery({ queryKey: ['learning-city', id, year], queryFn: () => api<AssessmentView>(assessmentPath(id, year)) });

export const STATUS_COLORS: Record<string, string> = { draft: 'default', submitted: 'blue', returned: 'orange', accepted: 'green' };
