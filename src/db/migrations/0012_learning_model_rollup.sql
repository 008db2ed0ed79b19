-- Counters of the learning-model registrations kept current by the writes themselves (issue 5, performance budget).
--
-- The statistics of a province count its registrations of a year by model type, status, target group and recognised
-- level. Joining registrations, assessments and recognitions over the province's cover on every request costs a scan
-- of every registration below it (about 0.6 s at 200,000 citizens). Here the count per covering unit and that key is
-- kept in model_rollup by triggers, in the transaction that registers, assesses, moves the status, recognises or
-- redraws the map, the same way 0004_rollup.sql keeps data_rollup. Reads stay live (no batch, no staleness); only a
-- unit that no longer exists (read through its successors) is still counted on request.
--
-- The key of a registration: its unit, year, model type and status (any status: 'revoked' or whatever comes next
-- moves counts like the others), its target group (the reviewer's, else the self-assessed one: as the statistics
-- read it) and its recognised level. '' stands for none, so that the key can be a primary key.

-- Derived from model_registration (whose foreign keys hold): no foreign keys of its own, as data_rollup.
CREATE TABLE model_rollup (
  ancestor_id   bigint NOT NULL,
  year          integer NOT NULL,
  model_type    text NOT NULL,
  status        text NOT NULL,
  target_group  text NOT NULL,   -- '' none
  level         text NOT NULL,   -- '' not recognised, or recognised without a level
  -- A stripe of the counter, chosen by the writing transaction (its id mod 16: transactions running together have
  -- neighbouring ids): concurrent transactions add to different rows, so a commune's campaign does not queue every
  -- submission behind one row lock held until commit. Readers sum the stripes; a stripe alone may be negative.
  slot          smallint NOT NULL,
  registrations integer NOT NULL,  -- 0 once they all moved away (readers skip it)
  approximate   integer NOT NULL,  -- … of units reached through a split of unknown share
  PRIMARY KEY (ancestor_id, year, model_type, status, target_group, level, slot)
);

-- Add (n > 0) or take away (n < 0) registrations, by key, to the counters of every unit covering their unit. Keys
-- that cancel out (a version bump, a rewritten score with the same group) touch no row; the others are upserted in key
-- order so that concurrent writers lock them in the same order.
-- PL/pgSQL rather than SQL, and generic plans: the plan is made once per session instead of on every call (a custom
-- plan for each call's arrays costs more to make than the write itself; the generic one looks up by key all the same).
CREATE FUNCTION model_rollup_apply(u bigint[], y integer[], mt text[], st text[], tg text[], lv text[], n integer[])
RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF u IS NULL THEN RETURN; END IF;
  INSERT INTO model_rollup AS m (ancestor_id, year, model_type, status, target_group, level, slot, registrations, approximate)
  SELECT c.ancestor_id, t.y, t.mt, t.st, t.tg, t.lv, (txid_current() % 16)::smallint,
         sum(t.n), coalesce(sum(t.n) FILTER (WHERE c.approximate), 0)
  FROM (SELECT x.u, x.y, x.mt, x.st, x.tg, x.lv, sum(x.n)::integer AS n
        FROM unnest(u, y, mt, st, tg, lv, n) AS x(u, y, mt, st, tg, lv, n)
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(x.n) <> 0) t
  JOIN org_unit_cover c ON c.unit_id = t.u
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(t.n) <> 0 OR coalesce(sum(t.n) FILTER (WHERE c.approximate), 0) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (ancestor_id, year, model_type, status, target_group, level, slot) DO UPDATE SET
    registrations = m.registrations + excluded.registrations, approximate = m.approximate + excluded.approximate;
END $$;

-- Everything again: after the map (the cover) changed. Writers wait for it. One grouping of every registration with
-- its assessments and recognition: enough memory for its hash joins not to spill (a rare, administrative write).
CREATE FUNCTION model_rollup_rebuild() RETURNS void LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  LOCK TABLE model_rollup IN EXCLUSIVE MODE;
  DELETE FROM model_rollup;
  PERFORM model_rollup_apply(array_agg(k.unit_id), array_agg(k.year), array_agg(k.model_type), array_agg(k.status),
                             array_agg(k.target_group), array_agg(k.level), array_agg(k.n))
  FROM (SELECT r.unit_id, r.year, r.model_type, r.status, coalesce(rv.target_group, sa.target_group, '') AS target_group,
               coalesce(g.level, '') AS level, count(*)::integer AS n
        FROM model_registration r
        LEFT JOIN model_assessment sa ON sa.registration_id = r.id AND sa.role = 'self'
        LEFT JOIN model_assessment rv ON rv.registration_id = r.id AND rv.role = 'review'
        LEFT JOIN recognition g ON g.registration_id = r.id
        GROUP BY 1, 2, 3, 4, 5, 6) k;
END $$;

-- A registration's group and level, looked up per registration by primary key (the statement triggers below are
-- planned once per session, with no idea how many rows a statement brings: a join could become a scan of every
-- assessment; a lookup stays a lookup).

