-- Indicators computed from the registers of issue 8 (decision 0012, 0013): an indicator may count community learning
-- centres applying IT over the centres in force ({"kind":"learningCentres","measure":"applyingIt"}, a ratio), the
-- participants of the centres' activities ({"kind":"learningCentres","measure":"participants"}, a sum), or the open
-- learning resources published by the units of a cover ({"kind":"openResources"}, a sum). None of them has a data
-- element, so the ratio check of 0009 and the sum check of 0003 are widened for them.
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO c FROM pg_constraint
  WHERE conrelid = 'indicator'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%''sum''%numerator_id IS NOT NULL%'
    AND pg_get_constraintdef(oid) NOT LIKE '%ratio%';
  EXECUTE format('ALTER TABLE indicator DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE indicator DROP CONSTRAINT indicator_ratio_sources;
ALTER TABLE indicator ADD CONSTRAINT indicator_ratio_sources CHECK (
  aggregation <> 'ratio' OR (numerator_id IS NOT NULL AND denominator_id IS NOT NULL)
  OR (computed->>'kind' = 'learningModel' AND numerator_id IS NULL)
  OR (computed->>'kind' = 'learningCentres' AND computed->>'measure' = 'applyingIt' AND numerator_id IS NULL AND denominator_id IS NULL));
ALTER TABLE indicator ADD CONSTRAINT indicator_sum_sources CHECK (
  aggregation <> 'sum' OR numerator_id IS NOT NULL
  OR ((computed->>'kind' = 'openResources' OR (computed->>'kind' = 'learningCentres' AND computed->>'measure' = 'participants'))
      AND numerator_id IS NULL AND denominator_id IS NULL));
ALTER TABLE indicator ADD CONSTRAINT indicator_registry_aggregation CHECK (
  computed->>'kind' IS NULL OR computed->>'kind' NOT IN ('learningCentres', 'openResources')
  OR (computed->>'kind' = 'learningCentres' AND computed->>'measure' = 'applyingIt' AND aggregation = 'ratio')
  OR (computed->>'kind' = 'learningCentres' AND computed->>'measure' = 'participants' AND aggregation = 'sum')
  OR (computed->>'kind' = 'openResources' AND aggregation = 'sum'));

-- Counts per year over a cover: the centres' years and activities by centre, resources by publisher and publication.
CREATE INDEX IF NOT EXISTS learning_resource_published ON learning_resource(publisher_unit_id, published_at) WHERE status = 'published';

-- Commendation decisions are edited (against a version) and deleted with a reason kept in the audit log.
ALTER TABLE commendation_decision ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE commendation_decision ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Fund entries are never edited or deleted: a wrong one is corrected by a reversing entry (same kind and amount,
-- counted with the opposite sign, with its reason), then the right one is entered. One reversal per entry, and a
-- reversal is not itself reversed.
ALTER TABLE fund_entry ADD COLUMN reverses_id bigint UNIQUE REFERENCES fund_entry(id);
ALTER TABLE fund_entry ADD COLUMN reason text;
ALTER TABLE fund_entry ADD CONSTRAINT fund_entry_reversal_reason CHECK (reverses_id IS NULL OR length(trim(reason)) > 0);
