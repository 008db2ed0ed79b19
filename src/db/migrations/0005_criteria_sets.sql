-- Criteria sets of the learning models (issue 5): versioned data, never overwritten. An edit inserts version + 1 of
-- the same code; assessments reference the exact row (criteria_set.id) they were scored against.
CREATE TABLE criteria_set (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  model_type     text NOT NULL CHECK (model_type IN ('learning_citizen','learning_family','learning_clan',
                                                     'learning_community_hamlet','learning_unit','learning_community_commune')),
  code           text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,59}$'),  -- stable across versions: 'cdht-244-2022'
  version        integer NOT NULL CHECK (version >= 1),
  name           text NOT NULL,
  source         text NOT NULL,                                            -- legal document, e.g. 'Quyết định 244/QĐ-KHVN'
  verification   text NOT NULL CHECK (verification IN ('V','P','I')),      -- how much of the set was read in the source
  effective_from date NOT NULL,
  effective_to   date,                                                     -- NULL: still in force; inclusive otherwise
  definition     jsonb NOT NULL,                                           -- the whole tree: groups → indicators, pass rule
  created_at     timestamptz NOT NULL DEFAULT now(),
  created_by     bigint REFERENCES app_user(id),                           -- NULL: loaded from data/criteria at seed
  UNIQUE (code, version),
  CHECK (effective_to IS NULL OR effective_from <= effective_to)
);
-- "The set in force for a model type on a date": newest version first.
CREATE INDEX criteria_set_in_force ON criteria_set (model_type, effective_from, code, version DESC);
