import type { Db } from '../db/schema.ts';
import type { Actor, Role } from '../modules/auth/model.ts';
import { currentCycle, firstCycle, fixedDueDate, type DueRule } from '../modules/plans/deadlines.ts';
import { reportProgress } from '../modules/plans/store.ts';

/**
 * Demo mode only: a plausible history of progress reports so the plan view shows every status. Deterministic
 * (driven by assignment ids), entered through the normal store function (scoped, validated, audited), and
 * skipped once any report exists so real work is never mixed with invented work.
 */
export async function seedDemoProgress(db: Db, today: string): Promise<number> {
  const any = await db.selectFrom('task_progress').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const user = await db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role']).where('username', '=', 'coordinator').executeTakeFirst();
  if (!user) return 0;
  const actor: Actor = { id: user.id, username: user.username, displayName: user.display_name, role: user.role as Role };
  const rows = await db.selectFrom('task_assignment as a').innerJoin('task as t', 't.id', 'a.task_id').innerJoin('plan as p', 'p.id', 't.plan_id')
    .select(['a.id', 'a.version', 't.due_rule', 'p.issued_on']).orderBy('a.id').execute();
  let n = 0;
  for (const r of rows) {
    const rule = r.due_rule as DueRule;
    const pick = Number(r.id) * 7919 % 10;
    let version = r.version;
    const report = async (body: { status: 'in_progress' | 'done'; percent: number; narrative: string; completedOn?: string; period?: number }) => {
      version = (await reportProgress(db, actor, r.id, { ...body, version, evidenceIds: [] }, today)).version;
      n++;
    };
    if (rule.kind === 'yearly') {
      // Most units reported every past cycle; some missed the last one.
      const last = currentCycle(rule, r.issued_on, today) - 1;
      for (let y = firstCycle(rule, r.issued_on); y <= last - (pick < 3 ? 1 : 0); y++) {
        await report({ status: 'done', percent: 100, narrative: `Báo cáo sơ kết năm ${y} đã gửi Sở Giáo dục và Đào tạo.`, completedOn: `${y}-${pad(rule.month)}-${pad(Math.max(1, rule.day - 3))}`, period: y });
      }
      continue;
    }
    const due = fixedDueDate(rule);
    const start = addDays(r.issued_on, 30);
    if (pick <= 3) {
      await report({ status: 'done', percent: 100, narrative: 'Đã triển khai xong; văn bản đã gửi Sở Giáo dục và Đào tạo.', completedOn: minDate(due ? addDays(due, -5) : addDays(start, 60), today) });
    } else if (pick === 4 && due && addDays(due, 25) <= today) {
      await report({ status: 'done', percent: 100, narrative: 'Hoàn thành chậm do phải chờ hướng dẫn của cấp trên.', completedOn: addDays(due, 25) });
    } else if (pick <= 6) {
      await report({ status: 'in_progress', percent: 20 + pick * 10, narrative: 'Đang triển khai; đã xây dựng kế hoạch của đơn vị.' });
    }
  }
  return n;
}

const pad = (n: number) => String(n).padStart(2, '0');
const minDate = (a: string, b: string) => (a < b ? a : b);
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
