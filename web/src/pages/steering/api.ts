import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api, ApiError, type Query } from '../../api/client';
import type { Role, TaskStatus } from '../../api/types';
import { MEETING_KIND_LABELS, POSITION_LABELS, POSITIONS, type MeetingKind, type Position } from '../../../../src/modules/steering-committees/labels';

/** Types and queries of the steering committee pages (issue 8 §6). Positions and meeting kinds come from the server's model. */
export { MEETING_KIND_LABELS, POSITION_LABELS, POSITIONS, type MeetingKind, type Position };
export const POSITION_OPTIONS = POSITIONS.map((p) => ({ value: p, label: POSITION_LABELS[p] }));
export const KIND_OPTIONS = (Object.keys(MEETING_KIND_LABELS) as MeetingKind[]).map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }));

/** The coordinating level keeps the records; every signed-in role reads within its scope. */
export const canWriteSteering = (role: Role) => role === 'admin' || role === 'coordinator';

export interface UnitRef { id: string; code: string; name: string; kind: string; parentName: string | null }
export interface CommitteeRow {
  id: string; name: string; decisionNumber: string; decisionDate: string; validFrom: string; validTo: string | null; demo: boolean;
  unit: UnitRef; head: string | null; members: number; meetings: number; lastMeeting: string | null; tasks: number;
}
export interface Member {
  id: string; personName: string; position: Position; positionLabel: string; agency: string; jobTitle: string | null; decisionNumber: string; decisionDate: string;
  validFrom: string; validTo: string | null; replaces: { id: string; personName: string } | null; endDecision: string | null; demo: boolean; version: number;
}
export interface LinkedCommittee { id: string; name: string; validFrom: string; validTo: string | null; unitName: string }
export interface MeetingRow {
  id: string; heldOn: string; kind: MeetingKind; kindLabel: string; chair: string; attendeeCount: number | null; agenda: string; conclusions: string | null;
  minutesFile: string | null; tasks: number; demo: boolean; version: number;
}
export interface CommitteeDetail {
  id: string; name: string; decisionNumber: string; decisionDate: string; validFrom: string; validTo: string | null; demo: boolean; version: number;
  unit: UnitRef & { validTo: string | null }; successor: LinkedCommittee | null; predecessors: LinkedCommittee[]; at: string;
  members: Member[]; history: Member[]; meetings: MeetingRow[];
}
export interface MeetingTask {
  id: string; code: string; text: string; plan: { id: string; number: string; title: string }; leadAgency: { code: string; name: string };
  coordinatingAgencies: { code: string; name: string }[]; coordinatingText: string | null; dueRuleText: string; nextDueDate: string | null;
  status: TaskStatus; statusLabel: string; percent: number; lastReportedAt: string | null;
}
export interface MeetingDetail {
  id: string; committee: { id: string; name: string; unitId: string; unitCode: string; unitName: string }; heldOn: string; kind: MeetingKind; kindLabel: string; chair: string;
  attendeeCount: number | null; attendees: string | null; agenda: string; minutes: string | null; conclusions: string | null;
  minutesFile: { name: string; sizeBytes: number | null } | null; demo: boolean; version: number; tasks: MeetingTask[];
}

const BASE = '/api/v1/steering-committees';
export const useCommittees = (query: Query) => useQuery({ queryKey: ['steering-committees', query], queryFn: () => api<CommitteeRow[]>(BASE, { query }) });
export const useCommittee = (id: string, at?: string) =>
  useQuery({ queryKey: ['steering-committee', id, at ?? null], queryFn: () => api<CommitteeDetail>(`${BASE}/${id}`, { query: { at } }) });
export const useMeeting = (id: string) => useQuery({ queryKey: ['steering-meeting', id], queryFn: () => api<MeetingDetail>(`${BASE}/meetings/${id}`) });
export const steeringPath = (path: string) => `${BASE}${path}`;

/** Puts a problem's field errors (`body.tasks.0.deadline`) on the form's fields of the same name. */
export function showFieldErrors(form: FormInstance, err: unknown, strip = /^body\./): void {
  if (!(err instanceof ApiError)) return;
  const byField = new Map<string, string[]>();
  for (const e of err.errors) {
    const name = e.field.replace(strip, '');
    byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  form.setFields([...byField].map(([k, errors]) => ({ name: k.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors })));
}
