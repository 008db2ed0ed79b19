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

// ——— Universal education (PCGD) and literacy (XMC), Nghị định 20/2014 ———

export const PCGD_STANDARDS = ['preschool5', 'primary', 'lowerSecondary', 'literacy'] as const;
export type PcgdStandard = (typeof PCGD_STANDARDS)[number];
export type PcgdLevels = Record<PcgdStandard, number>;
export type PcgdVerification = 'V' | 'P' | 'I';

/** A rate as (numerator, denominator); den 0 is an empty cohort. */
export interface PcgdRate { num: number; den: number }

export const PCGD_RATE_NAMES = [
  'preschool5Attending', 'preschool5Completed', 'grade1At6', 'primaryCompleted11to14', 'primaryCompleted11',
  'lowerSecondaryDiploma15to18', 'upperStudying15to18', 'literate1', 'literate2',
] as const;
export type PcgdRateName = (typeof PCGD_RATE_NAMES)[number];

export interface PcgdCondition {
  standard: PcgdStandard;
  level: number;
  rule: string;
  text: string;
  rate?: PcgdRate;
  threshold?: number;
  met: boolean;
  source: string;
  verified: PcgdVerification;
}

export interface PcgdCommuneResult {
  code: string;
  levels: PcgdLevels;
  rates: Partial<Record<PcgdRateName, PcgdRate>>;
  conditions: PcgdCondition[];
  unmet11: number;
}

export interface PcgdAreaResult {
  code: string;
  levels: PcgdLevels | null;
  shares: Partial<Record<PcgdStandard, Record<string, PcgdRate>>>;
  conditions: PcgdCondition[];
  note?: string;
}

export interface PcgdResultChild { code: string; name: string; kind: string; levels: PcgdLevels | null; surveyed: boolean }

export interface PcgdResultView {
  unit: { id: string; code: string; name: string; kind: string };
  year: number;
  ruleSet: string;
  levels: PcgdLevels | null;
  result: PcgdCommuneResult | PcgdAreaResult;
  computedAt: string;
  children: PcgdResultChild[];
}

/** One fault of a rejected import: the file, its row (1 = header) and column, the value read and the reason. */
export interface PcgdImportError {
  file: 'communes' | 'residents';
  row: number | null;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface PcgdDryRun { dryRun: true; year: number; communes: number; households: number; residents: number; counted: number }
export interface PcgdImported { dryRun: false; year: number; surveys: number; households: number; residents: number; counted: number }

export type PcgdResidentStatus = 'present' | 'moved_out' | 'deceased';
export type PcgdDisability = 'none' | 'can_learn' | 'cannot_learn';
export type PcgdEnrolled = 'none' | 'preschool' | 'primary' | 'lower_secondary' | 'upper_secondary' | 'continuing_upper' | 'vocational' | 'higher';

export interface PcgdResidentInput {
  householdCode: string;
  hamlet: string | null;
  personKey: string;
  fullName: string;
  sex: 'M' | 'F';
  birthYear: number;
  status: PcgdResidentStatus;
  disability: PcgdDisability;
  enrolled: PcgdEnrolled;
  highestGrade: number;
  lowerSecondaryDiploma: boolean;
  preschoolCompleted: boolean;
  literacyStage: 0 | 1 | 2;
}

export interface PcgdResident extends PcgdResidentInput {
  id: string;
  enrolmentConfirmed: boolean;
  version: number;
}

export interface PcgdSurvey {
  id: string;
  year: number;
  referenceDate: string;
  especiallyDifficult: boolean;
  version: number;
  communeId: string;
  communeCode: string;
  communeName: string;
}

export interface PcgdRegister { survey: PcgdSurvey; residents: PcgdResident[] }

export const PCGD_NAME_LISTS = ['not-literate-2', 'primary-11', 'no-diploma-15-18'] as const;
export type PcgdNameListKind = (typeof PCGD_NAME_LISTS)[number];

export interface PcgdNameListRow {
  hamlet: string | null;
  household: string;
  personKey: string;
  fullName: string;
  sex: 'M' | 'F';
  birthYear: number;
  age: number;
  commune: string;
  highestGrade: number;
  literacyStage: number;
  enrolled: PcgdEnrolled;
}

export interface PcgdNameList { title: string; year: number; rows: PcgdNameListRow[] }
