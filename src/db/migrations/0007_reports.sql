-- Reports (issue 6): who reports what to whom by which date (obligations, with their legal source), the reports the
-- units file against them (draft → submitted → returned / accepted) and the history of every step.

CREATE TABLE report_obligation (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9.-]{1,63}$'),  -- stable key of data/reports/obligations.yaml
  plan_id         bigint REFERENCES plan(id),                 -- null: a duty of a national document, not of a loaded plan
  title           text NOT NULL,
  -- Who reports: {"kind":"task","clause":"V.9.5"} = the units the plan assigns that clause to;
  -- {"kind":"units","codes":["72.SGDDT"]} = named units. Carried over the 2025 reorganisation through succession.
  reporter_selector jsonb NOT NULL,
  reporter_text   text NOT NULL,                              -- as the document words it ("Các sở, ban, ngành tỉnh")
  recipient_id    bigint REFERENCES org_unit(id),             -- the unit that consolidates and reviews, when it is one of ours
  recipient_text  text NOT NULL,
  due_rule        jsonb NOT NULL,                             -- plans/deadlines.ts DueRule: yearly day/month, a year, a date
  period_type     text NOT NULL CHECK (period_type IN ('year', 'mid_term', 'final')),
  first_period    integer NOT NULL,
  last_period     integer,
  legal_source    text NOT NULL,
  clause          text,
  verified        text NOT NULL CHECK (verified IN ('V', 'P', 'I')),
  active          boolean NOT NULL DEFAULT true,
  source          text,                                       -- data file it was loaded from; null once edited here
  version         integer NOT NULL DEFAULT 1,
  CHECK (last_period IS NULL OR last_period >= first_period)
);

CREATE TABLE report_submission (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  obligation_id      bigint NOT NULL REFERENCES report_obligation(id),
  unit_id            bigint NOT NULL REFERENCES org_unit(id),
  period             integer NOT NULL,
  due_date           date NOT NULL,                           -- fixed when the report is opened: a later rule edit does not rewrite history
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
  narrative          jsonb NOT NULL DEFAULT '{}',
  prefilled          jsonb,                                   -- tasks and indicators as they stood when last submitted
  first_submitted_on date,                                    -- Vietnamese calendar date of the first submission
  submitted_on       date,                                    -- and of the latest one (the date of the report as a document)
  submitted_at       timestamptz,
  accepted_at        timestamptz,
  late               boolean GENERATED ALWAYS AS (first_submitted_on > due_date) STORED,
  created_by         bigint NOT NULL REFERENCES app_user(id),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1,
  UNIQUE (obligation_id, unit_id, period)
);
CREATE INDEX report_submission_unit ON report_submission(unit_id);

CREATE TABLE report_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id bigint NOT NULL REFERENCES report_submission(id),
  at            timestamptz NOT NULL DEFAULT now(),
  actor_id      bigint NOT NULL REFERENCES app_user(id),
  action        text NOT NULL CHECK (action IN ('create', 'save', 'submit', 'return', 'accept')),
  from_status   text,
  to_status     text NOT NULL,
  comment       text
);
CREATE INDEX report_event_submission ON report_event(submission_id);

CREATE TABLE report_attachment (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id bigint NOT NULL REFERENCES report_submission(id),
  file_name     text NOT NULL,
  media_type    text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   bigint NOT NULL REFERENCES app_user(id),
  uploaded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_attachment_submission ON report_attachment(submission_id);
