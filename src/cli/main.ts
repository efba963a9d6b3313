/** The `cong` command. */
import { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { migrations } from '../migrations/index.js';
import { SiteDirectory, setSiteOrigin } from '../modules/sites/index.js';
import { AppError } from '../platform/errors.js';
import { openDb, type Db } from '../platform/db/kysely.js';
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

const site = program.command('site').description('Xem và sửa thông tin các trang (tên miền, địa chỉ gốc)');

site
  .command('list')
  .description('Liệt kê các trang: tên miền, địa chỉ gốc dùng cho liên kết tuyệt đối, trang mặc định')
  .action(async () => {
    await withDb(async (db) => {
      const directory = new SiteDirectory(db.kysely);
      await directory.reload();
      if (directory.list().length === 0) console.log('Chưa có trang nào: "npx cong serve" tạo trang đầu tiên.');
      for (const s of directory.list()) {
        console.log(`${s.isDefault ? '*' : ' '} ${s.host}\t${s.storedOrigin || `(chưa đặt; đang dùng ${s.origin})`}\t${s.name}`);
      }
    });
  });

site
  .command('set-origin <origin>')
  .description('Đặt địa chỉ gốc của một trang, ví dụ https://sldtbxh.kontum.gov.vn (trang đang chạy dùng địa chỉ mới trong vòng 30 giây)')
  .option('--site <host>', 'tên miền của trang (mặc định: trang mặc định)')
  .action(async (origin: string, options: { site?: string }) => {
    await withDb(async (db) => {
      const updated = await setSiteOrigin(db.kysely, { host: options.site, origin });
      console.log(`Đã đặt địa chỉ gốc của ${updated.host}: ${updated.origin}`);
    });
  });

/** Runs a command against the configured database; a refused input exits 1 with its Vietnamese message. */
async function withDb(run: (db: Db) => Promise<void>): Promise<void> {
  const db = openDb(configOrExit());
  try {
    await migrateToLatest(db, migrations);
    await run(db);
  } catch (error) {
    if (!(error instanceof AppError) || !error.isPublic) throw error;
    console.error(`${error.message}${error.help ? `\n${error.help}` : ''}`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

await program.parseAsync(process.argv);
