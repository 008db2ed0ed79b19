-- Steering committees (Ban Chỉ đạo XMC-PCGD-XDXHHT; issue 8 §6): dated committees of a province, district (until
-- 30/06/2025) or commune, their members over time, their meetings with minutes, and the plan tasks a meeting assigns.
-- The rules (one head at a time, dates inside the committee's life, no overlapping seats of one person) are checked in
-- src/modules/steering-committees/model.ts with field errors; the constraints below are the backstop.

CREATE TABLE steering_committee (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id         bigint NOT NULL REFERENCES org_unit(id),      -- the province / district / commune it serves
  name            text NOT NULL,
  decision_number text NOT NULL,                                -- establishing decision, e.g. 123/QĐ-UBND
  decision_date   date NOT NULL,
  valid_from      date NOT NULL,
  valid_to        date,                                         -- NULL: still working
  successor_id    bigint REFERENCES steering_committee(id),     -- set when it ends and another committee takes over
  demo            boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from <= valid_to),
  CHECK (decision_date <= valid_from),
  CHECK (successor_id IS NULL OR valid_to IS NOT NULL),
  CHECK (successor_id <> id),
  -- One committee of a unit at a time: a re-establishment ends the old one first.
  EXCLUDE USING gist (unit_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX steering_committee_unit ON steering_committee(unit_id);
CREATE INDEX steering_committee_successor ON steering_committee(successor_id);

CREATE TABLE steering_committee_member (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  committee_id    bigint NOT NULL REFERENCES steering_committee(id),
  person_name     text NOT NULL,
  person_key      text NOT NULL,                                -- the name folded (case, spaces) for the overlap rule
  position        text NOT NULL CHECK (position IN ('head','standing_deputy','deputy','standing_member','member','secretary')),
  agency          text NOT NULL,                                -- the member's agency or unit, as the decision names it
  job_title       text,
  decision_number text NOT NULL,                                -- appointing decision
  decision_date   date NOT NULL,
  valid_from      date NOT NULL,
  valid_to        date,
  replaces_id     bigint REFERENCES steering_committee_member(id),
  end_decision    text,                                         -- the decision that ended the seat, when one did
  demo            boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from <= valid_to),
  EXCLUDE USING gist (committee_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&) WHERE (position = 'head'),
  EXCLUDE USING gist (committee_id WITH =, person_key WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX steering_committee_member_committee ON steering_committee_member(committee_id, valid_from);

CREATE TABLE steering_committee_meeting (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  committee_id     bigint NOT NULL REFERENCES steering_committee(id),
  held_on          date NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('regular','extraordinary')),
  chair            text NOT NULL,
  attendee_count   integer CHECK (attendee_count BETWEEN 0 AND 1000),
  attendees        text,
  agenda           text NOT NULL,
  minutes          text,
  conclusions      text,
  minutes_file_name  text,
  minutes_media_type text,
  minutes_size       integer,
  minutes_sha256     text,
  minutes_content    bytea,
  demo             boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  created_by       bigint REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((minutes_file_name IS NULL) = (minutes_content IS NULL))
);
CREATE INDEX steering_committee_meeting_committee ON steering_committee_meeting(committee_id, held_on DESC);

-- Tasks a meeting assigned: real plan tasks (task, task_assignment) so that they reach "Nhiệm vụ của tôi" and the
-- overdue list; this link says where they came from. A task comes from at most one meeting.
CREATE TABLE steering_meeting_task (
  meeting_id  bigint NOT NULL REFERENCES steering_committee_meeting(id),
  task_id     bigint NOT NULL UNIQUE REFERENCES task(id) ON DELETE CASCADE,
  created_by  bigint REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, task_id)
);
