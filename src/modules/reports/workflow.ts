import type { ReportSubmissionStatus } from '../../db/schema.ts';

/**
 * The life of a unit's report: the unit drafts and submits it; the receiving level returns it with comments (the unit
 * corrects and submits again) or accepts it. An accepted report is final.
 */
export type ReportStatus = ReportSubmissionStatus;
export type ReportAction = 'save' | 'submit' | 'return' | 'accept';
type Role = 'reporter' | 'reviewer';

export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Đang soạn', submitted: 'Đã gửi', returned: 'Bị trả lại', accepted: 'Đã chấp nhận',
};

const RULES: Record<ReportAction, { by: Role; from: readonly ReportStatus[]; to: ReportStatus | 'same' }> = {
  save: { by: 'reporter', from: ['draft', 'returned'], to: 'same' },
  submit: { by: 'reporter', from: ['draft', 'returned'], to: 'submitted' },
  return: { by: 'reviewer', from: ['submitted'], to: 'returned' },
  accept: { by: 'reviewer', from: ['submitted'], to: 'accepted' },
};

export type Transition = { ok: true; to: ReportStatus } | { ok: false; code: string; message: string };

export function transition(status: ReportStatus, action: ReportAction, opts: { comment?: string | undefined } = {}): Transition {
  const rule = RULES[action];
  if (!rule.from.includes(status)) {
    if (status === 'accepted') return { ok: false, code: 'report.locked', message: 'Báo cáo đã được chấp nhận, không sửa được nữa' };
    if (rule.by === 'reporter') return { ok: false, code: 'report.under_review', message: 'Báo cáo đã gửi đang chờ xem xét; chỉ sửa được khi bị trả lại' };
    return { ok: false, code: 'report.not_submitted', message: 'Báo cáo chưa được gửi' };
  }
  if (action === 'return' && !opts.comment?.trim()) return { ok: false, code: 'report.comment_required', message: 'Trả lại báo cáo cần ghi rõ ý kiến' };
  return { ok: true, to: rule.to === 'same' ? status : rule.to };
}
