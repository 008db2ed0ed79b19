-- Learning-model statistics (issue 5): an indicator may read its numerator from the recognitions of a model type
-- (computed {"kind":"learningModel","modelType":…}) over a data element (the adult population) or, without one, over
-- the number registered. Such a ratio has no numerator element, so the ratio check of 0003 is widened for it.
DO $$
DECLARE c text;
BEGIN
  SELECT conname INTO c FROM pg_constraint
  WHERE conrelid = 'indicator'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%''ratio''%numerator_id IS NOT NULL%denominator_id IS NOT NULL%';
  EXECUTE format('ALTER TABLE indicator DROP CONSTRAINT %I', c);
END $$;
ALTER TABLE indicator ADD CONSTRAINT indicator_ratio_sources CHECK (
  aggregation <> 'ratio' OR (numerator_id IS NOT NULL AND denominator_id IS NOT NULL)
  OR (computed->>'kind' = 'learningModel' AND numerator_id IS NULL));
ALTER TABLE indicator ADD CONSTRAINT indicator_learning_model_ratio CHECK (computed->>'kind' IS DISTINCT FROM 'learningModel' OR aggregation = 'ratio');

-- Statistics of a year over a cover: registrations by unit and year, the status and model type read from the index.
CREATE INDEX model_registration_year_unit ON model_registration(year, unit_id) INCLUDE (model_type, status);
