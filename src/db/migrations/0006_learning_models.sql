-- Learning models (issue 5, part 2): who is assessed (subjects), the yearly registration and its workflow,
-- self-assessment and review scores, evidence, recognition decisions and verifiable certificates.

-- A citizen, family, clan, hamlet community, learning unit, commune, district or province that can hold a title.
-- `unit_id` is where the subject lives or belongs: its scope decides who may see and act on it.
CREATE TABLE learning_subject (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('citizen','family','clan','hamlet_community','learning_unit','commune','district','province')),
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  unit_id     bigint NOT NULL REFERENCES org_unit(id),
  birth_year  integer CHECK (birth_year BETWEEN 1900 AND 2100),   -- citizens only: tells apart two people of one name
  person_key  text,                                                -- citizens: the universal-education register's person id
  family_id   bigint REFERENCES learning_subject(id),              -- citizen → the family (household) they belong to
  clan_id     bigint REFERENCES learning_subject(id),              -- family → its clan (a clan spans communes)
  valid_from  date,
  valid_to    date,
  created_by  bigint REFERENCES app_user(id),                      -- NULL: a citizen registered themself on the public page
  created_at  timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  CHECK (kind = 'citizen' OR (birth_year IS NULL AND person_key IS NULL AND family_id IS NULL)),
  CHECK (kind = 'family' OR clan_id IS NULL),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX learning_subject_unit ON learning_subject(unit_id, kind);
CREATE INDEX learning_subject_name_search ON learning_subject USING gin (f_unaccent(lower(name)) gin_trgm_ops);
-- One register person is one citizen subject.
CREATE UNIQUE INDEX learning_subject_person ON learning_subject(person_key) WHERE person_key IS NOT NULL;

-- A QR-coded call of a commune (or unit) for one model type and year: the public page registers into its queue.
CREATE TABLE model_campaign (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),  -- Crockford base32, printed under the QR
  unit_id     bigint NOT NULL REFERENCES org_unit(id),
  model_type  text NOT NULL,
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title       text NOT NULL,
  closes_on   date,
  created_by  bigint NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_campaign_unit ON model_campaign(unit_id, year);

CREATE TABLE model_registration (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id     bigint NOT NULL REFERENCES learning_subject(id),
  model_type     text NOT NULL CHECK (model_type IN ('learning_citizen','learning_family','learning_clan','learning_community_hamlet',
                                                     'learning_unit','learning_community_commune','learning_community_district','learning_community_province')),
  year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  unit_id        bigint NOT NULL REFERENCES org_unit(id),            -- the subject's unit at registration: the queue it sits in
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','proposed','recognised','rejected')),
  channel        text NOT NULL CHECK (channel IN ('officer','on_behalf','self_service')),  -- on_behalf = "nhập hộ"
  campaign_id    bigint REFERENCES model_campaign(id),
  submission_key uuid UNIQUE,                                        -- client-chosen: a retried request returns the first result
  created_by     bigint REFERENCES app_user(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  submitted_at   timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  comment        text,                                               -- the last return or rejection reason
  version        integer NOT NULL DEFAULT 1,
  UNIQUE (subject_id, model_type, year)
);
CREATE INDEX model_registration_queue ON model_registration(unit_id, year, model_type, status);

-- Scores against one exact criteria set version: `self` by the subject (or an officer for them), `review` by the reviewer.
CREATE TABLE model_assessment (
  registration_id bigint NOT NULL REFERENCES model_registration(id) ON DELETE CASCADE,
  role            text NOT NULL CHECK (role IN ('self','review')),
  criteria_set_id bigint NOT NULL REFERENCES criteria_set(id),
  scores          jsonb NOT NULL,
  target_group    text,                                              -- learning citizen: the group whose indicators apply
  difficult_area  boolean NOT NULL DEFAULT false,                    -- the lower pass threshold of remote, difficult areas
  total           numeric NOT NULL,
  max_total       numeric NOT NULL,
  passed          boolean NOT NULL,
  level           text,
  reasons         jsonb NOT NULL DEFAULT '[]',
  assessed_by     bigint REFERENCES app_user(id),
  assessed_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registration_id, role)
);

CREATE TABLE model_evidence (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id bigint NOT NULL REFERENCES model_registration(id) ON DELETE CASCADE,
  indicator       text,                                              -- the criteria-set indicator it supports, if any
  file_name       text,
  media_type      text,
  size_bytes      integer,
  sha256          text,
  content         bytea,
  url             text,
  note            text,
  uploaded_by     bigint REFERENCES app_user(id),
  uploaded_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((content IS NOT NULL AND file_name IS NOT NULL AND media_type IS NOT NULL AND url IS NULL) OR (content IS NULL AND url IS NOT NULL))
);
CREATE INDEX model_evidence_registration ON model_evidence(registration_id);

CREATE TABLE model_registration_event (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registration_id bigint NOT NULL REFERENCES model_registration(id) ON DELETE CASCADE,
  action          text NOT NULL,
  from_status     text,
  to_status       text NOT NULL,
  actor_id        bigint REFERENCES app_user(id),                    -- NULL: the citizen on the public page
  on_behalf       boolean NOT NULL DEFAULT false,
  comment         text,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_registration_event_registration ON model_registration_event(registration_id, id);

-- A decision of the competent level; one decision usually recognises a list of subjects.
CREATE TABLE recognition_decision (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  issuer_id    bigint NOT NULL REFERENCES org_unit(id),
  number       text NOT NULL CHECK (length(number) BETWEEN 1 AND 60),
  decided_on   date NOT NULL,
  signer       text NOT NULL,
  signer_title text,
  valid_until  date,
  created_by   bigint NOT NULL REFERENCES app_user(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= decided_on)
);
-- Document numbers restart every calendar year at each issuer (Nghị định 30/2020): unique within issuer and year.
CREATE UNIQUE INDEX recognition_decision_number ON recognition_decision(issuer_id, number, (extract(year FROM decided_on)));

CREATE TABLE recognition (
  registration_id bigint PRIMARY KEY REFERENCES model_registration(id),
  decision_id     bigint NOT NULL REFERENCES recognition_decision(id),
  level           text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recognition_decision_idx ON recognition(decision_id);

-- The code printed on the certificate; the public page confirms it. Random, never derived from an id.
CREATE TABLE certificate (
  code            text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
  registration_id bigint NOT NULL UNIQUE REFERENCES recognition(registration_id),
  issued_at       timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz
);
