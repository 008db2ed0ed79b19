import { z } from 'zod';
import type { FieldError } from '../../http/problem.ts';
import { formatVnDate } from '../plans/deadlines.ts';

import { MEETING_KIND_LABELS, POSITION_LABELS, POSITIONS, MEETING_KINDS, type MeetingKind, type Position } from './labels.ts';

export { MEETING_KIND_LABELS, POSITION_LABELS, POSITIONS, MEETING_KINDS, type MeetingKind, type Position };

/** The unit kinds that have a committee: districts only until 30/06/2025 (their units end then). */
export const COMMITTEE_UNIT_KINDS = ['province', 'district', 'commune'] as const;

/** A date span; `to` null means still running. Both ends inclusive. */
export interface Span { from: string; to: string | null }

export const overlaps = (a: Span, b: Span) => (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
export const covers = (outer: Span, inner: Span) =>
  inner.from >= outer.from && (outer.to === null || (inner.to !== null && inner.to <= outer.to));
export const inSpan = (s: Span, day: string) => day >= s.from && (s.to === null || day <= s.to);

/** One person, however the name was typed (case, spaces, composed or decomposed accents). */
export const personKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

const spanText = (s: Span) => `${formatVnDate(s.from)} – ${s.to ? formatVnDate(s.to) : 'nay'}`;

/**
 * The dates of a committee against its unit's life and its establishing decision. A committee of a unit that has
 * ended (a district after 30/06/2025) must end by that day too.
 */
export function checkCommittee(c: { span: Span; decisionDate: string }, unit: { name: string; span: { from: string | null; to: string | null } }): FieldError[] {
  const errors: FieldError[] = [];
  if (c.span.to !== null && c.span.to < c.span.from) errors.push({ field: 'validTo', message: 'Ngày kết thúc trước ngày bắt đầu' });
  if (c.decisionDate > c.span.from) errors.push({ field: 'decisionDate', message: `Quyết định thành lập phải có trước hoặc cùng ngày bắt đầu (${formatVnDate(c.span.from)})` });
  if (unit.span.from !== null && c.span.from < unit.span.from) {
    errors.push({ field: 'validFrom', message: `${unit.name} chỉ có từ ngày ${formatVnDate(unit.span.from)}` });
  }
  if (unit.span.to !== null) {
    if (c.span.from > unit.span.to) errors.push({ field: 'validFrom', message: `${unit.name} đã kết thúc ngày ${formatVnDate(unit.span.to)}` });
    else if (c.span.to === null || c.span.to > unit.span.to) {
      errors.push({ field: 'validTo', message: `${unit.name} kết thúc ngày ${formatVnDate(unit.span.to)}: Ban Chỉ đạo phải kết thúc chậm nhất ngày đó` });
    }
  }
  return errors;
}

export interface MemberFacts { id?: string | undefined; personName: string; position: Position; span: Span }

/**
 * A membership against the committee and the other memberships (those it replaces already closed): inside the
 * committee's life, ending after it starts, one head at a time, and one seat at a time for one person.
 */
export function checkMember(committee: { span: Span }, others: readonly MemberFacts[], m: MemberFacts, fields = { from: 'validFrom', to: 'validTo' }): FieldError[] {
  const errors: FieldError[] = [];
  if (m.span.to !== null && m.span.to < m.span.from) {
    errors.push({ field: fields.to, message: 'Ngày thôi giữ chức vụ trước ngày bắt đầu' });
    return errors;
  }
  if (!covers(committee.span, m.span)) {
    const field = m.span.from < committee.span.from || (committee.span.to !== null && m.span.from > committee.span.to) ? fields.from : fields.to;
    errors.push({ field, message: `Ngoài thời gian hoạt động của Ban Chỉ đạo (${spanText(committee.span)})` });
  }
  const rest = others.filter((o) => o.id === undefined || o.id !== m.id);
  if (m.position === 'head') {
    const head = rest.find((o) => o.position === 'head' && overlaps(o.span, m.span));
    if (head) errors.push({ field: 'position', message: `Đã có Trưởng ban ${head.personName} (${spanText(head.span)}): thay thế người đó thay vì thêm mới` });
  }
  const same = rest.find((o) => personKey(o.personName) === personKey(m.personName) && overlaps(o.span, m.span));
  if (same) errors.push({ field: 'personName', message: `${same.personName} đang là ${POSITION_LABELS[same.position]} (${spanText(same.span)}) trong cùng thời gian` });
  return errors;
}

/** A meeting is recorded after it was held, while the committee was working. */
export function checkMeeting(committee: { span: Span }, heldOn: string, today: string): FieldError[] {
  if (heldOn > today) return [{ field: 'heldOn', message: `Ngày họp sau hôm nay (${formatVnDate(today)}): chỉ ghi cuộc họp đã diễn ra` }];
  if (!inSpan(committee.span, heldOn)) return [{ field: 'heldOn', message: `Ngoài thời gian hoạt động của Ban Chỉ đạo (${spanText(committee.span)})` }];
  return [];
}

/**
 * Ending a committee: not before its last meeting or a seat that started later; a successor starts exactly the next
 * day, so that the history has neither a gap nor an overlap.
 */
export function checkClosing(c: { span: Span }, validTo: string, facts: { lastMeeting: string | null; latestMemberStart: string | null; successor?: { name: string; from: string } | undefined }): FieldError[] {
  const errors: FieldError[] = [];
  if (c.span.to !== null) errors.push({ field: 'validTo', message: `Ban Chỉ đạo đã kết thúc ngày ${formatVnDate(c.span.to)}` });
  else if (validTo < c.span.from) errors.push({ field: 'validTo', message: `Trước ngày bắt đầu ${formatVnDate(c.span.from)}` });
  else if (facts.lastMeeting !== null && validTo < facts.lastMeeting) errors.push({ field: 'validTo', message: `Có cuộc họp ngày ${formatVnDate(facts.lastMeeting)} sau ngày này` });
  else if (facts.latestMemberStart !== null && validTo < facts.latestMemberStart) errors.push({ field: 'validTo', message: `Có thành viên bắt đầu ngày ${formatVnDate(facts.latestMemberStart)} sau ngày này` });
  if (facts.successor && facts.successor.from !== nextDay(validTo)) {
    errors.push({ field: 'successorId', message: `${facts.successor.name} bắt đầu ngày ${formatVnDate(facts.successor.from)}; Ban kế tiếp phải bắt đầu ngày ${formatVnDate(nextDay(validTo))}` });
  }
  return errors;
}

/** A task decided at a meeting cannot be due before the meeting. */
export function checkDeadline(heldOn: string, deadline: string): FieldError[] {
  return deadline < heldOn ? [{ field: 'deadline', message: `Thời hạn trước ngày họp ${formatVnDate(heldOn)}` }] : [];
}

export function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The seats held on a day, head first, in the order of the positions. */
export function membersAt<T extends { position: Position; span: Span; personName: string }>(members: readonly T[], day: string): T[] {
  return members.filter((m) => inSpan(m.span, day))
    .sort((a, b) => POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position) || a.personName.localeCompare(b.personName, 'vi'));
}

