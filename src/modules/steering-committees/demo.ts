import type { Db, Tx } from '../../db/schema.ts';
import { personKey, type Position } from './model.ts';
import { insertMeetingTasks } from './store.ts';

/**
 * Demo mode only (`serve --demo`): the provincial steering committees of Tây Ninh (the old province until 30/06/2025,
 * then the merged province, linked as successor) and of Bình Dương (until 30/06/2025), a few members — one replaced —
 * and one meeting of the new Tây Ninh committee that assigned a task to the department of education, tracked in plan
 * 2042/KH-UBND. Every row is flagged demo and names end in "(mẫu)"; written once.
 */
export async function seedDemoSteeringCommittees(db: Db, today: string): Promise<number> {
  if (await db.selectFrom('steering_committee').select('id').limit(1).executeTakeFirst()) return 0;
  const units = await db.selectFrom('org_unit').select(['id', 'code', 'name', 'valid_to']).where('code', 'in', ['72', '74', '80', '80.SGDDT']).execute();
  const unit = (code: string, old: boolean) => units.find((u) => u.code === code && (u.valid_to !== null) === old);
  const [tayNinhOld, binhDuong, tayNinh, doet] = [unit('72', true), unit('74', true), unit('80', false), unit('80.SGDDT', false)];
  const plan = await db.selectFrom('plan').select(['id', 'number']).where('slug', '=', 'tay-ninh-2042-2020').executeTakeFirst();
  const meetingDay = '2025-09-15';
  if (!tayNinhOld || !binhDuong || !tayNinh || !doet || !plan || today < meetingDay) return 0;
  return db.transaction().execute(async (tx) => {
    const committee = async (unit_id: string, name: string, decision: [string, string], from: string, to: string | null) =>
      (await tx.insertInto('steering_committee').values({ unit_id, name, decision_number: decision[0], decision_date: decision[1], valid_from: from, valid_to: to, demo: true })
        .returning('id').executeTakeFirstOrThrow()).id;
    const oldTn = await committee(tayNinhOld.id, 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh giai đoạn 2021–2030 (mẫu)', ['512/QĐ-UBND (mẫu)', '2021-03-01'], '2021-03-01', '2025-06-30');
    const newTn = await committee(tayNinh.id, 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh (mẫu)', ['1650/QĐ-UBND (mẫu)', '2025-07-01'], '2025-07-01', null);
    const bd = await committee(binhDuong.id, 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Bình Dương giai đoạn 2021–2030 (mẫu)', ['2210/QĐ-UBND (mẫu)', '2022-08-15'], '2022-08-15', '2025-06-30');
    await tx.updateTable('steering_committee').set({ successor_id: newTn }).where('id', '=', oldTn).execute();

    type Seat = [string, Position, string, string, string, string, string | null, string | null];
    const seat = async (committee_id: string, [name, position, agency, job, decision, from, to, replaces]: Seat) =>
      (await tx.insertInto('steering_committee_member').values({
        committee_id, person_name: name, person_key: personKey(name), position, agency, job_title: job, decision_number: decision.split('@')[0]!,
        decision_date: decision.split('@')[1]!, valid_from: from, valid_to: to, replaces_id: replaces, demo: true,
      }).returning('id').executeTakeFirstOrThrow()).id;
    const firstHead = await seat(oldTn, ['Trần Văn Minh (mẫu)', 'head', 'Ủy ban nhân dân tỉnh Tây Ninh', 'Phó Chủ tịch', '512/QĐ-UBND (mẫu)@2021-03-01', '2021-03-01', '2023-04-30', null]);
    await seat(oldTn, ['Lê Thị Hồng (mẫu)', 'head', 'Ủy ban nhân dân tỉnh Tây Ninh', 'Phó Chủ tịch', '845/QĐ-UBND (mẫu)@2023-04-28', '2023-05-01', '2025-06-30', firstHead]);
    await seat(oldTn, ['Phạm Quốc Bảo (mẫu)', 'standing_deputy', 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', 'Giám đốc', '512/QĐ-UBND (mẫu)@2021-03-01', '2021-03-01', '2025-06-30', null]);
    await seat(oldTn, ['Võ Thanh Tùng (mẫu)', 'member', 'Sở Lao động - Thương binh và Xã hội tỉnh Tây Ninh', 'Phó Giám đốc', '512/QĐ-UBND (mẫu)@2021-03-01', '2021-03-01', '2025-06-30', null]);
    for (const s of [
      ['Lê Thị Hồng (mẫu)', 'head', 'Ủy ban nhân dân tỉnh Tây Ninh', 'Phó Chủ tịch', '1650/QĐ-UBND (mẫu)@2025-07-01', '2025-07-01', null, null],
      ['Phạm Quốc Bảo (mẫu)', 'standing_deputy', 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', 'Giám đốc', '1650/QĐ-UBND (mẫu)@2025-07-01', '2025-07-01', null, null],
      ['Nguyễn Thị Thu (mẫu)', 'deputy', 'Hội Khuyến học tỉnh Tây Ninh', 'Chủ tịch', '1650/QĐ-UBND (mẫu)@2025-07-01', '2025-07-01', null, null],
      ['Đặng Hữu Phước (mẫu)', 'member', 'Sở Nội vụ tỉnh Tây Ninh', 'Phó Giám đốc', '1650/QĐ-UBND (mẫu)@2025-07-01', '2025-07-01', null, null],
      ['Huỳnh Ngọc Lan (mẫu)', 'secretary', 'Sở Giáo dục và Đào tạo tỉnh Tây Ninh', 'Chuyên viên phòng GDTX', '1650/QĐ-UBND (mẫu)@2025-07-01', '2025-07-01', null, null],
    ] as Seat[]) await seat(newTn, s);
    for (const s of [
      ['Mai Hùng Dũng (mẫu)', 'head', 'Ủy ban nhân dân tỉnh Bình Dương', 'Phó Chủ tịch', '2210/QĐ-UBND (mẫu)@2022-08-15', '2022-08-15', '2025-06-30', null],
      ['Nguyễn Văn Lộc (mẫu)', 'standing_deputy', 'Sở Giáo dục và Đào tạo tỉnh Bình Dương', 'Giám đốc', '2210/QĐ-UBND (mẫu)@2022-08-15', '2022-08-15', '2025-06-30', null],
      ['Trương Thị Mai (mẫu)', 'member', 'Hội Khuyến học tỉnh Bình Dương', 'Chủ tịch', '2210/QĐ-UBND (mẫu)@2022-08-15', '2022-08-15', '2025-06-30', null],
    ] as Seat[]) await seat(bd, s);

    const conclusions = 'Giao Sở Giáo dục và Đào tạo tham mưu UBND tỉnh hướng dẫn các xã, phường sau sắp xếp kiện toàn Ban Chỉ đạo cấp xã, hoàn thành trước ngày 31/12/2026.';
    const meeting = await tx.insertInto('steering_committee_meeting').values({
      committee_id: newTn, held_on: meetingDay, kind: 'regular', chair: 'Lê Thị Hồng (mẫu)', attendee_count: 18,
      agenda: 'Sơ kết công tác XMC-PCGD-XDXHHT sau sắp xếp đơn vị hành chính; triển khai nhiệm vụ năm học 2025-2026 (mẫu).',
      minutes: 'Ban Chỉ đạo nghe Thường trực báo cáo tình hình sau hợp nhất tỉnh; các thành viên thảo luận việc kiện toàn Ban Chỉ đạo cấp xã (mẫu).',
      conclusions, demo: true,
    }).returning('id').executeTakeFirstOrThrow();
    await insertMeetingTasks(tx as Tx, null, { id: meeting.id, heldOn: meetingDay, committeeName: 'Ban Chỉ đạo XMC-PCGD-XDXHHT tỉnh Tây Ninh (mẫu)', conclusions }, plan, [{
      text: 'Tham mưu UBND tỉnh hướng dẫn các xã, phường sau sắp xếp kiện toàn Ban Chỉ đạo XMC-PCGD-XDXHHT cấp xã (mẫu).',
      lead: doet, coordinating: [], coordinatingText: 'Sở Nội vụ, Hội Khuyến học tỉnh', deadline: '2026-12-31',
    }]);
    return 3;
  });
}
