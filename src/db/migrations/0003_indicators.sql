-- Indicators (issue 3): data elements, indicators, first-class targets, data sets, data values with approval,
-- and the cover of a unit annotated with how it was reached (hierarchy or succession).

-- A covered unit reached only through a succession link is history taken over from a predecessor: figures built
-- from it are "re-aggregated through succession". A path through a split whose share is unknown is approximate.
ALTER TABLE org_unit_cover ADD COLUMN via_succession boolean NOT NULL DEFAULT false;
ALTER TABLE org_unit_cover ADD COLUMN approximate boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION refresh_org_unit_cover() RETURNS void LANGUAGE sql AS $$
  DELETE FROM org_unit_cover;
  INSERT INTO org_unit_cover (ancestor_id, unit_id, via_succession, approximate)
  WITH RECURSIVE edge(up_id, down_id, succession, approximate) AS (
    SELECT parent_id, id, false, false FROM org_unit WHERE parent_id IS NOT NULL
    UNION ALL
    SELECT to_unit_id, from_unit_id, true, kind = 'split' AND share IS NULL FROM org_unit_succession
  ), walk(ancestor_id, unit_id, via_succession, approximate) AS (
    SELECT id, id, false, false FROM org_unit
    UNION
    SELECT w.ancestor_id, e.down_id, w.via_succession OR e.succession, w.approximate OR e.approximate
    FROM walk w JOIN edge e ON e.up_id = w.unit_id
  )
  -- One row per pair: a pure hierarchy path wins over a succession path, an exact path over an approximate one.
  SELECT ancestor_id, unit_id, bool_and(via_succession), bool_and(approximate) FROM walk GROUP BY ancestor_id, unit_id;
$$;
SELECT refresh_org_unit_cover();

CREATE TABLE data_element (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code        text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  name        text NOT NULL,
  description text,
  value_type  text NOT NULL DEFAULT 'count' CHECK (value_type IN ('count','number','boolean')),
  categories  text[] NOT NULL DEFAULT '{}',     -- disaggregation dimensions: sex, ageBand, ethnicity, areaType
  about_people boolean NOT NULL DEFAULT false,  -- counts of people: small counts are suppressed in public
  max_value   numeric,
  source      text,
  version     integer NOT NULL DEFAULT 1
);

CREATE TABLE indicator (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code           text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  name           text NOT NULL,
  description    text,
  -- ratio: sum(numerator) / sum(denominator) × factor over the units below; sum: sum(numerator);
  -- share: % of the unit's children (as of the period) meeting a condition; level: the unit's own standard level.
  aggregation    text NOT NULL CHECK (aggregation IN ('ratio','sum','share','level')),
  numerator_id   bigint REFERENCES data_element(id),
  denominator_id bigint REFERENCES data_element(id),
  factor         numeric NOT NULL DEFAULT 1,
  -- Computed source: {"kind":"standard","standard":"literacy","level":2} (universal-education results) or
  -- {"kind":"dataElement","threshold":1} (share of children whose numerator value reaches the threshold).
  computed       jsonb,
  unit_label     text NOT NULL DEFAULT '%',
  decimals       smallint NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 4),
  legal_source   text,
  verified       text NOT NULL DEFAULT 'V' CHECK (verified IN ('V','P','I')),
  version        integer NOT NULL DEFAULT 1,
  CHECK (aggregation <> 'ratio' OR (numerator_id IS NOT NULL AND denominator_id IS NOT NULL)),
  CHECK (aggregation <> 'sum' OR numerator_id IS NOT NULL),
  CHECK (aggregation NOT IN ('share','level') OR computed IS NOT NULL)
);

