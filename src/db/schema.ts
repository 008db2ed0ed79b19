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
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
