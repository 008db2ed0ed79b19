import { CheckOutlined, RollbackOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../api/client';
import { ikeys, reportPath, type ActionResult, type ApprovalLevel, type ReportAction, type ReportForm, type ReportStatus } from './api';
import { LEVEL_LABELS } from './shared';

/** Submitting, approving, returning and unapproving a report: one POST each, with the version the user saw. */

export interface ReportRef { dataSet: string; unitId: string; period: string }

export function postAction(ref: ReportRef, action: ReportAction, version: number, comment?: string) {
  return api<ActionResult>(`${reportPath(ref.dataSet, ref.unitId, ref.period)}/${action}`, { method: 'POST', body: { version, ...(comment ? { comment } : {}) } });
}

export function refreshReport(qc: QueryClient, ref: ReportRef) {
  void qc.invalidateQueries({ queryKey: ikeys.report(ref.dataSet, ref.unitId, ref.period) });
  void qc.invalidateQueries({ queryKey: ['indicators', 'completeness'] });
}

const DONE_TEXT: Record<ReportAction, string> = {
  submit: 'Đã gửi báo cáo',
  approve: 'Đã duyệt báo cáo',
  return: 'Đã trả lại báo cáo',
  unapprove: 'Đã hủy duyệt',
};
export function doneText(action: ReportAction, r: ActionResult) {
  if (action === 'approve' && r.level) return `Đã duyệt ${LEVEL_LABELS[r.level]}`;
  if (action === 'unapprove' && r.level) return `Đã hủy duyệt ${LEVEL_LABELS[r.level]}`;
  return DONE_TEXT[action];
}

/** What an approver may try on a report in a state; the server decides whether this user's level may. */
export function possibleActions(status: ReportStatus, final: boolean): ('approve' | 'return' | 'unapprove')[] {
  if (status === 'submitted') return ['approve', 'return'];
  if (status === 'approved') return final ? ['unapprove'] : ['approve', 'return', 'unapprove'];
  return [];
}

/** The reason asked for before returning a report (required by the server too). */
export function ReturnModal({ open, unitName, loading, onCancel, onOk }: { open: boolean; unitName: string; loading: boolean; onCancel: () => void; onOk: (comment: string) => void }) {
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = comment.trim() === '';
  return (
    <Modal
      open={open}
      title={`Trả lại báo cáo — ${unitName}`}
      okText="Trả lại"
      okButtonProps={{ danger: true, loading, 'data-testid': 'return-ok' } as ButtonProps}
      cancelText="Hủy"
      onCancel={onCancel}
      onOk={() => { setTouched(true); if (!empty) onOk(comment.trim()); }}
      destroyOnHidden
      afterClose={() => { setComment(''); setTouched(false); }}
    >
      <Typography.Paragraph type="secondary">
        Đơn vị sẽ được mở khóa để sửa số liệu rồi gửi lại. Hãy ghi rõ điều cần sửa.
      </Typography.Paragraph>
      <Input.TextArea
        rows={4}
        maxLength={2000}
        showCount
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        status={touched && empty ? 'error' : undefined}
        placeholder="Ví dụ: Số dân trong độ tuổi lao động chưa khớp niên giám thống kê 2024"
        data-testid="return-comment"
      />
      {touched && empty && <Typography.Text type="danger">Hãy nhập lý do trả lại</Typography.Text>}
    </Modal>
  );
}

/** Buttons of an approver on an open report form (drawer, entry page). */
export function ReportActions({ form, target }: { form: ReportForm; target: ReportRef }) {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [returning, setReturning] = useState(false);
  const act = useMutation({
    mutationFn: (v: { action: ReportAction; comment?: string }) => postAction(target, v.action, form.report.version, v.comment),
    onSuccess: (r, v) => { message.success(doneText(v.action, r)); setReturning(false); refreshReport(qc, target); },
    onError: (err) => {
      message.error(errorMessage(err));
      if (err instanceof ApiError && err.status === 409) refreshReport(qc, target);
    },
  });
  const actions = possibleActions(form.report.status, form.report.final);
  if (!actions.length) return null;
  const level: ApprovalLevel | null = form.pendingLevel;
  const approved = form.report.approvedLevel;
  return (
    <Flex gap={8} wrap>
      {actions.includes('approve') && level && (
        <Button type="primary" icon={<CheckOutlined />} loading={act.isPending && act.variables?.action === 'approve'} onClick={() => act.mutate({ action: 'approve' })} data-testid="report-approve">
          Duyệt {LEVEL_LABELS[level]}
        </Button>
      )}
      {actions.includes('return') && level && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">Trả lại</Button>
      )}
      {actions.includes('unapprove') && approved && (
        <Button
          icon={<UndoOutlined />}
          loading={act.isPending && act.variables?.action === 'unapprove'}
          data-testid="report-unapprove"
          onClick={() => modal.confirm({
            title: `Hủy duyệt ${LEVEL_LABELS[approved]}?`,
            content: 'Báo cáo trở về bước duyệt trước; số liệu vẫn bị khóa cho đến khi được trả lại.',
            okText: 'Hủy duyệt', cancelText: 'Không',
            onOk: () => act.mutateAsync({ action: 'unapprove' }).catch(() => undefined),
          })}
        >
          Hủy duyệt {LEVEL_LABELS[approved]}
        </Button>
      )}
      <ReturnModal open={returning} unitName={form.unit.name} loading={act.isPending} onCancel={() => setReturning(false)} onOk={(comment) => act.mutate({ action: 'return', comment })} />
    </Flex>
  );
}
