import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';
import type { Role } from '../../api/types';
import type { Narrative } from '../../../../src/modules/reports/narrative';
import type { Prefill } from '../../../../src/modules/reports/prefill';

/** Types and queries of the report pages (issue 6). */
export { NARRATIVE_SECTIONS, SECTION_TITLES, MAX_SECTION_CHARS } from '../../../../src/modules/reports/narrative';
export type { Narrative, Prefill };

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export const STATUS_COLORS: Record<ReportStatus | 'not_started', string> = { not_started: 'default', draft: 'processing', submitted: 'blue', returned: 'warning', accepted: 'success' };

export const canSubmitReports = (role: Role) => role === 'admin' || role === 'coordinator' || role === 'agency_reporter' || role === 'unit_officer';
export const canReviewReports = (role: Role) => role === 'admin' || role === 'coordinator';

export interface Obligation {
  id: string; code: string; plan: { id: string; number: string } | null; title: string; reporters: unknown; reporterText: string;
  recipient: { id: string; code: string; name: string } | null; recipientText: string; due: { kind: string; phrase?: string; month?: number; day?: number; year?: number };
  dueRuleText: string; periodType: 'year' | 'mid_term' | 'final'; periodTypeLabel: string; firstPeriod: number; lastPeriod: number | null;
  nextDue: { period: number; dueDate: string } | null; legalSource: string; clause: string | null; verified: 'V' | 'P' | 'I'; active: boolean; version: number;
  /** Days relative to the due date on which reminders go out (negative: before). */
  reminderOffsets: number[];
}

export interface MyReport {
  obligation: Obligation; period: number; dueDate: string; overdue: boolean; unit: { id: string; code: string; name: string };
  submission: { id: string; status: ReportStatus; statusLabel: string; late: boolean; version: number } | null;
}

export interface ReportEvent { id: string; at: string; action: string; from_status: string | null; to_status: string; toStatusLabel: string; comment: string | null; actor: string }

export interface Report {
  id: string; obligation: Obligation; unit: { id: string; code: string; name: string }; period: number; dueDate: string; status: ReportStatus; statusLabel: string;
  narrative: Narrative; firstSubmittedOn: string | null; submittedAt: string | null; acceptedAt: string | null; late: boolean; version: number;
  prefill: Prefill; figuresLive: boolean; canEdit: boolean; canReview: boolean; events: ReportEvent[];
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number }[];
}

export interface BoardRow {
  unit: { id: string; code: string; name: string; kind: string }; submissionId: string | null; status: ReportStatus | 'not_started'; statusLabel: string;
  firstSubmittedOn: string | null; submittedAt: string | null; acceptedAt: string | null; late: boolean; returns: number; version: number | null;
}
export interface Board {
  obligation: Obligation; year: number; dueDate: string; today: string; rows: BoardRow[];
  summary: { expected: number; submitted: number; onTime: number; late: number; accepted: number; returned: number; missing: number };
}

export const rkeys = {
  obligations: ['reports', 'obligations'] as const,
  my: ['reports', 'my'] as const,
  one: (id: string) => ['reports', 'one', id] as const,
  board: (q: Query) => ['reports', 'board', q] as const,
};

export const useObligations = () => useQuery({ queryKey: rkeys.obligations, queryFn: () => api<Obligation[]>('/api/v1/reports/obligations') });
export const useMyReports = () => useQuery({ queryKey: rkeys.my, queryFn: () => api<MyReport[]>('/api/v1/reports/my') });
export const useReport = (id: string) => useQuery({ queryKey: rkeys.one(id), queryFn: () => api<Report>(`/api/v1/reports/submissions/${id}`) });
export const useBoard = (obligation: string | undefined, year: number) => useQuery({
  queryKey: rkeys.board({ obligation, year }), enabled: Boolean(obligation),
  queryFn: () => api<Board>('/api/v1/reports/board', { query: { obligation, year } }),
});
