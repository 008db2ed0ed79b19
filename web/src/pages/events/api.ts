import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Role } from '../../api/types';

/** Types and queries of the events pages (issue 8): the yearly calendar, a unit's activities, exemplary learners. */
export const canWriteActivities = (role: Role) => role !== 'assessor' && role !== 'viewer';
export const canManageEvents = (role: Role) => role === 'admin' || role === 'coordinator';

export interface Totals { activities: number; reported: number; sessions: number; participants: number; mediaPieces: number }
export interface EventRow {
  id: string; kind: 'national' | 'local'; title: string; startsOn: string; endsOn: string; source: string | null; verified: string | null;
  organiser: { id: string; name: string } | null; description: string | null; demo: boolean; version: number | null; totals: Totals;
}
export interface ActivityRow {
  id: string; unit: { id: string; code: string; name: string }; title: string; startsOn: string; endsOn: string; status: 'planned' | 'reported'; statusLabel: string;
  sessions: number; participants: number; mediaPieces: number; notes: string | null; demo: boolean; version: number;
}
export interface EventDetail extends EventRow { activities: ActivityRow[] }
export interface Exemplary {
  id: string; unit: { id: string; name: string }; kind: 'learner' | 'model'; kindLabel: string; name: string; year: number; story: string;
  consent: boolean; consentOn: string | null; demo: boolean; version: number;
}

export const useEvents = (year: number) => useQuery({ queryKey: ['events', year], queryFn: () => api<EventRow[]>('/api/v1/events', { query: { year } }) });
export const useEvent = (id: string) => useQuery({ queryKey: ['event', id], queryFn: () => api<EventDetail>(`/api/v1/events/${id}`) });
export const useExemplary = (year: number) => useQuery({ queryKey: ['exemplary', year], queryFn: () => api<Exemplary[]>('/api/v1/exemplary', { query: { year } }) });
