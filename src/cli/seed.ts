import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/schema.ts';
import type { Role } from '../modules/auth/model.ts';
import { upsertUser } from '../modules/auth/store.ts';
import { loadCatalogue } from '../modules/indicators/catalogue.ts';
import { loadCriteriaCatalogue } from '../modules/learning-models/criteria-catalogue.ts';
import { loadFramework } from '../modules/learning-city/store.ts';
import { inForce, loadReference } from '../modules/org-units/store.ts';
import { readReferenceData } from '../modules/org-units/reference.ts';
import { loadPlan, readPlanFiles } from '../modules/plans/load.ts';
import { loadObligations, readObligationFile } from '../modules/reports/obligations.ts';

/** Reference data every installation needs: units, agencies, the plans and the indicator catalogue shipped in data/. Idempotent. */
export async function seedReference(db: Db, log: (m: string) => void = () => {}): Promise<void> {
  const ref = await loadReference(db, null, await readReferenceData());
  log(`Đơn vị hành chính và cơ quan: ${ref.units} phiên bản, ${ref.succession} liên kết kế thừa.`);
  for (const { slug, plan } of await readPlanFiles()) {
    const r = await loadPlan(db, null, slug, plan);
    log(r.loaded ? `Kế hoạch ${plan.number}: ${r.tasks} nhiệm vụ, ${r.assignments} lượt giao.` : `Kế hoạch ${plan.number}: đã có, giữ nguyên.`);
  }
  // After the plans: targets are linked to them.
  const c = await db.transaction().execute((tx) => loadCatalogue(tx, null));
  log(`Danh mục chỉ số: ${c.dataElements} phần tử dữ liệu, ${c.dataSets} bộ dữ liệu, ${c.indicators} chỉ số, ${c.targets} chỉ tiêu${c.changes.length ? ` (${c.changes.length} thay đổi)` : ', không thay đổi'}.`);
  log(`Nghĩa vụ báo cáo: ${(await loadObligations(db, null, await readObligationFile())).added} mục mới nạp.`);
  const k = await loadCriteriaCatalogue(db);
  log(`Bộ tiêu chí mô hình học tập: ${k.sets} bộ${k.changes.length ? ` (phiên bản mới: ${k.changes.join(', ')})` : ', không thay đổi'}.`);
  const lc = await loadFramework(db);
  log(`Khung đánh giá thành phố học tập (UNESCO): phiên bản ${lc.framework.version}${lc.changed ? ' (mới nạp)' : ', không thay đổi'}.`);
}

/** The demo accounts, one per role, documented in the README. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; scope: { code: string; at: string }[] }[] = [
  { username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', scope: [{ code: '79', at: '2025-07-01' }, { code: '80', at: '2025-07-01' }] },
  { username: 'coordinator', displayName: 'Phòng GDTX – Sở GDĐT (điều phối)', role: 'coordinator', scope: [{ code: '79', at: '2025-07-01' }, { code: '80', at: '2025-07-01' }] },
  { username: 'agency', displayName: 'Cán bộ Sở GDĐT Tây Ninh', role: 'agency_reporter', scope: [{ code: '80.SGDDT', at: '2025-07-01' }] },
  { username: 'commune', displayName: 'Cán bộ phường Tân Ninh', role: 'unit_officer', scope: [{ code: '25459', at: '2025-07-01' }] },
  { username: 'assessor', displayName: 'Hội Khuyến học tỉnh Tây Ninh', role: 'assessor', scope: [{ code: '72.HKH', at: '2020-08-27' }] },
  { username: 'viewer', displayName: 'Lãnh đạo UBND tỉnh (xem)', role: 'viewer', scope: [{ code: '80', at: '2025-07-01' }] },
];

export async function seedDemoUsers(db: Db, password: string): Promise<void> {
  for (const u of DEMO_USERS) {
    const ids: string[] = [];
    for (const s of u.scope) {
      const unit = await db.selectFrom('org_unit as u').select('u.id').where('u.code', '=', s.code).where(inForce(s.at)).executeTakeFirst();
      if (!unit) throw new Error(`Tài khoản mẫu ${u.username}: không có đơn vị ${s.code} ngày ${s.at}`);
      ids.push(unit.id);
    }
    await upsertUser(db, null, { username: u.username, displayName: u.displayName, role: u.role, password, scopeUnitIds: ids });
  }
}

export function demoPassword(config: Config): string {
  return config.demoPassword ?? randomBytes(9).toString('base64url');
}

export async function seedCommand(config: Config, demo: boolean): Promise<void> {
  const database = await openDatabase(config);
  try {
    await migrate(database.db, console.log);
    await seedReference(database.db, console.log);
    if (demo) {
      const password = demoPassword(config);
      await seedDemoUsers(database.db, password);
      console.log(`Tài khoản mẫu: ${DEMO_USERS.map((u) => u.username).join(', ')} — mật khẩu: ${password}`);
    }
  } finally {
    await database.close();
  }
}
