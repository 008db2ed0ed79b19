import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { CriteriaSetDefinition } from '../../../../src/modules/learning-models/criteria';
import type { Action, ModelType, Status } from '../../../../src/modules/learning-models/workflow';

/** Types and queries of the learning-model pages (issue 5, part 2). */
export type { Action, ModelType, Status };

export const MODEL_OPTIONS: { value: ModelType; label: string }[] = [
  { value: 'learning_citizen', label: 'Công dân học tập' }, { value: 'learning_family', label: 'Gia đình học tập' },
  { value: 'learning_clan', label: 'Dòng họ học tập' }, { value: 'learning_community_hamlet', label: 'Cộng đồng học tập cấp thôn' },
  { value: 'learning_unit', label: 'Đơn vị học tập' }, { value: 'learning_community_commune', label: 'Cộng đồng học tập cấp xã' },
  { value: 'learning_community_district', label: 'Cộng đồng học tập cấp huyện' }, { value: 'learning_community_province', label: 'Cộng đồng học tập cấp tỉnh' },
];
export const STATUS_OPTIONS: { value: Status; label: string; color: string }[] = [
  { value: 'draft', label: 'Đang lập hồ sơ', color: 'default' }, { value: 'submitted', label: 'Đã nộp, chờ xét', color: 'processing' },
  { value: 'returned', label: 'Bị trả lại', color: 'warning' }, { value: 'proposed', label: 'Đã đề nghị công nhận', color: 'cyan' },
  { value: 'recognised', label: 'Đã công nhận', color: 'success' }, { value: 'rejected', label: 'Không công nhận', color: 'error' },
];
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
}

export interface Campaign { id: string; code: string; modelType: ModelType; modelLabel: string; year: number; title: string; closesOn: string | null; unitName: string; registrations: number }
export interface Subject { id: string; kind: string; name: string; unit: { id: string; name: string; kind: string }; birthYear: number | null }

export const lkeys = {
  list: (q: Query) => ['model-registrations', 'list', q] as const,
  one: (id: string) => ['model-registrations', 'one', id] as const,
  campaigns: ['model-campaigns'] as const,
};

export const useRegistrations = (q: Query) => useQuery({ queryKey: lkeys.list(q), queryFn: () => api<RegistrationRow[]>('/api/v1/model-registrations', { query: q }) });
export const useRegistration = (id: string) => useQuery({ queryKey: lkeys.one(id), queryFn: () => api<RegistrationDetail>(`/api/v1/model-registrations/${id}`) });
export const useCampaigns = () => useQuery({ queryKey: lkeys.campaigns, queryFn: () => api<Campaign[]>('/api/v1/model-campaigns') });

export const statusColor = (s: Status) => STATUS_OPTIONS.find((o) => o.value === s)?.color ?? 'default';
export const LEVEL_LABELS: Record<string, string> = { commune: 'cấp xã', district: 'cấp huyện', province: 'cấp tỉnh', self: 'thủ trưởng đơn vị', parent: 'cấp quản lý trực tiếp' };
