import { describe, expect, it } from 'vitest';
import { transition } from './workflow.ts';

describe('report workflow', () => {
  it('goes draft → submitted → returned → submitted → accepted', () => {
    expect(transition('draft', 'save')).toEqual({ ok: true, to: 'draft' });
    expect(transition('draft', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'return', { comment: 'Bổ sung số liệu' })).toEqual({ ok: true, to: 'returned' });
    expect(transition('returned', 'save')).toEqual({ ok: true, to: 'returned' });
    expect(transition('returned', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'accept')).toEqual({ ok: true, to: 'accepted' });
  });

  it('locks an accepted report against every action', () => {
    for (const a of ['save', 'submit', 'return', 'accept'] as const) expect(transition('accepted', a)).toMatchObject({ ok: false, code: 'report.locked' });
  });

  it('keeps a submitted report out of the unit’s hands until it is returned', () => {
    expect(transition('submitted', 'save')).toMatchObject({ ok: false, code: 'report.under_review' });
    expect(transition('submitted', 'submit')).toMatchObject({ ok: false, code: 'report.under_review' });
  });

  it('reviews only submitted reports, and returns them only with a comment', () => {
    expect(transition('draft', 'accept')).toMatchObject({ ok: false, code: 'report.not_submitted' });
    expect(transition('returned', 'return', { comment: 'x' })).toMatchObject({ ok: false, code: 'report.not_submitted' });
    expect(transition('submitted', 'return')).toMatchObject({ ok: false, code: 'report.comment_required' });
    expect(transition('submitted', 'return', { comment: '   ' })).toMatchObject({ ok: false, code: 'report.comment_required' });
  });
});