-- A registration created or moved (unit, year, model type, status): its key with its current group and level.
CREATE FUNCTION model_registration_rollup() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM model_rollup_apply(array_agg(r.unit_id), array_agg(r.year), array_agg(r.model_type), array_agg(r.status),
      array_agg(coalesce((SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'review'),
                         (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'self'), '')),
      array_agg(coalesce((SELECT g.level FROM recognition g WHERE g.registration_id = r.id), '')), array_agg(1))
    FROM new_rows r;
  ELSE
    PERFORM model_rollup_apply(array_agg(x.u), array_agg(x.y), array_agg(x.mt), array_agg(x.st),
      array_agg(coalesce((SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'review'),
                         (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'self'), '')),
      array_agg(coalesce((SELECT g.level FROM recognition g WHERE g.registration_id = r.id), '')), array_agg(x.n))
    FROM old_rows o JOIN new_rows r ON r.id = o.id
    CROSS JOIN LATERAL (VALUES (o.unit_id, o.year, o.model_type, o.status, -1), (r.unit_id, r.year, r.model_type, r.status, 1)) AS x(u, y, mt, st, n)
    WHERE (o.unit_id, o.year, o.model_type, o.status) IS DISTINCT FROM (r.unit_id, r.year, r.model_type, r.status);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER model_registration_rollup_insert AFTER INSERT ON model_registration REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION model_registration_rollup();
CREATE TRIGGER model_registration_rollup_update AFTER UPDATE ON model_registration REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION model_registration_rollup();

-- A registration deleted: taken away before the row goes, while its assessments (deleted by cascade, whose own
-- trigger then finds no registration) still tell its group. Deletions are rare (no route deletes a registration).
CREATE FUNCTION model_registration_rollup_delete() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM model_rollup_apply(ARRAY[OLD.unit_id], ARRAY[OLD.year], ARRAY[OLD.model_type], ARRAY[OLD.status],
    ARRAY[coalesce((SELECT target_group FROM model_assessment WHERE registration_id = OLD.id AND role = 'review'),
                   (SELECT target_group FROM model_assessment WHERE registration_id = OLD.id AND role = 'self'), '')],
    ARRAY[coalesce((SELECT level FROM recognition WHERE registration_id = OLD.id), '')], ARRAY[-1]);
  RETURN OLD;
END $$;
CREATE TRIGGER model_registration_rollup_delete BEFORE DELETE ON model_registration
  FOR EACH ROW EXECUTE FUNCTION model_registration_rollup_delete();

-- Assessments and recognitions change a registration's group or level. A statement that changes neither (a score
-- rewritten in the same group) returns at once. Otherwise the registrations are locked first (the workflow already
-- holds them), so that a concurrent status change and this one each see the other's result: the counts are then read
-- in a new statement, i.e. a new snapshot. What a registration counted as before the statement is rebuilt from the
-- transition tables: the old rows where the statement had them, nothing where it created them, else the current row.
CREATE FUNCTION model_assessment_rollup() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  o_reg bigint[] := '{}'; o_role text[] := '{}'; o_tg text[] := '{}';
  n_reg bigint[] := '{}'; n_role text[] := '{}';
  ids bigint[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS ((SELECT registration_id, role, target_group FROM old_rows EXCEPT ALL SELECT registration_id, role, target_group FROM new_rows)
                   UNION ALL (SELECT registration_id, role, target_group FROM new_rows EXCEPT ALL SELECT registration_id, role, target_group FROM old_rows)) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(registration_id), '{}'), coalesce(array_agg(role), '{}'), coalesce(array_agg(target_group), '{}') INTO o_reg, o_role, o_tg FROM old_rows;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(registration_id), '{}'), coalesce(array_agg(role), '{}') INTO n_reg, n_role FROM new_rows;
  END IF;
  ids := ARRAY(SELECT DISTINCT unnest(o_reg || n_reg) ORDER BY 1);
  PERFORM 1 FROM model_registration WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  PERFORM model_rollup_apply(array_agg(t.unit_id), array_agg(t.year), array_agg(t.model_type), array_agg(t.status),
                             array_agg(x.tg), array_agg(t.level), array_agg(x.n))
  FROM (
    SELECT r.unit_id, r.year, r.model_type, r.status,
           coalesce((SELECT g.level FROM recognition g WHERE g.registration_id = r.id), '') AS level,
           coalesce(CASE WHEN o.had_review THEN o.review WHEN n.wrote_review THEN NULL
                         ELSE (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'review') END,
                    CASE WHEN o.had_self THEN o.self WHEN n.wrote_self THEN NULL
                         ELSE (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'self') END, '') AS before,
           coalesce((SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'review'),
                    (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'self'), '') AS after
    FROM model_registration r
    LEFT JOIN (SELECT w.reg, bool_or(w.role = 'review') AS had_review, max(w.tg) FILTER (WHERE w.role = 'review') AS review,
                      bool_or(w.role = 'self') AS had_self, max(w.tg) FILTER (WHERE w.role = 'self') AS self
               FROM unnest(o_reg, o_role, o_tg) AS w(reg, role, tg) GROUP BY w.reg) o ON o.reg = r.id
    LEFT JOIN (SELECT w.reg, bool_or(w.role = 'review') AS wrote_review, bool_or(w.role = 'self') AS wrote_self
               FROM unnest(n_reg, n_role) AS w(reg, role) GROUP BY w.reg) n ON n.reg = r.id
    WHERE r.id = ANY(ids)
  ) t
  CROSS JOIN LATERAL (VALUES (t.before, -1), (t.after, 1)) AS x(tg, n)
  WHERE t.before <> t.after;
  RETURN NULL;
