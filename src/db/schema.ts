import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/** Row types of the tables; the migrations are the truth, this mirrors them for Kysely. */
type Id = ColumnType<string, never, never>; // bigint identity, read as string by pg
type Ref = ColumnType<string, string | number, string | number>;
type DateCol = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface OrgUnitTable {
  id: Generated<string> & Id;
  code: string;
  kind: string;
  name: string;
  short_name: string | null;
  parent_id: Ref | null;
  valid_from: DateCol | null;
  valid_to: DateCol | null;
  groups: ColumnType<string[], string[] | undefined, string[]>;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  source: string | null;
}

export interface OrgUnitSuccessionTable {
  id: Generated<string> & Id;
  from_unit_id: Ref;
  to_unit_id: Ref;
  effective: DateCol;
  kind: 'merge' | 'split' | 'rename';
  share: ColumnType<string | null, number | null | undefined, number | null>;
  source: string | null;
}

export interface OrgUnitCoverTable {
  ancestor_id: Ref;
  unit_id: Ref;
  via_succession: ColumnType<boolean, never, never>;
  approximate: ColumnType<boolean, never, never>;
}

export interface AppUserTable {
  id: Generated<string> & Id;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  version: ColumnType<number, never, number>;
}

export interface UserScopeTable {
  user_id: Ref;
  unit_id: Ref;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: Ref;
  csrf_token: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: ColumnType<Date, Date, Date>;
}

