-- Learning cities (issue 8 §7): UNESCO's Key Features of Learning Cities as versioned rows, the cities with the units
-- they cover over time, and each city's yearly self-assessment (ratings, narrative, evidence, review, history).

-- The framework, never updated in place: a changed data file adds the next version of its code; an assessment keeps
-- the version it was made against.
CREATE TABLE learning_city_framework (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code         text NOT NULL,
  version      integer NOT NULL CHECK (version >= 1),
  name         text NOT NULL,
  verification text NOT NULL CHECK (verification IN ('V','P','I')),   -- weakest mark in the definition
  definition   jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   bigint REFERENCES app_user(id),                      -- NULL: loaded from data/learning-city
  UNIQUE (code, version)
);

-- A learning city keeps its identity across the 2025 reorganisation: Thủ Dầu Một was a district-level city until
-- 30/06/2025 and is now covered by the wards that succeeded its communes.
CREATE TABLE learning_city (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  province_id  bigint NOT NULL REFERENCES org_unit(id),              -- the province of its original unit
  gnlc_year    integer CHECK (gnlc_year BETWEEN 2013 AND 2100),     -- year admitted to UNESCO GNLC; NULL: not (known to be) a member
  note         text,
  demo         boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   bigint REFERENCES app_user(id),
  version      integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX learning_city_name ON learning_city (name);

-- The units a city covers, dated. `anchor` marks the city's own unit (the former district), through which the
-- indicators engine reads figures before and, through succession, after the reorganisation.
CREATE TABLE learning_city_unit (
  city_id      bigint NOT NULL REFERENCES learning_city(id) ON DELETE CASCADE,
  unit_id      bigint NOT NULL REFERENCES org_unit(id),
  valid_from   date,
  valid_to     date,
  anchor       boolean NOT NULL DEFAULT false,
  PRIMARY KEY (city_id, unit_id),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX learning_city_unit_unit ON learning_city_unit (unit_id);
CREATE UNIQUE INDEX learning_city_one_anchor ON learning_city_unit (city_id) WHERE anchor;

CREATE TABLE learning_city_assessment (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city_id        bigint NOT NULL REFERENCES learning_city(id),
  year           integer NOT NULL CHECK (year BETWEEN 2013 AND 2100),
  framework_id   bigint NOT NULL REFERENCES learning_city_framework(id),
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','accepted')),
  submitted_at   timestamptz,
  submitted_by   bigint REFERENCES app_user(id),
  reviewed_at    timestamptz,
  reviewed_by    bigint REFERENCES app_user(id),
  review_comment text,
  demo           boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     bigint REFERENCES app_user(id),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  UNIQUE (city_id, year)
);

CREATE TABLE learning_city_rating (
  assessment_id  bigint NOT NULL REFERENCES learning_city_assessment(id) ON DELETE CASCADE,
  feature_code   text NOT NULL,
  rating         integer,                -- a value of the framework version's scale (checked by the app against it)
  narrative      text,
  review_comment text,                   -- the department's comment on this feature
  PRIMARY KEY (assessment_id, feature_code)
);

CREATE TABLE learning_city_evidence (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id bigint NOT NULL REFERENCES learning_city_assessment(id) ON DELETE CASCADE,
  feature_code  text NOT NULL,
  url           text CHECK (url IS NULL OR url ~* '^https?://'),
  note          text,
  file_name     text,
  media_type    text,
  size_bytes    integer,
  sha256        text,
  content       bytea,
  uploaded_by   bigint REFERENCES app_user(id),
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((url IS NULL) <> (content IS NULL))
);
CREATE INDEX learning_city_evidence_assessment ON learning_city_evidence (assessment_id, feature_code);

-- The assessment's history as the city and the department see it (the audit log keeps the full before/after).
CREATE TABLE learning_city_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assessment_id bigint NOT NULL REFERENCES learning_city_assessment(id) ON DELETE CASCADE,
  action        text NOT NULL,
  from_status   text,
  to_status     text NOT NULL,
  version       integer NOT NULL,
  actor_id      bigint REFERENCES app_user(id),
  comment       text,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX learning_city_event_assessment ON learning_city_event (assessment_id, id);
