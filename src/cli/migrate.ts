import type { Config } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';

export async function migrateCommand(config: Config): Promise<void> {
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database.db, console.log);
    console.log(applied.length ? `Đã áp dụng ${applied.length} migration.` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
  } finally {
    await database.close();
  }
}
