import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { CriteriaSetDefinition } from '../../../../src/modules/learning-models/criteria';
import type { RecognisedList, Statistics } from '../../../../src/modules/learning-models/statistics';
import { MODEL_LABELS, MODEL_TYPES, STATUS_LABELS, STATUSES, type Action, type ModelType, type Status } from '../../../../src/modules/learning-models/workflow';

/** Types and queries of the learning-model pages (issue 5, part 2). */
export type { Action, ModelType, Status };

/** Labels are the server's own (workflow.ts): one list for the API, the exports and the pages. */
export const MODEL_OPTIONS: { value: ModelType; label: string }[] = MODEL_TYPES.map((value) => ({ value, label: MODEL_LABELS[value] }));
const STATUS_COLORS: Record<Status, string> = {
  draft: 'default', submitted: 'processing', returned: 'warning', proposed: 'cyan', recognised: 'success', rejected: 'error', revoked: 'magenta',
};
export const STATUS_OPTIONS: { value: Status; label: string; color: string }[] = STATUSES.map((value) => ({ value, label: STATUS_LABELS[value], color: STATUS_COLORS[value] }));
export const CHANNEL_LABELS: Record<string, string> = { officer: 'Cán bộ nhập', on_behalf: 'Nhập hộ', self_service: 'Người dân tự đăng ký' };
/** The model a subject kind can hold, and the kind a model needs. */
export const SUBJECT_OF: Record<ModelType, string> = {
  learning_citizen: 'citizen', learning_family: 'family', learning_clan: 'clan', learning_community_hamlet: 'hamlet_community',
  learning_unit: 'learning_unit', learning_community_commune: 'commune', learning_community_district: 'district', learning_community_province: 'province',
};

export interface RegistrationRow {
  id: string; modelType: ModelType; modelLabel: string; year: number; status: Status; statusLabel: string; channel: string; submittedAt: string | null; version: number;
  subject: { id: string; kind: string; name: string; birthYear: number | null }; unit: { id: string; name: string };
  selfTotal: number | null; maxTotal: number | null; selfPassed: boolean | null; reviewTotal: number | null; reviewPassed: boolean | null;
  decision: { number: string; decidedOn: string } | null; dossierDue: string | null; dossierLate: boolean;
}

export interface Assessment {
  criteriaSetId: string; scores: Record<string, number | boolean>; targetGroup: string | null; difficultArea: boolean; total: number; maxTotal: number;
  passed: boolean; level: string | null; reasons: { code: string; message: string }[]; assessor: string | null; assessedAt: string;
}

export interface RegistrationDetail {
  id: string; modelType: ModelType; modelLabel: string; year: number; status: Status; statusLabel: string; channel: string; comment: string | null; version: number;
  createdAt: string; submittedAt: string | null; campaignCode: string | null;
  unit: { id: string; name: string; kind: string }; subject: { id: string; kind: string; name: string; birthYear: number | null; personKey: string | null };
  route: { proposer: string | null; recogniser: string; verified: string; source: string } | null; actions: Action[];
  calendar: { dossierDue: string | null; decisionDue: string | null; verified: string; source: string; dossierLate: boolean };
  criteriaSet: { id: string; code: string; version: number; name: string; verification: string; definition: CriteriaSetDefinition } | null;
  self: Assessment | null; review: Assessment | null;
  evidence: { id: string; indicator: string | null; fileName: string | null; mediaType: string | null; sizeBytes: number | null; url: string | null; note: string | null; uploadedAt: string }[];
  events: { action: string; from: string | null; to: string; onBehalf: boolean; comment: string | null; at: string; actor: string }[];
  recognition: { decision: { number: string; decidedOn: string; signer: string; signerTitle: string | null; validUntil: string | null; issuer: string }; level: string | null; certificateCode: string | null } | null;
  revocation: { decision: { number: string; decidedOn: string; issuer: string }; reason: string; revokedBy: string | null; revokedAt: string } | null;
}

/** A page of a list and the size of the whole filtered list. */
export interface Paged<T> { items: T[]; total: number; page: number; pageSize: number }
/** The most rows one XLSX export holds (registration.ts EXPORT_LIMIT). */
export const EXPORT_LIMIT = 20_000;

export interface Campaign { id: string; code: string; modelType: ModelType; modelLabel: string; year: number; title: string; closesOn: string | null; unitName: string; registrations: number }
export interface Subject {
  id: string; kind: string; name: string; unit: { id: string; name: string; kind: string }; birthYear: number | null;
  memberOf?: { id: string; name: string } | null; members?: number | null;
}
export interface Members { group: { id: string; kind: 'family' | 'clan'; name: string; unit: { id: string; name: string } }; memberKind: string; items: Subject[]; outsideScope: number }

export const lkeys = {
  list: (q: Query) => ['model-registrations', 'list', q] as const,
  one: (id: string) => ['model-registrations', 'one', id] as const,
  campaigns: ['model-campaigns'] as const,
};

export const useRegistrations = (q: Query) => useQuery({ queryKey: lkeys.list(q), queryFn: () => api<Paged<RegistrationRow>>('/api/v1/model-registrations', { query: q }), placeholderData: (prev) => prev });
export const useMembers = (subjectId: string, enabled: boolean) =>
  useQuery({ queryKey: ['learning-subjects', 'members', subjectId], enabled, queryFn: () => api<Members>(`/api/v1/learning-subjects/${subjectId}/members`) });
export const useRegistration = (id: string) => useQuery({ queryKey: lkeys.one(id), queryFn: () => api<RegistrationDetail>(`/api/v1/model-registrations/${id}`) });
export const useCampaigns = () => useQuery({ queryKey: lkeys.campaigns, queryFn: () => api<Campaign[]>('/api/v1/model-campaigns') });

export const statusColor = (s: Status) => STATUS_OPTIONS.find((o) => o.value === s)?.color ?? 'default';
export const LEVEL_LABELS: Record<string, string> = { commune: 'cấp xã', district: 'cấp huyện', province: 'cấp tỉnh', self: 'thủ trưởng đơn vị', parent: 'cấp quản lý trực tiếp' };

// ---- statistics (issue 5 §5): the shapes are the server's own (src/modules/learning-models/statistics.ts)
export type { GroupRow, LevelRow, ModelRow, ModelShare, RecognisedAggregate, RecognisedItem, RecognisedList, Statistics } from '../../../../src/modules/learning-models/statistics';

export const statisticsKeys = {
  statistics: (unitId: string, year: number) => ['learning-model-statistics', unitId, year] as const,
  recognised: (q: Query) => ['learning-model-recognised', q] as const,
};

/** Counts and shares of a unit's year; live (no long cache): a recognition moves them at once. */
export const useModelStatistics = (unitId: string | undefined, year: number) =>
  useQuery({
    queryKey: statisticsKeys.statistics(unitId ?? '', year),
    queryFn: () => api<Statistics>('/api/v1/learning-models/statistics', { query: { unitId, year } }),
    enabled: !!unitId,
    placeholderData: (prev) => prev,
  });

/** The recognised list; for readers of personal data it names citizens and the server logs the read, so callers load it on demand. */
export const useRecognised = (q: { unitId: string | undefined; year: number; modelType?: string | undefined }, enabled: boolean) =>
  useQuery({
    queryKey: statisticsKeys.recognised(q),
    queryFn: () => api<RecognisedList>('/api/v1/learning-models/recognised', { query: q }),
    enabled: enabled && !!q.unitId,
    staleTime: 60_000,
  });
