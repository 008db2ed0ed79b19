import type { Db } from '../../db/schema.ts';
import { nationalEvents } from './calendar.ts';

/**
 * Demo mode only (`serve --demo`): the demo ward's activities under this year's national events (reported once
 * the event has started, planned before), one provincial campaign and two exemplary learners, one of them consented.
 * Flagged demo, names end in "(mẫu)"; written once.
 */
export async function seedDemoEvents(db: Db, today: string): Promise<number> {
  if (await db.selectFrom('event_activity').select('id').limit(1).executeTakeFirst()) return 0;
  const units = await db.selectFrom('org_unit').select(['id', 'code']).where('code', 'in', ['25459', '80']).where('valid_to', 'is', null).execute();
  const ward = units.find((u) => u.code === '25459')?.id;
  const province = units.find((u) => u.code === '80')?.id;
  if (!ward || !province) return 0;
  const year = Number(today.slice(0, 4));
  return db.transaction().execute(async (tx) => {
    let n = 0;
    for (const e of nationalEvents(year)) {
      const started = e.startsOn <= today;
      await tx.insertInto('event_activity').values({
        national_event: e.id, unit_id: ward, title: e.code === 'book-day' ? 'Ngày hội đọc sách tại khu phố (mẫu)' : 'Khai mạc Tuần lễ và lớp tin học cho người cao tuổi (mẫu)',
        starts_on: e.startsOn, ends_on: e.endsOn, status: started ? 'reported' : 'planned',
        sessions: e.code === 'book-day' ? 2 : 6, participants: e.code === 'book-day' ? 320 : 540, media_pieces: started ? 4 : 0, demo: true,
      }).execute();
      n++;
    }
    const campaign = await tx.insertInto('event').values({ unit_id: province, title: `Tháng khuyến học năm ${year} (mẫu)`, starts_on: `${year}-11-01`, ends_on: `${year}-11-30`, description: 'Phong trào mẫu của tỉnh', demo: true })
      .returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('event_activity').values({ event_id: campaign.id, unit_id: ward, title: 'Trao học bổng cho học sinh khó khăn (mẫu)', starts_on: `${year}-11-15`, ends_on: `${year}-11-15`, status: 'planned', sessions: 1, participants: 40, media_pieces: 1, demo: true }).execute();
    await tx.insertInto('exemplary').values([
      { unit_id: ward, kind: 'learner', name: 'Bà Lê Thị Hồng (mẫu)', year, story: 'Học tin học tại trung tâm học tập cộng đồng ở tuổi 67, nay hướng dẫn các cụ trong khu phố dùng dịch vụ công trực tuyến.', consent: true, consent_on: `${year}-10-02`, demo: true },
      { unit_id: ward, kind: 'model', name: 'Dòng họ Nguyễn khu phố 3 (mẫu)', year, story: 'Quỹ khuyến học của dòng họ trao học bổng mỗi năm học; chưa đồng ý giới thiệu công khai.', consent: false, demo: true },
    ]).execute();
    return n + 1;
  });
}
