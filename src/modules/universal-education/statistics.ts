import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { XlsxColumn, XlsxSheet } from '../../http/xlsx.ts';
import { inForce } from '../org-units/store.ts';
import { RATE_NAMES, type RateName } from './rule-set.ts';
import { surveyReferenceDate } from './results.ts';
import type { Levels, Rate } from './standards.ts';

/** Vietnamese headings of the rates, as on the statistical tables. */
export const RATE_TITLES: Record<RateName, string> = {
  preschool5Attending: 'Trẻ 5 tuổi đi học',
  preschool5Completed: 'Trẻ 5 tuổi hoàn thành CT mầm non',
  grade1At6: 'Trẻ 6 tuổi vào lớp 1',
  primaryCompleted11to14: 'Trẻ 11–14 tuổi hoàn thành CT tiểu học',
  primaryCompleted11: 'Trẻ 11 tuổi hoàn thành CT tiểu học',
  lowerSecondaryDiploma15to18: 'Thanh thiếu niên 15–18 tuổi tốt nghiệp THCS',
  upperStudying15to18: 'Thanh thiếu niên 15–18 tuổi đang học THPT/GDTX/GDNN',
  literate1: 'Người trong độ tuổi đạt chuẩn biết chữ mức 1',
  literate2: 'Người trong độ tuổi đạt chuẩn biết chữ mức 2',
};
const LEVEL_TITLES: Record<keyof Levels, string> = { preschool5: 'PCGD mầm non 5 tuổi', primary: 'PCGD tiểu học', lowerSecondary: 'PCGD THCS', literacy: 'Xóa mù chữ' };

interface UnitLevels { code: string; name: string; kind: string; levels: Levels | null; rates: Record<RateName, Rate> | null }

/**
 * The statistical tables of a unit for a year: the levels of every unit below it, and the rates of every commune
 * (numerator, denominator, percent) — aggregates only, views of the stored results.
 */
export async function statisticalTables(db: Db, unitId: string, unitName: string, year: number): Promise<XlsxSheet<UnitLevels>[]> {
  const rows = await db.selectFrom('org_unit as u').innerJoin('standard_result as r', (j) => j.onRef('r.unit_id', '=', 'u.id').on('r.year', '=', year))
    .select(['u.code', 'u.name', 'u.kind', 'r.levels', sql<unknown>`r.result->'rates'`.as('rates')])
    .where('u.id', 'in', sql<string>`(SELECT unit_id FROM org_unit_cover WHERE ancestor_id = ${unitId})`).where(inForce(surveyReferenceDate(year)))
    .orderBy('u.kind', 'desc').orderBy('u.code').execute() as UnitLevels[];
  const level = (k: keyof Levels): XlsxColumn<UnitLevels> => ({ header: LEVEL_TITLES[k], value: (r) => (r.levels ? r.levels[k] : null), width: 12 });
  const rateColumns = RATE_NAMES.flatMap((n): XlsxColumn<UnitLevels>[] => [
    { header: `${RATE_TITLES[n]} — số người đạt`, value: (r) => r.rates?.[n]?.num ?? null, format: '#,##0', width: 14 },
    { header: `${RATE_TITLES[n]} — trong độ tuổi`, value: (r) => r.rates?.[n]?.den ?? null, format: '#,##0', width: 14 },
    { header: `${RATE_TITLES[n]} — tỷ lệ`, value: (r) => (r.rates?.[n]?.den ? r.rates[n].num / r.rates[n].den : null), format: '0.0%', width: 10 },
  ]);
  return [
    { name: 'Mức đạt chuẩn', title: `Kết quả PCGD–XMC năm ${year} — ${unitName}`, rows,
      columns: [{ header: 'Mã', value: (r) => r.code, width: 10 }, { header: 'Đơn vị', value: (r) => r.name, width: 30 }, { header: 'Cấp', value: (r) => r.kind, width: 10 },
        level('preschool5'), level('primary'), level('lowerSecondary'), level('literacy')] },
    { name: 'Tỷ lệ theo xã', title: `Tỷ lệ theo độ tuổi năm ${year} — ${unitName} (tử số, mẫu số, tỷ lệ)`, rows: rows.filter((r) => r.kind === 'commune'),
      columns: [{ header: 'Mã', value: (r) => r.code, width: 10 }, { header: 'Xã/phường', value: (r) => r.name, width: 30 }, ...rateColumns] },
  ];
}
