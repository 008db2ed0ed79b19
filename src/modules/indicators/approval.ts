import type { ApprovalLevel, ReportStatus } from '../../db/schema.ts';

/**
 * Who approves a unit's report, lowest level first: a commune that sits under a district goes to its district and
 * then the province; every other unit to the province. The map decides, not a date: values belong to the unit in
 * force at the period's end, and after the reform of 01/07/2025 no commune sits under a district any more.
 */
export function approvalChain(unitKind: string, hasDistrict: boolean): ApprovalLevel[] {
  return unitKind === 'commune' && hasDistrict ? ['district', 'province'] : ['province'];
}

export interface ReportState {
  status: ReportStatus;
  approvedLevel: ApprovalLevel | null;
  final: boolean;
}
export const OPEN: ReportState = { status: 'open', approvedLevel: null, final: false };

export type ApprovalAction = 'submit' | 'approve' | 'return' | 'unapprove';

export const STATUS_LABELS: Record<ReportStatus, string> = {
  open: 'Đang nhập', submitted: 'Đã gửi, chờ duyệt', returned: 'Bị trả lại', approved: 'Đã duyệt',
};
export const LEVEL_LABELS: Record<ApprovalLevel, string> = { district: 'cấp huyện', province: 'cấp tỉnh' };

/** Values can be changed only while the report is being entered or after it was returned. */
export const editable = (s: ReportState) => s.status === 'open' || s.status === 'returned';

/** The level whose turn it is to approve (or return); null when nothing awaits approval. */
export function pendingLevel(s: ReportState, chain: readonly ApprovalLevel[]): ApprovalLevel | null {
  if (s.status === 'submitted') return chain[0] ?? null;
  if (s.status === 'approved' && !s.final) return chain[chain.indexOf(s.approvedLevel!) + 1] ?? null;
  return null;
}

/** The level that may withdraw the last approval. */
export const lastApprovedLevel = (s: ReportState): ApprovalLevel | null => (s.status === 'approved' ? s.approvedLevel : null);

export type Transition = { ok: true; state: ReportState; level: ApprovalLevel | null } | { ok: false; code: string; title: string };

/** The approval workflow as a pure state machine: open/returned → submitted → approved (per level) → final. */
export function transition(s: ReportState, action: ApprovalAction, chain: readonly ApprovalLevel[]): Transition {
  switch (action) {
    case 'submit':
      if (!editable(s)) return { ok: false, code: 'report.not_editable', title: 'Báo cáo đã gửi hoặc đã duyệt, không gửi lại được' };
      return { ok: true, state: { status: 'submitted', approvedLevel: null, final: false }, level: null };
    case 'approve': {
      const level = pendingLevel(s, chain);
      if (!level) return { ok: false, code: 'report.nothing_to_approve', title: 'Báo cáo không ở trạng thái chờ duyệt' };
      return { ok: true, state: { status: 'approved', approvedLevel: level, final: level === chain[chain.length - 1] }, level };
    }
    case 'return': {
      const level = pendingLevel(s, chain);
      if (!level) return { ok: false, code: 'report.nothing_to_return', title: 'Chỉ trả lại được báo cáo đang chờ duyệt; báo cáo đã duyệt phải hủy duyệt trước' };
      return { ok: true, state: { status: 'returned', approvedLevel: null, final: false }, level };
    }
    case 'unapprove': {
      const level = lastApprovedLevel(s);
      if (!level) return { ok: false, code: 'report.not_approved', title: 'Báo cáo chưa được duyệt' };
      const below = chain[chain.indexOf(level) - 1] ?? null;
      return { ok: true, state: below ? { status: 'approved', approvedLevel: below, final: false } : { status: 'submitted', approvedLevel: null, final: false }, level };
    }
  }
}
