/** The `cong` command. */
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { migrations } from '../migrations/index.js';
import { openDb } from '../platform/db/kysely.js';
import { migrateToLatest } from '../platform/db/migrator.js';

function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const program = new Command('cong').description('Cổng — cổng thông tin điện tử cho cơ quan nhà nước');

program
  .command('serve')
  .description('Chạy máy chủ web (tự chuyển đổi cơ sở dữ liệu; lần đầu cài dữ liệu mẫu nếu cơ sở dữ liệu trống)')
  .option('--no-demo', 'không cài dữ liệu mẫu vào cơ sở dữ liệu trống (dùng khi triển khai thật)')
  .option('-p, --port <port>', 'cổng lắng nghe (mặc định PORT hoặc 3000)')
  .action(async (options: { demo: boolean; port?: string }) => {
    const config = configOrExit({
      ...process.env,
      ...(options.port ? { PORT: options.port } : {}),
      ...(options.demo ? {} : { CONG_DEMO: 'false' }),
    });
    const { serve } = await import('../main.js');
    await serve(config);
  });

program
  .command('migrate')
  .description('Chuyển đổi cơ sở dữ liệu lên phiên bản mới nhất rồi thoát')
  .action(async () => {
    const config = configOrExit();
    const db = openDb(config);
    try {
      const applied = await migrateToLatest(db, migrations);
      console.log(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    } finally {
      await db.close();
    }
  });

await program.parseAsync(process.argv);