export interface AuditLogTable {
  id: Generated<string> & Id;
  at: ColumnType<Date, never, never>;
  actor_id: Ref | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface PlanTable {
  id: Generated<string> & Id;
  slug: string;
  number: string;
  issued_on: DateCol;
  issuer_id: Ref;
  title: string;
  legal_basis: ColumnType<string[], string | undefined, string>;
  period_from: number | null;
  period_to: number | null;
  targets: ColumnType<unknown[], string | undefined, string>;
  source: string | null;
}

export interface PlanSectionTable {
  id: Generated<string> & Id;
  plan_id: Ref;
  parent_id: Ref | null;
  code: string;
  title: string | null;
  text: string | null;
  position: number;
}

export interface TaskTable {
  id: Generated<string> & Id;
  plan_id: Ref;
  section_id: Ref;
  code: string;
  text: string;
  lead_code: string;
  lead_label: string;
  coordinating: Json<{ code: string; name: string }[]>;
  coordinating_text: string | null;
  due_rule: Json<unknown>;
  position: number;
}

export interface TaskAssignmentTable {
  id: Generated<string> & Id;
  task_id: Ref;
  unit_id: Ref;
  version: ColumnType<number, never, number>;
}

export interface TaskProgressTable {
  id: Generated<string> & Id;
  assignment_id: Ref;
  period: number | null;
  reporter_id: Ref;
  reported_at: ColumnType<Date, never, never>;
  status: 'in_progress' | 'done';
  percent: number;
  completed_on: DateCol | null;
  narrative: string;
}

export interface EvidenceFileTable {
  id: Generated<string> & Id;
  progress_id: Ref | null;
  assignment_id: Ref;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: Ref;
  uploaded_at: ColumnType<Date, never, never>;
}

export interface SurveyTable {
  id: Generated<string> & Id;
  commune_id: Ref;
  year: number;
  reference_date: DateCol;
  especially_difficult: boolean;
  rolled_from_id: Ref | null;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, number>;
}

export interface HouseholdTable {
  id: Generated<string> & Id;
  survey_id: Ref;
  code: string;
  hamlet: string | null;
}

export interface ResidentTable {
  id: Generated<string> & Id;
  survey_id: Ref;
  household_id: Ref;
  person_key: string;
  full_name: string;
  sex: 'M' | 'F';
  birth_year: number;
  status: 'present' | 'moved_out' | 'deceased';
  disability: 'none' | 'can_learn' | 'cannot_learn';
  enrolled: string;
  highest_grade: number;
  lower_secondary_diploma: boolean;
  preschool_completed: boolean;
  literacy_stage: number;
  enrolment_confirmed: ColumnType<boolean, boolean | undefined, boolean>;
  moved_from_survey_id: Ref | null;
  version: ColumnType<number, never, number>;
}

export interface CohortCountTable {
  survey_id: Ref;
  birth_year: number;
  highest_grade: number;
  literacy_stage: number;
  enrolled: string;
  diploma: boolean;
  preschool_completed: boolean;
  count: number;
}

export interface StandardResultTable {
  unit_id: Ref;
  year: number;
  rule_set: string;
  levels: ColumnType<unknown, string | null, string | null>;
  result: ColumnType<unknown, string, string>;
  computed_at: ColumnType<Date, never, Date>;
}

export interface AccessLogTable {
  id: Generated<string> & Id;
  at: ColumnType<Date, never, never>;
  actor_id: Ref;
  action: string;
  unit_id: Ref | null;
  detail: ColumnType<unknown, string | undefined, never>;
}

type Num = ColumnType<string, string | number, string | number>; // numeric, read as string by pg
type Version = ColumnType<number, never, number>;

export interface DataElementTable {
  id: Generated<string> & Id;
  code: string;
  name: string;
  description: string | null;
  value_type: ColumnType<'count' | 'number' | 'boolean', 'count' | 'number' | 'boolean' | undefined, 'count' | 'number' | 'boolean'>;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  about_people: ColumnType<boolean, boolean | undefined, boolean>;
  max_value: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  source: string | null;
  version: Version;
}

export interface IndicatorTable {
  id: Generated<string> & Id;
  code: string;
  name: string;
  description: string | null;
  aggregation: 'ratio' | 'sum' | 'share' | 'level';
  numerator_id: Ref | null;
  denominator_id: Ref | null;
  factor: ColumnType<string, string | number | undefined, string | number>;
  computed: ColumnType<unknown, string | null | undefined, string | null>;
  unit_label: ColumnType<string, string | undefined, string>;
  decimals: ColumnType<number, number | undefined, number>;
  legal_source: string | null;
  verified: ColumnType<'V' | 'P' | 'I', 'V' | 'P' | 'I' | undefined, 'V' | 'P' | 'I'>;
  version: Version;
}

export interface TargetTable {
  id: Generated<string> & Id;
  indicator_id: Ref;
  unit_id: Ref | null;
  year: number;
  value: Num;
  comparator: ColumnType<'>=' | '<=' | '=', '>=' | '<=' | '=' | undefined, '>=' | '<=' | '='>;
  document: string;
  plan_id: Ref | null;
  clause: string | null;
  text: string;
  verified: ColumnType<'V' | 'P' | 'I', 'V' | 'P' | 'I' | undefined, 'V' | 'P' | 'I'>;
  note: string | null;
}

export interface DataSetTable {
  id: Generated<string> & Id;
  code: string;
  name: string;
  period_type: string;
  unit_kinds: string[];
  deadline_days: ColumnType<number, number | undefined, number>;
  jump_warning: ColumnType<string, string | number | undefined, string | number>;
  description: string | null;
  version: Version;
}

export interface DataSetElementTable {
  data_set_id: Ref;
  data_element_id: Ref;
  position: number;
}

export type ReportStatus = 'open' | 'submitted' | 'returned' | 'approved';
export type ApprovalLevel = 'district' | 'province';

export interface DataReportTable {
  data_set_id: Ref;
  unit_id: Ref;
  period: string;
  status: ColumnType<ReportStatus, ReportStatus | undefined, ReportStatus>;
  approved_level: ApprovalLevel | null;
  final: ColumnType<boolean, boolean | undefined, boolean>;
  submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  due_on: DateCol;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  comment: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  version: Version;
}

export interface DataReportEventTable {
  id: Generated<string> & Id;
  data_set_id: Ref;
  unit_id: Ref;
  period: string;
  action: 'submit' | 'approve' | 'return' | 'unapprove';
  level: string | null;
  actor_id: Ref | null;
  at: ColumnType<Date, never, never>;
  comment: string | null;
}

export interface DataValueTable {
  unit_id: Ref;
  data_element_id: Ref;
  period: string;
  disaggregation: ColumnType<string, string | undefined, string>;
  value: Num;
  comment: string | null;
  updated_by: Ref | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface BoundaryFileTable {
  unit_id: Ref;
  geojson: ColumnType<unknown, string, string>;
  licence: string;
  uploaded_by: Ref | null;
  uploaded_at: ColumnType<Date, never, Date>;
}

export interface Database {
  org_unit: OrgUnitTable;
  org_unit_succession: OrgUnitSuccessionTable;
  org_unit_cover: OrgUnitCoverTable;
  app_user: AppUserTable;
  user_scope: UserScopeTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
  plan: PlanTable;
  plan_section: PlanSectionTable;
  task: TaskTable;
  task_assignment: TaskAssignmentTable;
  task_progress: TaskProgressTable;
  evidence_file: EvidenceFileTable;
  survey: SurveyTable;
  household: HouseholdTable;
  resident: ResidentTable;
  cohort_count: CohortCountTable;
  standard_result: StandardResultTable;
  access_log: AccessLogTable;
  data_element: DataElementTable;
  indicator: IndicatorTable;
  target: TargetTable;
  data_set: DataSetTable;
  data_set_element: DataSetElementTable;
  data_report: DataReportTable;
  data_report_event: DataReportEventTable;
  data_value: DataValueTable;
  boundary_file: BoundaryFileTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
