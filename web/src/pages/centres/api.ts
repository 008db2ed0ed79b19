import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api, ApiError, type Query } from '../../api/client';
import type { Role, ScopeUnit } from '../../api/types';
import { CATEGORIES } from '../../../../src/modules/indicators/categories';
import { RATING_SCALE } from '../../../../src/modules/learning-centres/rating';
import { TOPIC_LABELS, TOPICS, type Topic } from '../../../../src/modules/learning-centres/topics';

/** Types and queries of the community learning centre pages (issue 8). Topics, categories and levels come from the server's modules. */
export { CATEGORIES, RATING_SCALE, TOPIC_LABELS, TOPICS, type Topic };
export const PARTICIPANT_CATEGORIES = ['sex', 'ageBand', 'ethnicity'] as const;
export const RATING_OPTIONS = RATING_SCALE.levels.map((l) => ({ value: l.code, label: RATING_SCALE.verified === 'I' ? `${l.label} [I]` : l.label }));

export const canWriteCentres = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'unit_officer';
export const canReviewCentres = (role: Role) => role === 'admin' || role === 'coordinator';

export interface Commune { id: string; code: string; name: string; validFrom: string | null; validTo: string | null; parent: { code: string; name: string } | null }
export interface Staff { director: string | null; managers: number; teachers: number; collaborators: number }
export interface CentreRow {
  id: string; name: string; validFrom: string; validTo: string | null; decision: string | null; demo: boolean; version: number;
  commune: Commune; needsReorganisation: boolean; successor: { id: string; name: string } | null; staff: Staff;
  year: number; reported: boolean; itManagement: boolean; itTeaching: boolean; appliesIt: boolean;
  selfRatingLabel: string | null; reviewedRatingLabel: string | null; participants: number; sessions: number;
  ratings: { year: number; selfLabel: string | null; reviewedLabel: string | null }[];
}
export type Breakdown = Partial<Record<(typeof PARTICIPANT_CATEGORIES)[number], Partial<Record<string, number>>>>;
export interface Activity { topic: Topic; topicLabel: string; classes: number; sessions: number; participants: number; breakdown: Breakdown }
export interface CentreYear {
  year: number; itManagement: boolean; itTeaching: boolean; selfRating: string | null; selfRatingLabel: string | null;
  reviewedRating: string | null; reviewedRatingLabel: string | null; reviewComment: string | null; reviewer: string | null; reviewedAt: string | null;
  demo: boolean; version: number; activities: Activity[];
}
export interface LinkedCentre { id: string; name: string; validFrom: string; validTo: string | null; communeName: string }
export interface CentreDetail {
  id: string; name: string; validFrom: string; validTo: string | null; decision: string | null; demo: boolean; version: number;
  commune: Commune; staff: Staff; successor: LinkedCentre | null; predecessors: LinkedCentre[]; years: CentreYear[];
}

export const useCentres = (query: Query) =>
  useQuery({ queryKey: ['learning-centres', query], queryFn: () => api<CentreRow[]>('/api/v1/learning-centres', { query }) });
export const useCentre = (id: string) =>
  useQuery({ queryKey: ['learning-centre', id], queryFn: () => api<CentreDetail>(`/api/v1/learning-centres/${id}`) });

/** The communes an actor may pick on a date: its scope communes, and the communes below its other scope units. */
export function useScopeCommunes(scope: ScopeUnit[], at: string) {
  return useQuery({
    queryKey: ['scope-communes', scope.map((u) => u.id).join(','), at],
    queryFn: async () => {
      const below = await Promise.all(scope.filter((u) => u.kind !== 'commune').map((u) =>
        api<{ id: string; name: string; code: string }[]>('/api/v1/org-units', { query: { kind: 'commune', within: u.code, at } })));
      const all = [...scope.filter((u) => u.kind === 'commune'), ...below.flat()];
      return [...new Map(all.map((u) => [u.id, { value: u.id, label: `${u.name} (${u.code})` }])).values()];
    },
  });
}

/** Puts a problem's field errors (`body.activities.0.participants`) on the form's fields of the same name. */
export function showFieldErrors(form: FormInstance, err: unknown): void {
  if (!(err instanceof ApiError)) return;
  const byField = new Map<string, string[]>();
  for (const e of err.errors) {
    const name = e.field.replace(/^body\./, '');
    byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  form.setFields([...byField].map(([k, errors]) => ({ name: k.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors })));
}
