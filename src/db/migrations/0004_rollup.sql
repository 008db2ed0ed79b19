-- Roll-up of data values kept current by the writes themselves (issue 3, performance budget).
--
-- A dashboard asks for the total of each element over a unit's cover in each period. Summing the cover's values on
-- every request costs a scan of all the values below a province; here the total ('' disaggregation) per covering
-- unit, element and period is kept in data_rollup by statement triggers, in the transaction that writes the value,
-- approves the report or redraws the map. Reads stay live (no batch, no staleness); only figures of a unit that no
-- longer exists (read through its successors) and disaggregated figures are still summed on request.

-- Derived from data_value (whose foreign keys hold): no foreign keys of its own, whose checks would cost more than
-- the upserts themselves when a whole province is written or the roll-up rebuilt.
CREATE TABLE data_rollup (
  ancestor_id                bigint NOT NULL,
  data_element_id            bigint NOT NULL,
  period                     text NOT NULL,
  -- Counts rather than flags so that every column is a sum: a change is applied as a difference, which commutes
  -- between concurrent transactions (ON CONFLICT … DO UPDATE re-reads the row) and needs no recomputation.
  total                      numeric NOT NULL,
  units                      integer NOT NULL,  -- values summed; 0 once they were all deleted (readers skip it)
  via_units                  integer NOT NULL,  -- … of units reached through a succession link
  approximate_units          integer NOT NULL,  -- … through a split of unknown share
  demo_units                 integer NOT NULL,
  -- The same over the values of reports approved at the last level (what approvedOnly reads).
  approved_total             numeric NOT NULL,
  approved_units             integer NOT NULL,
  approved_via_units         integer NOT NULL,
  approved_approximate_units integer NOT NULL,
  approved_demo_units        integer NOT NULL,
  PRIMARY KEY (ancestor_id, data_element_id, period)
);

-- A value's report state: whether it is approved at the last level, whether it is demo data.
CREATE VIEW data_value_report AS
  SELECT e.data_element_id, r.unit_id, r.period, r.final, r.demo FROM data_report r JOIN data_set_element e ON e.data_set_id = r.data_set_id;

