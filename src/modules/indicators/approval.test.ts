import { describe, expect, it } from 'vitest';
import { approvalChain, editable, OPEN, transition, type ApprovalAction, type ReportState } from './approval.ts';
import type { ApprovalLevel } from '../../db/schema.ts';

const run = (chain: ApprovalLevel[], ...actions: ApprovalAction[]) => actions.reduce<ReportState>((s, a) => {
  const t = transition(s, a, chain);
  if (!t.ok) throw new Error(`${a}: ${t.code}`);
  return t.state;
}, OPEN);

describe('approval chain', () => {
  it('sends a commune under a district through it, everything else straight to the province', () => {
    expect(approvalChain('commune', true)).toEqual(['district', 'province']);
    expect(approvalChain('commune', false)).toEqual(['province']); // a commune after 01/07/2025, or directly under a city
    expect(approvalChain('district', false)).toEqual(['province']);
    expect(approvalChain('agency', false)).toEqual(['province']);
  });
});

describe('approval workflow', () => {
  const two: ApprovalLevel[] = ['district', 'province'];
  it('is final only after the last level', () => {
    expect(run(two, 'submit', 'approve')).toEqual({ status: 'approved', approvedLevel: 'district', final: false });
    expect(run(two, 'submit', 'approve', 'approve')).toEqual({ status: 'approved', approvedLevel: 'province', final: true });
    expect(run(['province'], 'submit', 'approve')).toEqual({ status: 'approved', approvedLevel: 'province', final: true });
  });
  it('locks values from submission until a return', () => {
    expect(editable(OPEN)).toBe(true);
    expect(editable(run(two, 'submit'))).toBe(false);
    expect(editable(run(two, 'submit', 'approve'))).toBe(false);
    expect(editable(run(two, 'submit', 'return'))).toBe(true);
    expect(editable(run(two, 'submit', 'approve', 'return'))).toBe(true); // the province returns what the district approved
  });
  it('unapproves one level at a time', () => {
    expect(run(two, 'submit', 'approve', 'approve', 'unapprove')).toEqual({ status: 'approved', approvedLevel: 'district', final: false });
    expect(run(two, 'submit', 'approve', 'approve', 'unapprove', 'unapprove')).toEqual({ status: 'submitted', approvedLevel: null, final: false });
  });
  it('names who acts: the pending level approves or returns, the last approver unapproves', () => {
    const s = run(two, 'submit', 'approve');
    expect(transition(s, 'approve', two)).toMatchObject({ ok: true, level: 'province' });
    expect(transition(s, 'return', two)).toMatchObject({ ok: true, level: 'province' });
    expect(transition(s, 'unapprove', two)).toMatchObject({ ok: true, level: 'district' });
  });
  it('refuses steps out of order', () => {
    expect(transition(OPEN, 'approve', two)).toMatchObject({ ok: false, code: 'report.nothing_to_approve' });
    expect(transition(OPEN, 'unapprove', two)).toMatchObject({ ok: false, code: 'report.not_approved' });
    expect(transition(run(two, 'submit'), 'submit', two)).toMatchObject({ ok: false, code: 'report.not_editable' });
    expect(transition(run(two, 'submit', 'approve', 'approve'), 'return', two)).toMatchObject({ ok: false, code: 'report.nothing_to_return' });
    expect(transition(run(two, 'submit', 'approve', 'approve'), 'approve', two)).toMatchObject({ ok: false });
  });
});
