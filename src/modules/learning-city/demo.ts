import type { Db } from '../../db/schema.ts';
import { allFeatures } from './framework.ts';
import { currentFramework, insertCity, loadFramework } from './store.ts';

/**
 * Demo mode only (`serve --demo`): the four cities the two seed plans ask to join UNESCO's Global Network of Learning
 * Cities (KH 2042/KH-UBND Tây Ninh: Thành phố Tây Ninh; KH 1144/KH-UBND Bình Dương: Thủ Dầu Một, Thuận An, Dĩ An), and
 * a submitted 2024 self-assessment of Thủ Dầu Một. The plans ask the cities to apply; no source read says any of them
 * was admitted, so the GNLC membership year stays empty. Rows are flagged demo; written once.
 */
const CITIES = [
  { code: '718', name: 'Thành phố học tập Thủ Dầu Một', note: 'KH 1144/KH-UBND (Bình Dương) mục V: đề xuất đăng ký tham gia mạng lưới Thành phố học tập toàn cầu' },
  { code: '725', name: 'Thành phố học tập Thuận An', note: 'KH 1144/KH-UBND (Bình Dương) mục V: đề xuất đăng ký tham gia mạng lưới Thành phố học tập toàn cầu' },
  { code: '724', name: 'Thành phố học tập Dĩ An', note: 'KH 1144/KH-UBND (Bình Dương) mục V: đề xuất đăng ký tham gia mạng lưới Thành phố học tập toàn cầu' },
  { code: '703', name: 'Thành phố học tập Tây Ninh', note: 'KH 2042/KH-UBND (Tây Ninh) mục II.6: nghiên cứu đăng ký tham gia mạng lưới "Thành phố học tập" của UNESCO' },
];

/** Demo ratings: a city strong on its schools and weaker on workplace learning and resources. */
const AREA_RATING: Record<string, number> = { '1.1': 4, '1.2': 3, '1.3': 3, '2.1': 5, '2.2': 4, '2.3': 2, '2.4': 3, '2.5': 4, '2.6': 4, '3.1': 4, '3.2': 3, '3.3': 2 };

export async function seedDemoLearningCities(db: Db): Promise<number> {
  if (await db.selectFrom('learning_city').select('id').limit(1).executeTakeFirst()) return 0;
  await loadFramework(db); // normally loaded by seed; harmless when unchanged
  const fw = await currentFramework(db);
  return db.transaction().execute(async (tx) => {
    let n = 0;
    let tdm: string | null = null;
    for (const c of CITIES) {
      const unit = await tx.selectFrom('org_unit').select(['id', 'parent_id', 'valid_from', 'valid_to']).where('code', '=', c.code).where('kind', '=', 'district').executeTakeFirst();
      if (!unit) continue;
      const id = await insertCity(tx, null, unit, { name: c.name, unitId: unit.id, gnlcYear: null, note: `${c.note} (mẫu)`, demo: true });
      if (c.code === '718') tdm = id;
      n++;
    }
    if (!tdm) return n;
    const a = await tx.insertInto('learning_city_assessment').values({
      city_id: tdm, year: 2024, framework_id: fw.id, status: 'submitted', submitted_at: new Date('2024-11-28T09:00:00+07:00'), demo: true,
    }).returningAll().executeTakeFirstOrThrow();
    await tx.updateTable('learning_city_assessment').set({ version: 2 }).where('id', '=', a.id).execute(); // created, then submitted
    const features = allFeatures(fw.definition);
    await tx.insertInto('learning_city_rating').values(features.map((f) => ({
      assessment_id: a.id, feature_code: f.code, rating: AREA_RATING[f.area] ?? 3,
      narrative: `Năm 2024 thành phố đã triển khai nội dung "${f.name.charAt(0).toLocaleLowerCase('vi')}${f.name.slice(1)}"; ${f.indicators.length ? 'số liệu tổng hợp trên hệ thống kèm theo' : `minh chứng: ${f.evidence}`} (mẫu).`,
    }))).execute();
    await tx.insertInto('learning_city_evidence').values([
      { assessment_id: a.id, feature_code: '3.1.1', url: 'https://thudaumot.binhduong.gov.vn/', note: 'Kế hoạch xây dựng thành phố học tập năm 2024 (mẫu)' },
      { assessment_id: a.id, feature_code: '2.6.1', url: 'https://sgddt.binhduong.gov.vn/', note: 'Báo cáo Tuần lễ hưởng ứng học tập suốt đời 2024 (mẫu)' },
      { assessment_id: a.id, feature_code: '3.2.3', url: 'https://www.uil.unesco.org/en/learning-cities', note: 'Hồ sơ tìm hiểu mạng lưới GNLC (mẫu)' },
    ]).execute();
    await tx.insertInto('learning_city_event').values([
      { assessment_id: a.id, action: 'create', from_status: null, to_status: 'draft', version: 1, comment: 'Dữ liệu mẫu' },
      { assessment_id: a.id, action: 'submit', from_status: 'draft', to_status: 'submitted', version: 2, comment: 'Gửi Sở GDĐT (mẫu)' },
    ]).execute();
    return n;
  });
}