-- Add (sgn = 1) or take away (sgn = -1) values, with their report state, to the roll-ups of every unit covering
-- them. Rows are upserted in key order so that concurrent writers lock them in the same order.
CREATE FUNCTION data_rollup_apply(u bigint[], el bigint[], p text[], val numeric[], sgn integer[], fin boolean[], dem boolean[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO data_rollup AS d
  SELECT c.ancestor_id, t.el, t.p,
         sum(t.sgn * t.val), sum(t.sgn),
         coalesce(sum(t.sgn) FILTER (WHERE c.via_succession), 0), coalesce(sum(t.sgn) FILTER (WHERE c.approximate), 0),
         coalesce(sum(t.sgn) FILTER (WHERE t.dem), 0),
         coalesce(sum(t.sgn * t.val) FILTER (WHERE t.fin), 0), coalesce(sum(t.sgn) FILTER (WHERE t.fin), 0),
         coalesce(sum(t.sgn) FILTER (WHERE t.fin AND c.via_succession), 0), coalesce(sum(t.sgn) FILTER (WHERE t.fin AND c.approximate), 0),
         coalesce(sum(t.sgn) FILTER (WHERE t.fin AND t.dem), 0)
  FROM unnest(u, el, p, val, sgn, fin, dem) AS t(u, el, p, val, sgn, fin, dem)
  JOIN org_unit_cover c ON c.unit_id = t.u
  GROUP BY c.ancestor_id, t.el, t.p
  ORDER BY 1, 2, 3
  ON CONFLICT (ancestor_id, data_element_id, period) DO UPDATE SET
    total = d.total + excluded.total, units = d.units + excluded.units, via_units = d.via_units + excluded.via_units,
    approximate_units = d.approximate_units + excluded.approximate_units, demo_units = d.demo_units + excluded.demo_units,
    approved_total = d.approved_total + excluded.approved_total, approved_units = d.approved_units + excluded.approved_units,
    approved_via_units = d.approved_via_units + excluded.approved_via_units,
    approved_approximate_units = d.approved_approximate_units + excluded.approved_approximate_units,
    approved_demo_units = d.approved_demo_units + excluded.approved_demo_units
$$;

-- Everything again: after the map (the cover) or the data sets' elements changed. Writers wait for it.
CREATE FUNCTION data_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE data_rollup IN EXCLUSIVE MODE;
  DELETE FROM data_rollup;
  PERFORM data_rollup_apply(array_agg(v.unit_id), array_agg(v.data_element_id), array_agg(v.period), array_agg(v.value),
                            array_agg(1), array_agg(coalesce(r.final, false)), array_agg(coalesce(r.demo, false)))
  FROM data_value v LEFT JOIN data_value_report r ON r.unit_id = v.unit_id AND r.data_element_id = v.data_element_id AND r.period = v.period
  WHERE v.disaggregation = '';
END $$;

-- Only the '' rows are rolled up; a disaggregated write also rewrites its '' total.
CREATE FUNCTION data_value_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM data_rollup_apply(array_agg(o.unit_id), array_agg(o.data_element_id), array_agg(o.period), array_agg(o.value),
                              array_agg(-1), array_agg(coalesce(r.final, false)), array_agg(coalesce(r.demo, false)))
    FROM old_rows o LEFT JOIN data_value_report r ON r.unit_id = o.unit_id AND r.data_element_id = o.data_element_id AND r.period = o.period
    WHERE o.disaggregation = '';
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM data_rollup_apply(array_agg(n.unit_id), array_agg(n.data_element_id), array_agg(n.period), array_agg(n.value),
                              array_agg(1), array_agg(coalesce(r.final, false)), array_agg(coalesce(r.demo, false)))
    FROM new_rows n LEFT JOIN data_value_report r ON r.unit_id = n.unit_id AND r.data_element_id = n.data_element_id AND r.period = n.period
    WHERE n.disaggregation = '';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER data_value_rollup_insert AFTER INSERT ON data_value REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup();
CREATE TRIGGER data_value_rollup_update AFTER UPDATE ON data_value REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup();
CREATE TRIGGER data_value_rollup_delete AFTER DELETE ON data_value REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_value_rollup();

-- A report's approval (final) and demo mark move its values between the columns: they are taken away with the old
-- state and added with the new one (a missing report is neither final nor demo).
CREATE FUNCTION data_report_shift(u bigint[], ds bigint[], p text[], sgn integer[], fin boolean[], dem boolean[]) RETURNS void LANGUAGE sql AS $$
  SELECT data_rollup_apply(array_agg(v.unit_id), array_agg(v.data_element_id), array_agg(v.period), array_agg(v.value),
                           array_agg(x.sgn), array_agg(x.fin), array_agg(x.dem))
  FROM unnest(u, ds, p, sgn, fin, dem) AS x(u, ds, p, sgn, fin, dem)
  JOIN data_set_element e ON e.data_set_id = x.ds
  JOIN data_value v ON v.unit_id = x.u AND v.data_element_id = e.data_element_id AND v.period = x.p AND v.disaggregation = ''
$$;

CREATE FUNCTION data_report_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM data_report_shift(array_agg(unit_id), array_agg(data_set_id), array_agg(period), array_agg(s.sgn),
                              array_agg(s.sgn = 1 AND final), array_agg(s.sgn = 1 AND demo))
    FROM new_rows CROSS JOIN (VALUES (-1), (1)) AS s(sgn) WHERE final OR demo;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM data_report_shift(array_agg(unit_id), array_agg(data_set_id), array_agg(period), array_agg(s.sgn),
                              array_agg(s.sgn = -1 AND final), array_agg(s.sgn = -1 AND demo))
    FROM old_rows CROSS JOIN (VALUES (-1), (1)) AS s(sgn) WHERE final OR demo;
  ELSE
    PERFORM data_report_shift(array_agg(o.unit_id), array_agg(o.data_set_id), array_agg(o.period), array_agg(s.sgn),
                              array_agg(CASE s.sgn WHEN -1 THEN o.final ELSE n.final END), array_agg(CASE s.sgn WHEN -1 THEN o.demo ELSE n.demo END))
    FROM old_rows o JOIN new_rows n ON n.unit_id = o.unit_id AND n.data_set_id = o.data_set_id AND n.period = o.period
    CROSS JOIN (VALUES (-1), (1)) AS s(sgn)
    WHERE o.final IS DISTINCT FROM n.final OR o.demo IS DISTINCT FROM n.demo;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER data_report_rollup_insert AFTER INSERT ON data_report REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_report_rollup();
CREATE TRIGGER data_report_rollup_update AFTER UPDATE ON data_report REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_report_rollup();
CREATE TRIGGER data_report_rollup_delete AFTER DELETE ON data_report REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION data_report_rollup();

CREATE FUNCTION data_rollup_rebuild_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM data_rollup_rebuild();
  RETURN NULL;
END $$;

-- refresh_org_unit_cover() deletes and re-inserts the whole cover: rebuild once, after the insert.
CREATE TRIGGER org_unit_cover_rollup AFTER INSERT ON org_unit_cover
  FOR EACH STATEMENT EXECUTE FUNCTION data_rollup_rebuild_trigger();
CREATE TRIGGER data_set_element_rollup AFTER INSERT OR UPDATE OR DELETE ON data_set_element
  FOR EACH STATEMENT EXECUTE FUNCTION data_rollup_rebuild_trigger();

SELECT data_rollup_rebuild();
