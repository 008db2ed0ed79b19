import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { contributors, type UnitAt } from '../indicators/analytics.ts';

/**
 * What the centres of a unit give the indicators engine (QĐ 1373 / KH 1144 II.2.a.13: "…% các trung tâm học tập cộng
 * đồng ứng dụng công nghệ thông tin"; participants per year), over the unit's contributors on the period's end date —
 * the same set as every other figure, so a 2024 district and a 2026 ward both add up, and centres of merged communes
 * still waiting to be re-organised count under the commune that took them over.
 *
 * - centres: centres in force on the date; applyingIt: those of them whose report of the year says IT is used in
 *   management or in teaching (a centre without a report of the year counts as not applying it);
 * - participants: participants of the activities of the year of every centre of the contributors (a centre closed
 *   during the year by a re-organisation still had its participants; "lượt người", decision 0012).
 *
 * Centre reports are not part of the data-approval workflow: every contributing commune counts as approved.
 */
export interface RegistrySum { total: number; units: number; approved: number; via: boolean; approximate: boolean; demo: boolean }
export interface CentreSums { centres: RegistrySum; applyingIt: RegistrySum; participants: RegistrySum }

export async function centreSums(db: Db, unit: UnitAt, wanted: readonly { year: number; date: string }[]): Promise<Map<string, CentreSums>> {
  const out = new Map<string, CentreSums>();
  for (const key of new Set(wanted.map((w) => `${w.year}|${w.date}`))) {
    const [yearText, date] = key.split('|') as [string, string];
    const year = Number(yearText);
    const r = (await sql<{ centres: number; centre_units: number; applying: number; applying_units: number; participants: number; participant_units: number; reporting: number; via: boolean; approximate: boolean; demo: boolean }>`
      WITH k AS (${contributors(unit, date)}),
      c AS (
        SELECT c.id, c.commune_id, c.demo, k.via_succession, k.approximate,
               (c.valid_from <= ${date}::date AND (c.valid_to IS NULL OR c.valid_to >= ${date}::date)) AS in_force,
               coalesce(y.it_management OR y.it_teaching, false) AS applies_it,
               (SELECT sum(a.participants) FROM learning_centre_activity a WHERE a.centre_id = c.id AND a.year = ${year}) AS participants
        FROM k JOIN learning_centre c ON c.commune_id = k.unit_id
        LEFT JOIN learning_centre_year y ON y.centre_id = c.id AND y.year = ${year})
      SELECT count(*) FILTER (WHERE in_force)::int AS centres,
             count(DISTINCT commune_id) FILTER (WHERE in_force)::int AS centre_units,
             count(*) FILTER (WHERE in_force AND applies_it)::int AS applying,
             count(DISTINCT commune_id) FILTER (WHERE in_force AND applies_it)::int AS applying_units,
             coalesce(sum(participants), 0)::int AS participants,
             count(DISTINCT commune_id) FILTER (WHERE participants IS NOT NULL)::int AS participant_units,
             count(*) FILTER (WHERE participants IS NOT NULL)::int AS reporting,
             coalesce(bool_or(via_succession), false) AS via, coalesce(bool_or(approximate), false) AS approximate, coalesce(bool_or(demo), false) AS demo
      FROM c`.execute(db)).rows[0]!;
    const sum = (total: number, units: number): RegistrySum => ({ total, units, approved: units, via: r.via, approximate: r.approximate, demo: r.demo });
    out.set(key, {
      centres: sum(r.centres, r.centre_units),
      applyingIt: sum(r.applying, r.applying_units),
      // No centre reported activities for the year: no figure (not 0 participants).
      participants: sum(r.participants, r.participant_units),
    });
  }
  return out;
}
