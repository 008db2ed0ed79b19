-- Foundation: administrative units with history, accounts and sessions, audit, plans and tasks.
-- PostgreSQL 15 is the oldest supported server: nothing newer is used here.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Accent-insensitive search needs an IMMUTABLE wrapper to be indexable.
CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent', $1) $$;

CREATE TABLE org_unit (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('province','district','commune','hamlet','agency','school','clc','university','enterprise','association')),
  name        text NOT NULL,
  short_name  text,
  parent_id   bigint REFERENCES org_unit(id),
  valid_from  date,            -- NULL: the start is not recorded in our sources
  valid_to    date,            -- NULL: still in force
  groups      text[] NOT NULL DEFAULT '{}',
  attributes  jsonb NOT NULL DEFAULT '{}',
  source      text,
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  -- Codes are reused across reorganisations (79, 80, many commune codes): a code names one unit at a time.
  EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX org_unit_parent ON org_unit(parent_id);
CREATE INDEX org_unit_name_search ON org_unit USING gin (f_unaccent(lower(name)) gin_trgm_ops);

CREATE TABLE org_unit_succession (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_unit_id bigint NOT NULL REFERENCES org_unit(id),
  to_unit_id   bigint NOT NULL REFERENCES org_unit(id),
  effective    date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('merge','split','rename')),
  share        numeric CHECK (share > 0 AND share <= 1),  -- NULL: not known
  source       text,
  UNIQUE (from_unit_id, to_unit_id),
  CHECK (from_unit_id <> to_unit_id)
);
CREATE INDEX org_unit_succession_to ON org_unit_succession(to_unit_id);

-- Units a scope on `id` covers: itself, everything below it, and (through succession) every unit it
-- took over, with their own subtrees. History stays readable by the successor after a reorganisation.
CREATE VIEW org_unit_edge AS
  SELECT parent_id AS up_id, id AS down_id FROM org_unit WHERE parent_id IS NOT NULL
  UNION ALL
  SELECT to_unit_id, from_unit_id FROM org_unit_succession;

-- The same, materialised: every scope check is an index lookup instead of a recursive walk.
-- Rebuilt by refresh_org_unit_cover() in the transaction that changes units or succession.
CREATE TABLE org_unit_cover (
  ancestor_id bigint NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
  unit_id     bigint NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
  PRIMARY KEY (ancestor_id, unit_id)
);
CREATE INDEX org_unit_cover_unit ON org_unit_cover(unit_id);

CREATE FUNCTION refresh_org_unit_cover() RETURNS void LANGUAGE sql AS $$
  DELETE FROM org_unit_cover;
  INSERT INTO org_unit_cover (ancestor_id, unit_id)
  WITH RECURSIVE walk(ancestor_id, unit_id) AS (
    SELECT id, id FROM org_unit
    UNION
    SELECT w.ancestor_id, e.down_id FROM walk w JOIN org_unit_edge e ON e.up_id = w.unit_id
  ) SELECT ancestor_id, unit_id FROM walk;
$$;

CREATE TABLE app_user (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name  text NOT NULL,
  role          text NOT NULL CHECK (role IN ('admin','coordinator','agency_reporter','unit_officer','assessor','viewer')),
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);

CREATE TABLE user_scope (
  user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  unit_id bigint NOT NULL REFERENCES org_unit(id),
  PRIMARY KEY (user_id, unit_id)
);

CREATE TABLE user_session (
  token_hash   text PRIMARY KEY,          -- sha256 of the cookie value: a database leak does not leak sessions
  user_id      bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);

CREATE TABLE audit_log (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  actor_id  bigint REFERENCES app_user(id),
  action    text NOT NULL,
  entity    text NOT NULL,
  entity_id text,
  before    jsonb,
  after     jsonb
);
CREATE INDEX audit_log_at ON audit_log(at DESC);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at DESC);

-- The audit trail is append-only.
CREATE FUNCTION audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();

CREATE TABLE plan (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug          text NOT NULL UNIQUE,
  number        text NOT NULL,
  issued_on     date NOT NULL,
  issuer_id     bigint NOT NULL REFERENCES org_unit(id),
  title         text NOT NULL,
  legal_basis   jsonb NOT NULL DEFAULT '[]',
  period_from   integer,
  period_to     integer,
  targets       jsonb NOT NULL DEFAULT '[]',   -- targets as text until the indicators issue makes them numbers
  source        text,
  UNIQUE (number, issuer_id)
);

CREATE TABLE plan_section (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id   bigint NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  parent_id bigint REFERENCES plan_section(id) ON DELETE CASCADE,
  code      text NOT NULL,
  title     text,            -- some numbered items have only body text
  text      text,
  position  integer NOT NULL,
  UNIQUE (plan_id, code)
);

CREATE TABLE task (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id            bigint NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
  section_id         bigint NOT NULL REFERENCES plan_section(id) ON DELETE CASCADE,
  code               text NOT NULL,
  text               text NOT NULL,
  lead_code          text NOT NULL,           -- an agency code, or the group tokens the plan addresses
  lead_label         text NOT NULL,           -- as the plan names the answerable party (an agency or a group)
  coordinating       jsonb NOT NULL DEFAULT '[]',  -- [{code, name}] named coordinating parties
  coordinating_text  text,
  due_rule           jsonb NOT NULL,
  position           integer NOT NULL,
  UNIQUE (plan_id, code)
);
CREATE INDEX task_plan ON task(plan_id, position);

-- One row per answerable unit: a task addressed to "UBND các huyện" is tracked district by district.
CREATE TABLE task_assignment (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id  bigint NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  unit_id  bigint NOT NULL REFERENCES org_unit(id),
  version  integer NOT NULL DEFAULT 1,   -- bumped by every progress report: a stale report gets 409
  UNIQUE (task_id, unit_id)
);
CREATE INDEX task_assignment_unit ON task_assignment(unit_id);

CREATE TABLE task_progress (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  assignment_id bigint NOT NULL REFERENCES task_assignment(id) ON DELETE CASCADE,
  period        integer,      -- the yearly cycle a report is for (recurring tasks); NULL for one-off tasks
  reporter_id   bigint NOT NULL REFERENCES app_user(id),
  reported_at   timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL CHECK (status IN ('in_progress','done')),
  percent       integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
  completed_on  date,
  narrative     text NOT NULL
);
CREATE INDEX task_progress_assignment ON task_progress(assignment_id, period, reported_at DESC);

CREATE TABLE evidence_file (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  progress_id  bigint REFERENCES task_progress(id) ON DELETE CASCADE,
  assignment_id bigint NOT NULL REFERENCES task_assignment(id) ON DELETE CASCADE,
  file_name    text NOT NULL,
  media_type   text NOT NULL,
  size_bytes   integer NOT NULL,
  sha256       text NOT NULL,
  content      bytea NOT NULL,
  uploaded_by  bigint NOT NULL REFERENCES app_user(id),
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX evidence_file_progress ON evidence_file(progress_id);
