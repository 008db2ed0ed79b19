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
  email: ColumnType<string | null, string | null | undefined, string | null>;
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

/** Maintained by triggers (0004_rollup.sql); read-only for the application. */
export interface DataRollupTable {
  ancestor_id: Ref;
  data_element_id: Ref;
  period: string;
  total: Num;
  units: number;
  via_units: number;
  approximate_units: number;
  demo_units: number;
  approved_total: Num;
  approved_units: number;
  approved_via_units: number;
  approved_approximate_units: number;
  approved_demo_units: number;
}

export interface BoundaryFileTable {
  unit_id: Ref;
  geojson: ColumnType<unknown, string, string>;
  licence: string;
  uploaded_by: Ref | null;
  uploaded_at: ColumnType<Date, never, Date>;
}

export interface CriteriaSetTable {
  id: Generated<string> & Id;
  model_type: string;
  code: string;
  version: number;
  name: string;
  source: string;
  verification: 'V' | 'P' | 'I';
  effective_from: DateCol;
  effective_to: DateCol | null;
  definition: Json<unknown>;
  created_at: ColumnType<Date, never, never>;
  created_by: Ref | null;
}

export interface LearningSubjectTable {
  id: Generated<string> & Id;
  kind: string;
  name: string;
  unit_id: Ref;
  birth_year: number | null;
  person_key: string | null;
  family_id: Ref | null;
  clan_id: Ref | null;
  valid_from: DateCol | null;
  valid_to: DateCol | null;
  created_by: Ref | null;
  created_at: ColumnType<Date, never, never>;
  version: Version;
}

export interface ModelCampaignTable {
  id: Generated<string> & Id;
  code: string;
  unit_id: Ref;
  model_type: string;
  year: number;
  title: string;
  closes_on: DateCol | null;
  created_by: Ref;
  created_at: ColumnType<Date, never, never>;
}

export interface ModelRegistrationTable {
  id: Generated<string> & Id;
  subject_id: Ref;
  model_type: string;
  year: number;
  unit_id: Ref;
  status: ColumnType<string, string | undefined, string>;
  channel: 'officer' | 'on_behalf' | 'self_service';
  campaign_id: Ref | null;
  submission_key: string | null;
  created_by: Ref | null;
  created_at: ColumnType<Date, never, never>;
  submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  comment: string | null;
  version: Version;
}

