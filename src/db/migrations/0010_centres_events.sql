-- Community learning centres and events & campaigns (issue 8, part 1).
--
-- A centre (TTHTCĐ) belongs to one commune for its whole life. When communes were merged on 01/07/2025 the old
-- centres are re-organised (Thông tư 11/2025/TT-BGDĐT): the old one is closed (valid_to) and points to the centre
-- that took it over in the successor commune. Nothing is rewritten: a list "at" a date shows the centres and
-- communes as they stood then.

CREATE TABLE learning_centre (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id      bigint NOT NULL REFERENCES org_unit(id),
  name            text NOT NULL CHECK (length(name) BETWEEN 3 AND 300),
  valid_from      date NOT NULL,
  valid_to        date,                                        -- NULL: still operating
  successor_id    bigint REFERENCES learning_centre(id),       -- set when re-organised into another centre
  decision        text,                                        -- establishment decision: number and date as written
  director        text,
  managers        integer NOT NULL DEFAULT 0 CHECK (managers >= 0),       -- director and deputies
  teachers        integer NOT NULL DEFAULT 0 CHECK (teachers >= 0),       -- teachers assigned (TT 11/2025)
  collaborators   integer NOT NULL DEFAULT 0 CHECK (collaborators >= 0),  -- reporters, volunteers, part-time staff
  demo            boolean NOT NULL DEFAULT false,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_from <= valid_to),
  CHECK (successor_id IS NULL OR valid_to IS NOT NULL),
  CHECK (successor_id IS NULL OR successor_id <> id)
);
CREATE INDEX learning_centre_commune ON learning_centre(commune_id);
CREATE INDEX learning_centre_successor ON learning_centre(successor_id);

-- One row per centre and calendar year: IT use, the centre's own rating and the reviewed one.
CREATE TABLE learning_centre_year (
  centre_id        bigint NOT NULL REFERENCES learning_centre(id),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  it_management    boolean NOT NULL DEFAULT false,
  it_teaching      boolean NOT NULL DEFAULT false,
  self_rating      text,                                       -- a level of learning-centres/rating.ts
  reviewed_rating  text,
  review_comment   text,
  reviewed_by      bigint REFERENCES app_user(id),
  reviewed_at      timestamptz,
  demo             boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (centre_id, year)
);

-- Classes and activities of a centre's year, one row per topic; participants broken down by the indicator
-- categories (indicators/categories.ts): {"sex": {"male": 10, "female": 12}, "ageBand": {...}, "ethnicity": {...}}.
CREATE TABLE learning_centre_activity (
  centre_id     bigint NOT NULL,
  year          integer NOT NULL,
  topic         text NOT NULL CHECK (topic IN ('literacy', 'vocational', 'life_skills', 'law', 'it', 'foreign_language', 'culture')),
  classes       integer NOT NULL CHECK (classes >= 0),
  sessions      integer NOT NULL CHECK (sessions >= 0),
  participants  integer NOT NULL CHECK (participants >= 0),
  breakdown     jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (centre_id, year, topic),
  FOREIGN KEY (centre_id, year) REFERENCES learning_centre_year(centre_id, year) ON DELETE CASCADE
);

-- Local events and campaigns. The national ones (Lifelong Learning Week, Book Day) are generated for every year by
-- events/calendar.ts and are not stored.
CREATE TABLE event (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id      bigint NOT NULL REFERENCES org_unit(id),        -- the organising unit
  title        text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  description  text,
  demo         boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES app_user(id),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX event_dates ON event(starts_on, ends_on);

-- A unit's activity under an event: planned, then reported with its figures.
CREATE TABLE event_activity (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  national_event   text CHECK (national_event ~ '^[a-z-]+-\d{4}$'),  -- key of a generated event, e.g. lifelong-learning-week-2025
  event_id         bigint REFERENCES event(id),
  unit_id          bigint NOT NULL REFERENCES org_unit(id),
  title            text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  starts_on        date NOT NULL,
  ends_on          date NOT NULL,
  status           text NOT NULL CHECK (status IN ('planned', 'reported')),
  sessions         integer NOT NULL DEFAULT 0 CHECK (sessions >= 0),
  participants     integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
  media_pieces     integer NOT NULL DEFAULT 0 CHECK (media_pieces >= 0),
  notes            text,
  demo             boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  created_by       bigint REFERENCES app_user(id),
  CHECK ((national_event IS NULL) <> (event_id IS NULL)),
  CHECK (starts_on <= ends_on)
);
CREATE INDEX event_activity_national ON event_activity(national_event);
CREATE INDEX event_activity_event ON event_activity(event_id);
CREATE INDEX event_activity_unit ON event_activity(unit_id);

-- Exemplary learners and learning models, featured on the public portal only with their consent.
CREATE TABLE exemplary (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id      bigint NOT NULL REFERENCES org_unit(id),
  kind         text NOT NULL CHECK (kind IN ('learner', 'model')),
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  story        text NOT NULL CHECK (length(story) BETWEEN 10 AND 4000),
  consent      boolean NOT NULL DEFAULT false,
  consent_on   date,                                           -- when the person (or the model's representative) agreed
  demo         boolean NOT NULL DEFAULT false,
  version      integer NOT NULL DEFAULT 1,
  created_by   bigint REFERENCES app_user(id),
  CHECK (NOT consent OR consent_on IS NOT NULL)
);
CREATE INDEX exemplary_unit ON exemplary(unit_id);
