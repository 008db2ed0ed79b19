import { sql } from 'kysely';
import type { Db, Tx } from '../../db/schema.ts';

/**
 * The most people a unit's figures may count: its population aged 15 and over (data element POP15 of the indicators,
 * the latest year not after the one reported, summed over the unit's cover) when one was entered; otherwise a
 * plausibility bound by kind of unit [I] — the largest communes after the 2025 mergers have some 200 000 people and
 * the largest province (Thành phố Hồ Chí Minh) some 14 million, so these bounds only catch typing errors.
 */
export interface PopulationBound {
  value: number;
  kind: 'figure' | 'plausibility';
  note: string;
}

export const PLAUSIBLE_POPULATION = { commune: 500_000, other: 20_000_000 } as const;

export function plausibilityBound(unitKind: string): PopulationBound {
  const value = unitKind === 'commune' ? PLAUSIBLE_POPULATION.commune : PLAUSIBLE_POPULATION.other;
  return { value, kind: 'plausibility', note: `đơn vị chưa có số liệu dân số; dùng giới hạn hợp lý ${value.toLocaleString('vi-VN')} người [I]` };
}

export function figureBound(value: number, year: string): PopulationBound {
  return { value, kind: 'figure', note: `dân số từ 15 tuổi trở lên năm ${year} là ${value.toLocaleString('vi-VN')} người (chỉ số POP15)` };
}

export async function populationBound(db: Db | Tx, unitId: string, year: number): Promise<PopulationBound> {
  const unit = await db.selectFrom('org_unit').select('kind').where('id', '=', unitId).executeTakeFirstOrThrow();
  const figure = await db.selectFrom('data_rollup as r').innerJoin('data_element as e', 'e.id', 'r.data_element_id')
    .select(['r.total', 'r.period']).where('e.code', '=', 'POP15').where('r.ancestor_id', '=', unitId).where('r.units', '>', 0)
    .where(sql<boolean>`r.period ~ '^[0-9]{4}$' AND r.period::int <= ${year}`).orderBy('r.period', 'desc').limit(1).executeTakeFirst();
  return figure ? figureBound(Number(figure.total), figure.period) : plausibilityBound(unit.kind);
}
