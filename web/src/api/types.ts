export const TASK_STATUSES = ['overdue', 'in_progress', 'not_started', 'done_late', 'done_on_time'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type Role = 'admin' | 'coordinator' | 'agency_reporter' | 'unit_officer' | 'assessor' | 'viewer';

export interface ScopeUnit { id: string; code: string; name: string; kind: string }

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  csrfToken: string;
  scope: ScopeUnit[];
}

export interface Party { code: string; name: string }

export interface PlanSummary {
  id: string;
  slug: string;
  number: string;
  issuedOn: string;
  issuer: Party;
  title: string;
  legalBasis: string[];
  periodFrom: number | null;
  periodTo: number | null;
  taskCount: number;
  statusCounts: Partial<Record<TaskStatus, number>>;
}

export interface PlanTarget { code: string; year: number; text: string; group?: string; percent?: number }
/** `position` is the document order, shared by sections and tasks. */
export interface PlanSection { id: string; parentId: string | null; code: string; title: string | null; text: string | null; position: number }

export interface PlanDetail extends Omit<PlanSummary, 'taskCount' | 'statusCounts' | 'slug'> {
  targets: PlanTarget[];
  sections: PlanSection[];
}

export interface Assignment {
  id: string;
  unit: Party & { id: string };
  status: TaskStatus;
  statusLabel: string;
  dueDate: string | null;
  period: number | null;
  percent: number;
  version: number;
  lastReportedAt: string | null;
  canReport: boolean;
}

export interface DueRule { kind: string; [k: string]: unknown }

export interface TaskView {
  id: string;
  planId: string;
  sectionId: string;
  position: number;
  code: string;
  text: string;
  leadAgency: Party;
  coordinatingAgencies: Party[];
  coordinatingText: string | null;
  dueRule: DueRule;
  dueRuleText: string;
  nextDueDate: string | null;
  status: TaskStatus;
  statusLabel: string;
  assignments: Assignment[];
}

export interface Evidence { id: string; fileName: string; sizeBytes: number; sha256: string; mediaType: string }

export interface ProgressReport {
  id: string;
  assignmentId: string;
  unitName: string;
  period: number | null;
  status: string;
  statusLabel: string;
  percent: number;
  completedOn: string | null;
  narrative: string;
  reportedAt: string;
  reporter: string;
  evidence: Evidence[];
}

export interface TaskDetail extends TaskView {
  plan: { id: string; number: string; title: string };
  history: ProgressReport[];
}

export interface MyTask {
  task: { id: string; code: string; text: string; dueRuleText: string };
  plan: { id: string; number: string };
  assignment: Assignment;
}

export interface OverdueRow {
  assignmentId: string;
  taskId: string;
  taskCode: string;
  taskText: string;
  planId: string;
  planNumber: string;
  unit: Party & { kind: string };
  dueDate: string;
  period: number | null;
  daysOverdue: number;
  percent: number;
  dueRuleText: string;
  lastReportedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface OrgUnit {
  id: string;
  code: string;
  kind: string;
  name: string;
  shortName: string | null;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** false: the unit or its succession is inferred [I], not checked against a founding document. */
  verified: boolean;
}

export interface LineageLink extends Omit<OrgUnit, 'parentCode' | 'shortName' | 'verified'> {
  via: string;
  effective: string;
  succession: 'merge' | 'split' | 'rename';
  share: number | null;
  depth: number;
}

export interface Lineage { unit: OrgUnit; predecessors: LineageLink[]; successors: LineageLink[] }

export interface ProgressInput {
  status: 'in_progress' | 'done';
  percent: number;
  narrative: string;
  completedOn?: string;
  period?: number;
  version: number;
  evidenceIds?: string[];
}