END $$;

CREATE TRIGGER model_assessment_rollup_insert AFTER INSERT ON model_assessment REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION model_assessment_rollup();
CREATE TRIGGER model_assessment_rollup_update AFTER UPDATE ON model_assessment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION model_assessment_rollup();
CREATE TRIGGER model_assessment_rollup_delete AFTER DELETE ON model_assessment REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION model_assessment_rollup();

CREATE FUNCTION recognition_rollup() RETURNS trigger LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  o_reg bigint[] := '{}'; o_level text[] := '{}';
  n_reg bigint[] := '{}';
  ids bigint[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS ((SELECT registration_id, level FROM old_rows EXCEPT ALL SELECT registration_id, level FROM new_rows)
                   UNION ALL (SELECT registration_id, level FROM new_rows EXCEPT ALL SELECT registration_id, level FROM old_rows)) THEN
      RETURN NULL;
    END IF;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(registration_id), '{}'), coalesce(array_agg(coalesce(level, '')), '{}') INTO o_reg, o_level FROM old_rows;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(array_agg(registration_id), '{}') INTO n_reg FROM new_rows;
  END IF;
  ids := ARRAY(SELECT DISTINCT unnest(o_reg || n_reg) ORDER BY 1);
  PERFORM 1 FROM model_registration WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
  PERFORM model_rollup_apply(array_agg(t.unit_id), array_agg(t.year), array_agg(t.model_type), array_agg(t.status),
                             array_agg(t.tg), array_agg(x.lv), array_agg(x.n))
  FROM (
    SELECT r.unit_id, r.year, r.model_type, r.status,
           coalesce((SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'review'),
                    (SELECT a.target_group FROM model_assessment a WHERE a.registration_id = r.id AND a.role = 'self'), '') AS tg,
           CASE WHEN o.reg IS NOT NULL THEN o.lv WHEN n.reg IS NOT NULL THEN ''
                ELSE coalesce((SELECT g.level FROM recognition g WHERE g.registration_id = r.id), '') END AS before,
           coalesce((SELECT g.level FROM recognition g WHERE g.registration_id = r.id), '') AS after
    FROM model_registration r
    LEFT JOIN unnest(o_reg, o_level) AS o(reg, lv) ON o.reg = r.id   -- one recognition per registration
    LEFT JOIN (SELECT DISTINCT w.reg FROM unnest(n_reg) AS w(reg)) n ON n.reg = r.id
    WHERE r.id = ANY(ids)
  ) t
  CROSS JOIN LATERAL (VALUES (t.before, -1), (t.after, 1)) AS x(lv, n)
  WHERE t.before <> t.after;
  RETURN NULL;
END $$;

CREATE TRIGGER recognition_rollup_insert AFTER INSERT ON recognition REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION recognition_rollup();
CREATE TRIGGER recognition_rollup_update AFTER UPDATE ON recognition REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION recognition_rollup();
CREATE TRIGGER recognition_rollup_delete AFTER DELETE ON recognition REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION recognition_rollup();

CREATE FUNCTION model_rollup_rebuild_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM model_rollup_rebuild();
  RETURN NULL;
END $$;

-- refresh_org_unit_cover() deletes and re-inserts the whole cover: rebuild once, after the insert.
CREATE TRIGGER org_unit_cover_model_rollup AFTER INSERT ON org_unit_cover
  FOR EACH STATEMENT EXECUTE FUNCTION model_rollup_rebuild_trigger();

SELECT model_rollup_rebuild();