export interface ModelAssessmentTable {
  registration_id: Ref;
  role: 'self' | 'review';
  criteria_set_id: Ref;
  scores: Json<Record<string, number | boolean>>;
  target_group: string | null;
  difficult_area: ColumnType<boolean, boolean | undefined, boolean>;
  total: Num;
  max_total: Num;
  passed: boolean;
  level: string | null;
  reasons: Json<unknown[]>;
  assessed_by: Ref | null;
  assessed_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ModelEvidenceTable {
  id: Generated<string> & Id;
  registration_id: Ref;
  indicator: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  content: Buffer | null;
  url: string | null;
  note: string | null;
  uploaded_by: Ref | null;
  uploaded_at: ColumnType<Date, never, never>;
}

export interface ModelRegistrationEventTable {
  id: Generated<string> & Id;
  registration_id: Ref;
  action: string;
  from_status: string | null;
  to_status: string;
  actor_id: Ref | null;
  on_behalf: ColumnType<boolean, boolean | undefined, boolean>;
  comment: string | null;
  at: ColumnType<Date, never, never>;
}

export interface RecognitionDecisionTable {
  id: Generated<string> & Id;
  issuer_id: Ref;
  number: string;
  decided_on: DateCol;
  signer: string;
  signer_title: string | null;
  valid_until: DateCol | null;
  created_by: Ref;
  created_at: ColumnType<Date, never, never>;
}

export interface RecognitionTable {
  registration_id: Ref;
  decision_id: Ref;
  level: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface RecognitionRevocationTable {
  registration_id: Ref;
  issuer_id: Ref;
  number: string;
  decided_on: DateCol;
  reason: string;
  revoked_by: Ref;
  created_at: ColumnType<Date, never, never>;
}

export interface CertificateTable {
  code: string;
  registration_id: Ref;
  issued_at: ColumnType<Date, never, never>;
  revoked_at: Date | null;
}

export interface ReportObligationTable {
  id: Generated<string> & Id;
  code: string;
  plan_id: Ref | null;
  title: string;
  reporter_selector: Json<unknown>;
  reporter_text: string;
  recipient_id: Ref | null;
  recipient_text: string;
  due_rule: Json<unknown>;
  period_type: 'year' | 'mid_term' | 'final';
  first_period: number;
  last_period: number | null;
  legal_source: string;
  clause: string | null;
  verified: 'V' | 'P' | 'I';
  active: ColumnType<boolean, boolean | undefined, boolean>;
  source: string | null;
  version: ColumnType<number, never, number>;
  reminder_offsets: ColumnType<number[], number[] | undefined, number[]>;
}

export type ReportSubmissionStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export interface ReportSubmissionTable {
  id: Generated<string> & Id;
  obligation_id: Ref;
  unit_id: Ref;
  period: number;
  due_date: DateCol;
  status: ColumnType<ReportSubmissionStatus, ReportSubmissionStatus | undefined, ReportSubmissionStatus>;
  narrative: ColumnType<Record<string, string>, string | undefined, string>;
  prefilled: Json<unknown> | null;
  first_submitted_on: DateCol | null;
  submitted_on: DateCol | null;
  submitted_at: Date | null;
  accepted_at: Date | null;
  late: ColumnType<boolean | null, never, never>;
  created_by: Ref;
  updated_at: ColumnType<Date, never, Date>;
  version: ColumnType<number, never, number>;
}

export interface ReportEventTable {
  id: Generated<string> & Id;
  submission_id: Ref;
  at: ColumnType<Date, never, never>;
  actor_id: Ref;
  action: 'create' | 'save' | 'submit' | 'return' | 'accept';
  from_status: string | null;
  to_status: string;
  comment: string | null;
}

export interface ReportAttachmentTable {
  id: Generated<string> & Id;
  submission_id: Ref;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: Ref;
  uploaded_at: ColumnType<Date, never, never>;
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
  data_rollup: DataRollupTable;
  boundary_file: BoundaryFileTable;
  criteria_set: CriteriaSetTable;
  learning_subject: LearningSubjectTable;
  model_campaign: ModelCampaignTable;
  model_registration: ModelRegistrationTable;
  model_assessment: ModelAssessmentTable;
  model_evidence: ModelEvidenceTable;
  model_registration_event: ModelRegistrationEventTable;
  recognition_decision: RecognitionDecisionTable;
  recognition: RecognitionTable;
  certificate: CertificateTable;
  recognition_revocation: RecognitionRevocationTable;
  report_obligation: ReportObligationTable;
  notification: NotificationTable;
  outbound_email: OutboundEmailTable;
  report_submission: ReportSubmissionTable;
  report_event: ReportEventTable;
  report_attachment: ReportAttachmentTable;
  learning_centre: LearningCentreTable;
  learning_centre_year: LearningCentreYearTable;
  learning_centre_activity: LearningCentreActivityTable;
  event: EventTable;
  event_activity: EventActivityTable;
  exemplary: ExemplaryTable;
  learning_resource: LearningResourceTable;
  budget_line: BudgetLineTable;
  commendation_decision: CommendationDecisionTable;
  commendation_recipient: CommendationRecipientTable;
  study_fund: StudyFundTable;
  fund_entry: FundEntryTable;
  steering_committee: SteeringCommitteeTable;
  steering_committee_member: SteeringCommitteeMemberTable;
  steering_committee_meeting: SteeringCommitteeMeetingTable;
  steering_meeting_task: SteeringMeetingTaskTable;
  learning_city_framework: LearningCityFrameworkTable;
  learning_city: LearningCityTable;
  learning_city_unit: LearningCityUnitTable;
  learning_city_assessment: LearningCityAssessmentTable;
  learning_city_rating: LearningCityRatingTable;
  learning_city_evidence: LearningCityEvidenceTable;
  learning_city_event: LearningCityEventTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface NotificationTable {
  id: Generated<string> & Id;
  user_id: Ref;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  created_at: ColumnType<Date, never, never>;
  read_at: ColumnType<Date | null, never, Date | null>;
}

export interface OutboundEmailTable {
  id: Generated<string> & Id;
  notification_id: Ref;
  to_address: string;
  subject: string;
  body: string;
  created_at: ColumnType<Date, never, never>;
  sent_at: ColumnType<Date | null, never, Date | null>;
  attempts: ColumnType<number, never, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: ColumnType<string | null, never, string | null>;
}

/** Migration 0011: open learning resources, budget lines of plan tasks, commendation decisions. */
type Vnd = ColumnType<string, number, number>; // bigint đồng, read as string by pg

export interface LearningResourceTable {
  id: Generated<string> & Id;
  publisher_unit_id: Ref;
  title: string;
  description: string;
  subject: string;
  audience: string;
  format: string;
  language: string;
  licence: string;
  url: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  content: Buffer | null;
  status: ColumnType<'draft' | 'published', 'draft' | 'published' | undefined, 'draft' | 'published'>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  search_text: string;
  title_search: string;
  search_vector: ColumnType<string, never, never>;
  created_by: Ref;
  created_at: ColumnType<Date, never, never>;
  version: ColumnType<number, never, number>;
}

export interface BudgetLineTable {
  id: Generated<string> & Id;
  task_id: Ref;
  unit_id: Ref;
  year: number;
  source: 'state' | 'mobilised';
  planned: Vnd;
  allocated: Vnd;
  spent: Vnd;
  overspend_reason: string | null;
  note: string | null;
  created_by: Ref;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  version: ColumnType<number, never, number>;
}

export interface CommendationDecisionTable {
  id: Generated<string> & Id;
  issuer_unit_id: Ref;
  number: string;
  decided_on: DateCol;
  year: number;
  form: string;
  reason: string;
  subject_kind: 'task' | 'model_registration' | 'event' | null;
  subject_id: Ref | null;
  created_by: Ref;
  created_at: ColumnType<Date, never, never>;
  version: Generated<number>;                 // 0016
  updated_at: Generated<Date>;                // 0016
}

export interface CommendationRecipientTable {
  id: Generated<string> & Id;
  decision_id: Ref;
  person_name: string | null;
  unit_id: Ref | null;
  title: string | null;
}

// ---- community learning centres, events and campaigns (0010_centres_events.sql)

export interface LearningCentreTable {
  id: Generated<string> & Id;
  commune_id: Ref;
  name: string;
  valid_from: DateCol;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  successor_id: ColumnType<string | null, string | null | undefined, string | null>;
  decision: string | null;
  director: string | null;
  managers: ColumnType<number, number | undefined, number>;
  teachers: ColumnType<number, number | undefined, number>;
  collaborators: ColumnType<number, number | undefined, number>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_at: ColumnType<Date, never, never>;
}

export interface LearningCentreYearTable {
  centre_id: Ref;
  year: number;
  it_management: boolean;
  it_teaching: boolean;
  self_rating: string | null;
  reviewed_rating: ColumnType<string | null, string | null | undefined, string | null>;
  review_comment: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface LearningCentreActivityTable {
  centre_id: Ref;
  year: number;
  topic: string;
  classes: number;
  sessions: number;
  participants: number;
  breakdown: Json<Record<string, Record<string, number>>>;
}

export interface EventTable {
  id: Generated<string> & Id;
  unit_id: Ref;
  title: string;
  starts_on: DateCol;
  ends_on: DateCol;
  description: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_by: Ref | null;
}

export interface EventActivityTable {
  id: Generated<string> & Id;
  national_event: string | null;
  event_id: Ref | null;
  unit_id: Ref;
  title: string;
  starts_on: DateCol;
  ends_on: DateCol;
  status: 'planned' | 'reported';
  sessions: number;
  participants: number;
  media_pieces: number;
  notes: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_by: Ref | null;
}

export interface ExemplaryTable {
  id: Generated<string> & Id;
  unit_id: Ref;
  kind: 'learner' | 'model';
  name: string;
  year: number;
  story: string;
  consent: boolean;
  consent_on: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_by: Ref | null;
}

export interface StudyFundTable {
  id: Generated<string> & Id;
  unit_id: Ref;
  name: string;
  created_by: Ref;
  created_at: ColumnType<Date, never, never>;
}

export interface FundEntryTable {
  id: Generated<string> & Id;
  fund_id: Ref;
  kind: 'receipt' | 'disbursement';
  entry_date: DateCol;
  amount: Vnd;
  description: string;
  donor: string | null;
  pupil_name: string | null;
  pupil_school: string | null;
  created_by: Ref;
  created_at: ColumnType<Date, never, never>;
  reverses_id: Ref | null;                    // 0016: a reversing (correcting) entry of this one
  reason: string | null;                      // 0016: why it was reversed
}

// ---- steering committees (0014_steering_committees.sql)

export interface SteeringCommitteeTable {
  id: Generated<string> & Id;
  unit_id: Ref;
  name: string;
  decision_number: string;
  decision_date: DateCol;
  valid_from: DateCol;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  successor_id: ColumnType<string | null, string | null | undefined, string | null>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_at: ColumnType<Date, never, never>;
}

export interface SteeringCommitteeMemberTable {
  id: Generated<string> & Id;
  committee_id: Ref;
  person_name: string;
  person_key: string;
  position: string;
  agency: string;
  job_title: string | null;
  decision_number: string;
  decision_date: DateCol;
  valid_from: DateCol;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  replaces_id: ColumnType<string | null, string | null | undefined, string | null>;
  end_decision: ColumnType<string | null, string | null | undefined, string | null>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_at: ColumnType<Date, never, never>;
}

export interface SteeringCommitteeMeetingTable {
  id: Generated<string> & Id;
  committee_id: Ref;
  held_on: DateCol;
  kind: 'regular' | 'extraordinary';
  chair: string;
  attendee_count: number | null;
  attendees: string | null;
  agenda: string;
  minutes: string | null;
  conclusions: string | null;
  minutes_file_name: ColumnType<string | null, string | null | undefined, string | null>;
  minutes_media_type: ColumnType<string | null, string | null | undefined, string | null>;
  minutes_size: ColumnType<number | null, number | null | undefined, number | null>;
  minutes_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  minutes_content: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  version: Version;
  created_by: Ref | null;
  created_at: ColumnType<Date, never, never>;
}

export interface SteeringMeetingTaskTable {
  meeting_id: Ref;
  task_id: Ref;
  created_by: Ref | null;
  created_at: ColumnType<Date, never, never>;
}

/** Migration 0015: learning cities, the UNESCO Key Features framework, yearly self-assessments. */
export interface LearningCityFrameworkTable {
  id: Generated<string> & Id;
  code: string;
  version: number;
  name: string;
  verification: 'V' | 'P' | 'I';
  definition: Json<unknown>;
  created_at: ColumnType<Date, never, never>;
  created_by: Ref | null;
}

export interface LearningCityTable {
  id: Generated<string> & Id;
  name: string;
  province_id: Ref;
  gnlc_year: number | null;
  note: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  created_by: Ref | null;
  version: Version;
}

export interface LearningCityUnitTable {
  city_id: Ref;
  unit_id: Ref;
  valid_from: DateCol | null;
  valid_to: DateCol | null;
  anchor: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface LearningCityAssessmentTable {
  id: Generated<string> & Id;
  city_id: Ref;
  year: number;
  framework_id: Ref;
  status: ColumnType<'draft' | 'submitted' | 'returned' | 'accepted', 'draft' | 'submitted' | 'returned' | 'accepted' | undefined, 'draft' | 'submitted' | 'returned' | 'accepted'>;
  submitted_at: Date | null;
  submitted_by: Ref | null;
  reviewed_at: Date | null;
  reviewed_by: Ref | null;
  review_comment: string | null;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  created_by: Ref | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  version: Version;
}

export interface LearningCityRatingTable {
  assessment_id: Ref;
  feature_code: string;
  rating: number | null;
  narrative: string | null;
  review_comment: string | null;
}

export interface LearningCityEvidenceTable {
  id: Generated<string> & Id;
  assessment_id: Ref;
  feature_code: string;
  url: string | null;
  note: string | null;
  file_name: string | null;
  media_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  content: Buffer | null;
  uploaded_by: Ref | null;
  uploaded_at: ColumnType<Date, never, never>;
}

export interface LearningCityEventTable {
  id: Generated<string> & Id;
  assessment_id: Ref;
  action: string;
  from_status: string | null;
  to_status: string;
  version: number;
  actor_id: Ref | null;
  comment: string | null;
  at: ColumnType<Date, never, never>;
}
