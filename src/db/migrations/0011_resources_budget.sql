-- Issue 8 part 2: open learning resources (học liệu mở), budget lines of plan tasks (dự toán kinh phí) and
-- commendation decisions (khen thưởng).

-- Accent-insensitive search without PostgreSQL extensions: the app folds Vietnamese text (src/modules/resources/fold.ts)
-- into search_text / title_search; the 'simple' text-search configuration then indexes the folded words as they are.
CREATE TABLE learning_resource (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  publisher_unit_id bigint NOT NULL REFERENCES org_unit(id),
  title             text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  description       text NOT NULL DEFAULT '',
  subject           text NOT NULL,
  audience          text NOT NULL,
  format            text NOT NULL,
  language          text NOT NULL DEFAULT 'vi',
  licence           text NOT NULL,
  url               text CHECK (url ~* '^https?://'),
  file_name         text,
  media_type        text,
  size_bytes        integer,
  sha256            text,
  content           bytea,
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_at      timestamptz,
  search_text       text NOT NULL,
  title_search      text NOT NULL,
  search_vector     tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  created_by        bigint NOT NULL REFERENCES app_user(id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1
);
CREATE INDEX learning_resource_search ON learning_resource USING gin (search_vector);
CREATE INDEX learning_resource_publisher ON learning_resource(publisher_unit_id, status);

-- VND amounts are whole đồng. Spending above the allocation must say why (the check backs up the app's own rule).
CREATE TABLE budget_line (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id           bigint NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  unit_id           bigint NOT NULL REFERENCES org_unit(id),
  year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source            text NOT NULL CHECK (source IN ('state', 'mobilised')),
  planned           bigint NOT NULL CHECK (planned >= 0),
  allocated         bigint NOT NULL CHECK (allocated >= 0),
  spent             bigint NOT NULL CHECK (spent >= 0),
  overspend_reason  text,
  note              text,
  created_by        bigint NOT NULL REFERENCES app_user(id),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1,
  UNIQUE (task_id, unit_id, year, source),
  CHECK (spent <= allocated OR length(trim(overspend_reason)) > 0)
);
CREATE INDEX budget_line_unit ON budget_line(unit_id, year);

-- A commendation decision (Bằng khen, Giấy khen, ...). What it was for is a typed reference: a task, a learning-model
-- registration or an event (the events table belongs to another module, so no foreign key).
CREATE TABLE commendation_decision (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  issuer_unit_id  bigint NOT NULL REFERENCES org_unit(id),
  number          text NOT NULL,
  decided_on      date NOT NULL,
  year            integer NOT NULL,
  form            text NOT NULL,
  reason          text NOT NULL DEFAULT '',
  subject_kind    text CHECK (subject_kind IN ('task', 'model_registration', 'event')),
  subject_id      bigint,
  created_by      bigint NOT NULL REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer_unit_id, number, year),
  CHECK (year = extract(year FROM decided_on)),
  CHECK ((subject_kind IS NULL) = (subject_id IS NULL))
);

CREATE TABLE commendation_recipient (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  decision_id  bigint NOT NULL REFERENCES commendation_decision(id) ON DELETE CASCADE,
  person_name  text,
  unit_id      bigint REFERENCES org_unit(id),
  title        text,   -- position or description of the person (chức vụ, đơn vị công tác)
  CHECK ((person_name IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX commendation_recipient_decision ON commendation_recipient(decision_id);

-- Study-promotion funds (quỹ khuyến học) of a unit: receipts and disbursements in whole đồng. Scholarships name the
-- pupil (personal data: read only by the unit's officers and the coordinating level, each read logged in access_log).
-- The balance never goes below zero: the app checks it with the fund row locked.
CREATE TABLE study_fund (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id     bigint NOT NULL UNIQUE REFERENCES org_unit(id),
  name        text NOT NULL,
  created_by  bigint NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fund_entry (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fund_id            bigint NOT NULL REFERENCES study_fund(id) ON DELETE CASCADE,
  kind               text NOT NULL CHECK (kind IN ('receipt', 'disbursement')),
  entry_date         date NOT NULL,
  amount             bigint NOT NULL CHECK (amount > 0),
  description        text NOT NULL,
  donor              text,          -- receipts: who gave
  pupil_name         text,          -- scholarships: the pupil (personal data)
  pupil_school       text,
  created_by         bigint NOT NULL REFERENCES app_user(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'disbursement' OR pupil_name IS NULL)
);
CREATE INDEX fund_entry_fund ON fund_entry(fund_id, entry_date, id);