-- Targets are first-class: a value per indicator, unit and year, from a plan (or a national decision).
CREATE TABLE target (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indicator_id bigint NOT NULL REFERENCES indicator(id),
  unit_id      bigint REFERENCES org_unit(id),     -- NULL: a national target (QĐ 1373/QĐ-TTg), a benchmark for every province
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value        numeric NOT NULL,
  comparator   text NOT NULL DEFAULT '>=' CHECK (comparator IN ('>=','<=','=')),
  document     text NOT NULL,                      -- 1144/KH-UBND, 1373/QĐ-TTg
  plan_id      bigint REFERENCES plan(id),
  clause       text,                               -- II.2.a.3
  text         text NOT NULL,                      -- the target as the document words it
  verified     text NOT NULL DEFAULT 'V' CHECK (verified IN ('V','P','I')),
  note         text,
  UNIQUE NULLS NOT DISTINCT (document, clause, indicator_id, unit_id, year)
);
CREATE INDEX target_indicator ON target(indicator_id, unit_id, year);

CREATE TABLE data_set (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  name          text NOT NULL,
  period_type   text NOT NULL,
  unit_kinds    text[] NOT NULL,
  deadline_days integer NOT NULL DEFAULT 0,   -- report due this many days after the period ends (negative: before)
  jump_warning  numeric NOT NULL DEFAULT 50,  -- % change against the previous period that raises a warning
  description   text,
  version       integer NOT NULL DEFAULT 1
);

-- An element is collected by one data set: its approval state is that of the data set's report.
CREATE TABLE data_set_element (
  data_set_id     bigint NOT NULL REFERENCES data_set(id) ON DELETE CASCADE,
  data_element_id bigint NOT NULL UNIQUE REFERENCES data_element(id),
  position        integer NOT NULL,
  PRIMARY KEY (data_set_id, data_element_id)
);

-- One data set report per unit and period: its entry and approval state. Values are locked unless open/returned.
CREATE TABLE data_report (
  data_set_id    bigint NOT NULL REFERENCES data_set(id),
  unit_id        bigint NOT NULL REFERENCES org_unit(id),
  period         text NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open','submitted','returned','approved')),
  approved_level text CHECK (approved_level IN ('district','province')),
  final          boolean NOT NULL DEFAULT false,   -- approved at the last level of its chain
  submitted_at   timestamptz,
  due_on         date NOT NULL,
  demo           boolean NOT NULL DEFAULT false,
  comment        text,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (unit_id, data_set_id, period)
);
CREATE INDEX data_report_period ON data_report(data_set_id, period);

CREATE TABLE data_report_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  data_set_id bigint NOT NULL,
  unit_id     bigint NOT NULL,
  period      text NOT NULL,
  action      text NOT NULL CHECK (action IN ('submit','approve','return','unapprove')),
  level       text,
  actor_id    bigint REFERENCES app_user(id),
  at          timestamptz NOT NULL DEFAULT now(),
  comment     text,
  FOREIGN KEY (unit_id, data_set_id, period) REFERENCES data_report(unit_id, data_set_id, period)
);
CREATE INDEX data_report_event_report ON data_report_event(unit_id, data_set_id, period, at);

-- Values: the unit leads the key (so a province-sharded layout stays open); '' is the undisaggregated total.
CREATE TABLE data_value (
  unit_id         bigint NOT NULL REFERENCES org_unit(id),
  data_element_id bigint NOT NULL REFERENCES data_element(id),
  period          text NOT NULL,
  disaggregation  text NOT NULL DEFAULT '',
  value           numeric NOT NULL CHECK (value >= 0),
  comment         text,
  updated_by      bigint REFERENCES app_user(id),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, data_element_id, period, disaggregation)
);
-- Roll-ups read all values of an element in a period, then join the cover of the unit asked for.
CREATE INDEX data_value_element_period ON data_value(data_element_id, period) INCLUDE (unit_id, value, disaggregation);

-- Province boundary files uploaded by the operator for the choropleth (no boundary data is shipped).
CREATE TABLE boundary_file (
  unit_id     bigint PRIMARY KEY REFERENCES org_unit(id),
  geojson     jsonb NOT NULL,
  licence     text NOT NULL,
  uploaded_by bigint REFERENCES app_user(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
