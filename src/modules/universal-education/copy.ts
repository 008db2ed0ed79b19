import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from '../../db/schema.ts';
import type { ResidentRow } from './register-file.ts';

/**
 * The bulk path for the residents of a register import: one `COPY resident FROM STDIN` on the import transaction's
 * own connection (architecture.md: bulk import ≥ 100,000 rows/s through COPY). The rows are written in PostgreSQL's
 * text format, so names may hold any character: tab, newline, carriage return and backslash are escaped, commas and
 * quotes need nothing.
 *
 * How the COPY reaches the transaction's connection: Kysely hands a compiled query's `sql` to the pg client's
 * `query()` unchanged, and pg runs any object with a `submit()` method (a "Submittable", which the COPY stream of
 * pg-copy-streams is) on that same client, queued in order with the transaction's other statements. So the stream
 * is submitted through `tx.executeQuery`, then fed; no second connection is opened, and a failed COPY aborts the
 * transaction like any failed statement. This needs a transaction (a plain pool handle could give the client back
 * to the pool while the COPY runs), hence the check.
 */

const COLUMNS = 'survey_id, household_id, person_key, full_name, sex, birth_year, status, disability, enrolled, highest_grade, lower_secondary_diploma, preschool_completed, literacy_stage';
/** Rows per chunk written to the socket (~100 bytes a row). */
const CHUNK = 2000;
const SPECIAL = /[\\\t\n\r]/;

/** A value for the text format of COPY: backslash, tab, newline and carriage return escaped. */
export function copyText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function* lines(rows: readonly ResidentRow[], surveyIdOf: (r: ResidentRow) => string, householdIdOf: (r: ResidentRow) => string): Generator<string> {
  let chunk = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    chunk += `${surveyIdOf(r)}\t${householdIdOf(r)}\t${copyText(r.residentId)}\t${copyText(r.fullName)}\t${r.sex}\t${r.birthYear}\t${r.status}\t${r.disability}\t${r.enrolled}\t${r.highestGrade}\t${r.lowerSecondaryDiploma ? 't' : 'f'}\t${r.preschoolCompleted ? 't' : 'f'}\t${r.literacyStage}\n`;
    if ((i + 1) % CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Writes the residents of an import with COPY inside the import transaction `tx`; returns the number of rows the
 * server reports. `surveyIdOf` / `householdIdOf` give the ids of the survey and household rows already written.
 * The table's constraints (checks, foreign keys, unique person key per survey) apply as for INSERT.
 */
export async function copyResidents(
  tx: Tx, rows: readonly ResidentRow[], surveyIdOf: (r: ResidentRow) => string, householdIdOf: (r: ResidentRow) => string,
): Promise<number> {
  if (!tx.isTransaction) throw new Error('copyResidents: needs the import transaction (a Kysely Transaction), not a pool handle');
  if (rows.length === 0) return 0;
  const stream = copyFrom(`COPY resident (${COLUMNS}) FROM STDIN`);
  // The stream stands in for the SQL text: pg's client.query() submits it on the transaction's connection.
  await tx.executeQuery(CompiledQuery.raw(stream as unknown as string, []));
  await pipeline(Readable.from(lines(rows, surveyIdOf, householdIdOf)), stream);
  if (stream.rowCount !== rows.length) throw new Error(`copyResidents: server copied ${stream.rowCount} rows of ${rows.length}`);
  return stream.rowCount;
}
