import type { Db } from '../../db/schema.ts';
import type { Actor } from '../auth/model.ts';
import { unitById, type UnitAt } from '../indicators/analytics.ts';
import { dashboard } from '../indicators/dashboard.ts';
import { myTasks } from '../plans/store.ts';

/** What a report form shows read-only: the unit's tasks of the plan with their progress, and indicator values against targets. */
export interface Prefill {
  asOf: string;
  tasks: PrefillTask[];
  /** The unit whose targets are quoted: the reporting unit, or for an agency the province it belongs to. */
  targetsOf: { code: string; name: string } | null;
  indicators: PrefillIndicator[];
}
export interface PrefillTask { code: string; text: string; dueRuleText: string; statusLabel: string; percent: number; dueDate: string | null }
export interface PrefillIndicator {
  indicator: string; name: string; /** The target as the plan words it. */ text: string | null; unitLabel: string; decimals: number; clause: string | null; targetYear: number; target: number; comparator: string;
  value: number | null; valueYear: number; outlookLabel: string;
}

/**
 * The tasks a unit answers for in a plan (its own assignments and those it took over by succession, read through the
 * plan tracker) as they stand at `today`.
 */
async function unitTasks(db: Db, actor: Actor, planId: string, unitId: string, today: string): Promise<PrefillTask[]> {
  const covered = new Set((await db.selectFrom('org_unit_cover').select('unit_id').where('ancestor_id', '=', unitId).execute()).map((c) => c.unit_id));
  return (await myTasks(db, actor, today))
    .filter((r) => r.plan.id === planId && covered.has(r.assignment.unit.id))
    .map((r) => ({ code: r.task.code, text: r.task.text, dueRuleText: r.task.dueRuleText, statusLabel: r.assignment.statusLabel, percent: r.assignment.percent, dueDate: r.assignment.dueDate }));
}

/** Targets with the indicator's value for the report's year, read live through the indicator dashboard. */
export async function indicatorRows(db: Db, unit: UnitAt, planNumber: string | undefined, year: number, today: string): Promise<PrefillIndicator[]> {
  const d = await dashboard(db, { unit, plan: planNumber, today });
  return d.items.map((i) => ({
    indicator: i.indicator.code, name: i.indicator.name, text: i.target.text, unitLabel: i.indicator.unitLabel, decimals: i.indicator.decimals, clause: i.target.clause,
    targetYear: i.target.year, target: i.target.value, comparator: i.target.comparator,
    value: i.series.find((f) => f.year === year)?.value ?? null, valueYear: year, outlookLabel: i.outlookLabel,
  }));
}

export async function prefill(db: Db, actor: Actor, input: { planId: string | null; planNumber: string | null; unitId: string; period: number; today: string }): Promise<Prefill> {
  const unit = await unitById(db, input.unitId);
  if (!unit) throw new Error(`unit ${input.unitId} missing`);
  const tasks = input.planId ? await unitTasks(db, actor, input.planId, unit.id, input.today) : [];
  let targetsOf: UnitAt = unit;
  let indicators = await indicatorRows(db, unit, input.planNumber ?? undefined, input.period, input.today);
  // An agency has no targets of its own: the plan's targets are its province's, which it reports against.
  if (indicators.length === 0 && unit.kind !== 'commune' && unit.kind !== 'district' && unit.kind !== 'province') {
    const parent = await db.selectFrom('org_unit').select('parent_id').where('id', '=', unit.id).executeTakeFirst();
    const province = parent?.parent_id ? await unitById(db, parent.parent_id) : undefined;
    if (province) {
      targetsOf = province;
      indicators = await indicatorRows(db, province, input.planNumber ?? undefined, input.period, input.today);
    }
  }
  return { asOf: input.today, tasks, targetsOf: indicators.length ? { code: targetsOf.code, name: targetsOf.name } : null, indicators };
}
