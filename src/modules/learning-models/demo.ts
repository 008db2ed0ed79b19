import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/schema.ts';
import type { Actor, Role } from '../auth/model.ts';
import { createCampaign, selfServiceSubmit } from './campaign.ts';

/**
 * Demo mode only (`serve --demo`): one campaign of the demo commune (Phường Tân Ninh) with two citizens' submissions
 * waiting in its queue, so the pages are not empty on first start. Names end in "(mẫu)"; written once.
 */
export async function seedDemoLearningModels(db: Db, today: string): Promise<number> {
  if (await db.selectFrom('model_campaign').select('id').limit(1).executeTakeFirst()) return 0;
  const user = await db.selectFrom('app_user as u').innerJoin('user_scope as s', 's.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 's.unit_id']).where('u.username', '=', 'commune').executeTakeFirst();
  if (!user) return 0;
  const actor: Actor = { id: user.id, username: user.username, displayName: user.display_name, role: user.role as Role };
  const year = Number(today.slice(0, 4));
  const { code } = await createCampaign(db, actor, { unitId: user.unit_id, modelType: 'learning_citizen', year, title: `Đăng ký Công dân học tập năm ${year} (mẫu)` }, today);
  const scores = (p: number) => Object.fromEntries(['CDHT_1_1', 'CDHT_1_2', 'CDHT_1_3', 'CDHT_1_4', 'CDHT_2_1', 'CDHT_2_2', 'CDHT_2_3', 'CDHT_2_4', 'CDHT_3_1', 'CDHT_3_2'].map((c) => [c, p]));
  for (const [name, birthYear, points] of [['Nguyễn Văn An (mẫu)', 1982, 9], ['Trần Thị Bích (mẫu)', 1990, 7.5]] as const) {
    await selfServiceSubmit(db, code, { name, birthYear, scores: scores(points), targetGroup: 'nong_dan', submissionKey: randomUUID() }, today);
  }
  return 2;
}
