import fs from 'node:fs';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';
import { vietnamToday } from '../http/clock.ts';
import { seedDemoIndicators } from '../modules/indicators/demo.ts';
import { smtpMailer } from '../modules/notifications/mailer.ts';
import { startScheduler } from '../modules/notifications/scheduler.ts';
import { reportReminders } from '../modules/reports/reminders.ts';
import { seedDemoProgress } from './demo-progress.ts';
import { seedDemoLearningModels } from '../modules/learning-models/demo.ts';
import { seedDemoCentres } from '../modules/learning-centres/demo.ts';
import { seedDemoEvents } from '../modules/events/demo.ts';
import { seedDemoSteeringCommittees } from '../modules/steering-committees/demo.ts';
import { seedDemoLearningCities } from '../modules/learning-city/demo.ts';
import { DEMO_USERS, demoPassword, seedDemoUsers, seedReference } from './seed.ts';

export const VERSION: string = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

export async function serveCommand(config: Config): Promise<void> {
  console.log(config.databaseUrl ? 'Kết nối PostgreSQL ngoài (DATABASE_URL)…' : `Khởi động PostgreSQL nhúng tại ${config.dataDir}/pg …`);
  const database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let scheduler: ReturnType<typeof startScheduler> | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Nhận ${signal}: đang dừng…`);
    await scheduler?.stop().catch(() => {});
    await app?.close().catch(() => {});
    await database.close().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  let password: string | undefined;
  try {
    await migrate(database.db, console.log);
    if (config.demo) {
      await seedReference(database.db, console.log);
      password = demoPassword(config);
      await seedDemoUsers(database.db, password);
      const reports = await seedDemoProgress(database.db, vietnamToday(config.today));
      if (reports) console.log(`Dữ liệu mẫu: ${reports} báo cáo tiến độ.`);
      const figures = await database.db.transaction().execute((tx) => seedDemoIndicators(tx));
      if (figures.reports) console.log(`Số liệu mẫu (đánh dấu "dữ liệu mẫu"): ${figures.reports} báo cáo chỉ số, ${figures.values} giá trị, ${figures.results} kết quả PCGD–XMC.`);
      const models = await seedDemoLearningModels(database.db, vietnamToday(config.today));
      if (models) console.log(`Mô hình học tập mẫu: một đợt đăng ký, ${models} hồ sơ chờ xét.`);
      const centres = await seedDemoCentres(database.db, vietnamToday(config.today));
      const activities = await seedDemoEvents(database.db, vietnamToday(config.today));
      if (centres || activities) console.log(`Trung tâm HTCĐ, sự kiện mẫu: ${centres} trung tâm, ${activities} hoạt động.`);
      const committees = await seedDemoSteeringCommittees(database.db, vietnamToday(config.today));
      if (committees) console.log(`Ban Chỉ đạo mẫu: ${committees} Ban, một cuộc họp đã giao nhiệm vụ.`);
      const cities = await seedDemoLearningCities(database.db);
      if (cities) console.log(`Thành phố học tập mẫu: ${cities} thành phố, một bản tự đánh giá năm 2024 đã gửi.`);
    }
    app = await buildApp({ db: database.db, config, databaseMode: database.mode, version: VERSION });
    await app.listen({ port: config.port, host: config.host });
    // Reminders of report deadlines: in the app always, by e-mail when an SMTP server is configured.
    const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
    scheduler = startScheduler({ db: database.db, today: () => vietnamToday(config.today), sources: [reportReminders], mailer, publicUrl: config.publicUrl }, config.schedulerIntervalMs);
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  const url = `http://localhost:${config.port}/`;
  console.log(`\nxhht đã sẵn sàng: ${url}`);
  console.log(`Tài liệu API: ${url}api/docs`);
  if (password) {
    console.log(`Tài khoản mẫu — mật khẩu: ${password}${config.demoPassword ? ' (từ XHHT_DEMO_PASSWORD)' : ' (tạo ngẫu nhiên cho lần chạy này)'}`);
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(12)} ${u.displayName}`);
  }
}
