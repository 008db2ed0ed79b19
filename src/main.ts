import { readConfig } from './config.ts';
import { backupCommand, restoreCommand } from './cli/backup.ts';
import { migrateCommand } from './cli/migrate.ts';
import { pcgdCommand } from './cli/pcgd.ts';
import { planCommand } from './cli/plan.ts';
import { seedCommand } from './cli/seed.ts';
import { serveCommand } from './cli/serve.ts';

const HELP = `xhht — nền tảng xây dựng xã hội học tập

Cách dùng: xhht <lệnh> [tuỳ chọn]
  serve [--demo]        chạy máy chủ web (mặc định); --demo nạp dữ liệu và tài khoản mẫu
  migrate               áp dụng các migration còn thiếu
  seed [--demo]         nạp dữ liệu tham chiếu (đơn vị hành chính, cơ quan, kế hoạch); --demo thêm tài khoản mẫu
  backup <tệp>          sao lưu cơ sở dữ liệu (pg_dump, định dạng custom)
  restore <tệp>         khôi phục từ bản sao lưu (ghi đè dữ liệu hiện có)
  pcgd evaluate --communes TỆP --residents TỆP --year NĂM [--json]
                        tính chuẩn PCGD–XMC từ tệp (cơ sở dữ liệu tạm, trừ khi có DATABASE_URL)
  pcgd rebuild          dựng lại bảng tổng hợp và kết quả PCGD–XMC từ sổ (phục hồi)
  plan parse <tệp> [--json|--yaml]
                        đọc văn bản kế hoạch (.txt, .docx): mục, nhiệm vụ, cơ quan, thời hạn, chỉ tiêu (không cần CSDL)

Biến môi trường: PORT (8080), DATABASE_URL (mặc định: PostgreSQL nhúng), XHHT_DATA_DIR (./.xhht),
XHHT_DEMO_PASSWORD, XHHT_TODAY (cố định ngày hôm nay, YYYY-MM-DD, cho trình diễn/kiểm thử).`;

const [command = 'serve', ...args] = process.argv.slice(2);
const config = readConfig();
const commands: Record<string, () => Promise<void>> = {
  serve: () => serveCommand({ ...config, demo: config.demo || args.includes('--demo') }),
  migrate: () => migrateCommand(config),
  seed: () => seedCommand(config, args.includes('--demo')),
  backup: () => backupCommand(config, args[0]),
  restore: () => restoreCommand(config, args[0]),
  pcgd: () => pcgdCommand(config, args),
  plan: () => planCommand(args),
};
const run = commands[command];
if (!run || args.includes('--help') || command === 'help') {
  console.log(HELP);
  process.exit(run || command === 'help' ? 0 : 2);
}
try {
  await run();
} catch (err) {
  console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
