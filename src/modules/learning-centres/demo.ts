import type { Db } from '../../db/schema.ts';

/**
 * Demo mode only (`serve --demo`): the centres of the demo ward (Phường Tân Ninh, 25459) and of the old wards it took
 * over — two re-organised into the new ward's centre on 01/07/2025, one still waiting — with yearly reports, so the
 * pages are not empty on first start. Every row is flagged demo and names end in "(mẫu)"; written once.
 */
export async function seedDemoCentres(db: Db, today: string): Promise<number> {
  if (await db.selectFrom('learning_centre').select('id').limit(1).executeTakeFirst()) return 0;
  const units = await db.selectFrom('org_unit').select(['id', 'code', 'valid_to']).where('code', 'in', ['25456', '25459', '25462']).where('kind', '=', 'commune').execute();
  const unit = (code: string, era: 'old' | 'new') => units.find((u) => u.code === code && (era === 'old') === (u.valid_to !== null))?.id;
  const [p1, p3, p4, tanNinh] = [unit('25456', 'old'), unit('25459', 'old'), unit('25462', 'old'), unit('25459', 'new')];
  if (!p1 || !p3 || !p4 || !tanNinh) return 0;
  const year = Number(today.slice(0, 4));
  return db.transaction().execute(async (tx) => {
    const centre = async (commune_id: string, name: string, valid_from: string, staff: [number, number, number]) =>
      (await tx.insertInto('learning_centre').values({ commune_id, name, valid_from, managers: staff[0], teachers: staff[1], collaborators: staff[2], demo: true }).returning('id').executeTakeFirstOrThrow()).id;
    const successor = await centre(tanNinh, 'Trung tâm học tập cộng đồng phường Tân Ninh (mẫu)', '2025-07-01', [3, 6, 18]);
    const old1 = await centre(p1, 'Trung tâm học tập cộng đồng Phường 1 (mẫu)', '2012-05-15', [2, 3, 8]);
    const old3 = await centre(p3, 'Trung tâm học tập cộng đồng Phường 3 (mẫu)', '2013-03-01', [2, 2, 6]);
    await centre(p4, 'Trung tâm học tập cộng đồng Phường 4 (mẫu)', '2014-09-01', [1, 2, 5]);
    await tx.updateTable('learning_centre').set({ valid_to: '2025-06-30', successor_id: successor }).where('id', 'in', [old1, old3]).execute();
    const report = async (centre_id: string, y: number, it: [boolean, boolean], self: string, scale: number) => {
      await tx.insertInto('learning_centre_year').values({ centre_id, year: y, it_management: it[0], it_teaching: it[1], self_rating: self, demo: true }).execute();
      const rows = ([['it', 4, 24, 96], ['law', 0, 6, 420], ['life_skills', 2, 10, 150], ['vocational', 3, 18, 75], ['culture', 1, 12, 210]] as const).map(([topic, classes, sessions, people]) => {
        const participants = Math.round(people * scale);
        const female = Math.round(participants * 0.56);
        return { centre_id, year: y, topic, classes, sessions, participants, breakdown: JSON.stringify({ sex: { male: participants - female, female } }) };
      });
      await tx.insertInto('learning_centre_activity').values(rows).execute();
    };
    await report(old1, 2024, [true, false], 'fair', 0.5);
    await report(old3, 2024, [false, false], 'pass', 0.4);
    for (let y = 2025; y <= year; y++) await report(successor, y, [true, y > 2025], 'good', 1 + (y - 2025) * 0.2);
    return 4;
  });
}
