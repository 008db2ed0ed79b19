-- Universal education (PCGD) and literacy (XMC): the commune register, its cohort summary, stored results,
-- and the log of reads of personal data. Nothing newer than PostgreSQL 15.

-- One commune's register for one survey year (reference date: the commune reporting date, 30/09).
CREATE TABLE survey (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id           bigint NOT NULL REFERENCES org_unit(id),
  year                 integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  reference_date       date NOT NULL,
  especially_difficult boolean NOT NULL DEFAULT false,
  rolled_from_id       bigint REFERENCES survey(id),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  UNIQUE (commune_id, year)
);

CREATE TABLE household (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  survey_id bigint NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  code      text NOT NULL,
  hamlet    text,
  UNIQUE (survey_id, code)
);

-- Personal data. `person_key` is the register's id of the person; it stays the same across years and moves,
-- so a person's history can be followed from commune to commune.
CREATE TABLE resident (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  survey_id               bigint NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  household_id            bigint NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  person_key              text NOT NULL,
  full_name               text NOT NULL,
  sex                     text NOT NULL CHECK (sex IN ('M','F')),
  birth_year              integer NOT NULL,
  status                  text NOT NULL CHECK (status IN ('present','moved_out','deceased')),
  disability              text NOT NULL CHECK (disability IN ('none','can_learn','cannot_learn')),
  enrolled                text NOT NULL CHECK (enrolled IN ('none','preschool','primary','lower_secondary','upper_secondary','continuing_upper','vocational','higher')),
  highest_grade           smallint NOT NULL CHECK (highest_grade BETWEEN 0 AND 12),
  lower_secondary_diploma boolean NOT NULL,
  preschool_completed     boolean NOT NULL,
  literacy_stage          smallint NOT NULL CHECK (literacy_stage BETWEEN 0 AND 2),
  enrolment_confirmed     boolean NOT NULL DEFAULT true,   -- false after a year rollover until the school year is confirmed
  moved_from_survey_id    bigint REFERENCES survey(id),
  version                 integer NOT NULL DEFAULT 1,
  UNIQUE (survey_id, person_key)
);
CREATE INDEX resident_person ON resident(person_key);
CREATE INDEX resident_household ON resident(household_id);

-- The cohort cube: counted people (present, able to learn) of one survey grouped by every attribute the rules
-- read. Kept in the same transaction as every register change; results are computed from it, never from residents.
CREATE TABLE cohort_count (
  survey_id           bigint NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  birth_year          integer NOT NULL,
  highest_grade       smallint NOT NULL,
  literacy_stage      smallint NOT NULL,
  enrolled            text NOT NULL,
  diploma             boolean NOT NULL,
  preschool_completed boolean NOT NULL,
  count               integer NOT NULL CHECK (count > 0),
  PRIMARY KEY (survey_id, birth_year, highest_grade, literacy_stage, enrolled, diploma, preschool_completed)
);

-- Results per unit (commune, district, province) and year, with every rate and the rule set that decided them.
CREATE TABLE standard_result (
  unit_id     bigint NOT NULL REFERENCES org_unit(id),
  year        integer NOT NULL,
  rule_set    text NOT NULL,
  levels      jsonb,             -- NULL: no rule defined for this level of government in this year
  result      jsonb NOT NULL,    -- rates, shares, conditions as the engine returned them
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, year)
);

-- Who read which personal data, when (name lists, resident lists, exports).
CREATE TABLE access_log (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  actor_id bigint NOT NULL REFERENCES app_user(id),
  action   text NOT NULL,
  unit_id  bigint REFERENCES org_unit(id),
  detail   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX access_log_at ON access_log(at DESC);
CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_immutable();