// ---- API shapes ----
const Id = z.string().regex(/^\d{1,18}$/, 'Mã số không hợp lệ');
const Version = z.number().int().min(1);
const Text = (max: number) => z.string().trim().max(max);
const Required = (max: number, what: string) => Text(max).min(1, `Chưa nhập ${what}`);
const DecisionNumber = Required(100, 'số quyết định');

export const IdParams = z.object({ id: Id });
export const CommitteeQuery = z.strictObject({
  within: z.string().max(32).optional().describe('Mã tỉnh/huyện/xã (tại ngày tham chiếu)'),
  at: z.iso.date().optional().describe('Ngày tham chiếu (mặc định: hôm nay)'),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export const DetailQuery = z.strictObject({ at: z.iso.date().optional().describe('Thành viên tại ngày (mặc định: hôm nay, hoặc ngày cuối của Ban đã kết thúc)') });
export const ExportQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json') });

export const CommitteeBody = z.strictObject({
  unitId: Id.describe('Tỉnh, huyện (trước 01/07/2025) hoặc xã'),
  name: Required(300, 'tên Ban Chỉ đạo').min(5, 'Tên tối thiểu 5 ký tự'),
  decisionNumber: DecisionNumber,
  decisionDate: z.iso.date(),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable().optional(),
  predecessorId: Id.optional().describe('Ban Chỉ đạo trước đó (đã kết thúc hôm trước) mà Ban này kế tiếp'),
});
export type CommitteeBody = z.infer<typeof CommitteeBody>;

export const CommitteePatchBody = z.strictObject({
  name: CommitteeBody.shape.name.optional(),
  decisionNumber: DecisionNumber.optional(),
  decisionDate: z.iso.date().optional(),
  validTo: z.iso.date().optional().describe('Kết thúc hoạt động (các thành viên đang giữ chức vụ thôi cùng ngày)'),
  successorId: Id.optional().describe('Ban kế tiếp, bắt đầu ngày hôm sau'),
  version: Version,
}).refine((b) => b.successorId === undefined || b.validTo !== undefined, { message: 'Chọn Ban kế tiếp thì phải ghi ngày kết thúc', path: ['validTo'] });
export type CommitteePatchBody = z.infer<typeof CommitteePatchBody>;

const MemberFields = {
  personName: Required(120, 'họ tên').min(3, 'Họ tên tối thiểu 3 ký tự'),
  agency: Required(300, 'cơ quan, đơn vị'),
  jobTitle: Text(200).nullable().optional(),
  decisionNumber: DecisionNumber,
  decisionDate: z.iso.date(),
};
export const MemberBody = z.strictObject({
  ...MemberFields, position: z.enum(POSITIONS), validFrom: z.iso.date(), validTo: z.iso.date().nullable().optional(),
});
export type MemberBody = z.infer<typeof MemberBody>;
export const ReplaceBody = z.strictObject({
  ...MemberFields, position: z.enum(POSITIONS).optional().describe('Mặc định: chức vụ của người được thay'),
  validFrom: z.iso.date().describe('Người mới bắt đầu; người cũ thôi ngày hôm trước'), version: Version,
});
export type ReplaceBody = z.infer<typeof ReplaceBody>;
export const EndBody = z.strictObject({ validTo: z.iso.date(), endDecision: Text(200).nullable().optional(), version: Version });
export type EndBody = z.infer<typeof EndBody>;

const MeetingFields = {
  heldOn: z.iso.date(),
  kind: z.enum(MEETING_KINDS),
  chair: Required(120, 'người chủ trì'),
  attendeeCount: z.number().int('Phải là số nguyên').min(0, 'Không được âm').max(1000).nullable().optional(),
  attendees: Text(5000).nullable().optional(),
  agenda: Required(5000, 'nội dung họp'),
  minutes: Text(50_000).nullable().optional(),
  conclusions: Text(20_000).nullable().optional(),
};
export const MeetingBody = z.strictObject(MeetingFields);
export type MeetingBody = z.infer<typeof MeetingBody>;
export const MeetingPatchBody = z.strictObject({ ...MeetingFields, version: Version });
export type MeetingPatchBody = z.infer<typeof MeetingPatchBody>;
export const VersionBody = z.strictObject({ version: Version });

export const AssignmentTask = z.strictObject({
  text: Required(2000, 'nội dung nhiệm vụ').min(5, 'Nội dung tối thiểu 5 ký tự'),
  leadUnitId: Id.describe('Cơ quan, đơn vị chủ trì'),
  coordinatingUnitIds: z.array(Id).max(30).default([]),
  coordinatingText: Text(500).nullable().optional(),
  deadline: z.iso.date().describe('Thời hạn hoàn thành'),
});
export const AssignmentBody = z.strictObject({
  planId: Id.describe('Kế hoạch mà nhiệm vụ được theo dõi trong đó'),
  tasks: z.array(AssignmentTask).min(1, 'Chưa có nhiệm vụ nào').max(20),
});
export type AssignmentBody = z.infer<typeof AssignmentBody>;

/** The minutes of a meeting: the signed PDF or the Word file, checked by content (src/http/file-types.ts). */
export const MINUTES_FILE_KINDS = ['pdf', 'docx'] as const;
