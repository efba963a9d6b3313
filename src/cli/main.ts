/** The `cong` command. */
import { Command } from 'commander';
import { ConfigError, loadConfig, mediaDirOf, type Config } from '../config.js';
import { migrations } from '../migrations/index.js';
import { ROLES, ROLE_LABELS, UserNotFoundError, addMember, createApiToken, findUserByEmail, normalizeEmail, operatorScope, resetPassword, type Role } from '../modules/accounts/index.js';
import { SiteDirectory, normalizeHost, setSiteOrigin, type Site } from '../modules/sites/index.js';
import { AppError, InvalidInputError } from '../platform/errors.js';
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

/** The site a command acts on: --site HOST, else the default site. */
async function siteFor(db: Db, host: string | undefined): Promise<Site> {
  const directory = new SiteDirectory(db.kysely);
  await directory.reload();
  const sites = directory.list();
  if (sites.length === 0) throw new InvalidInputError('Chưa có trang nào.', { help: 'Chạy "npx cong serve" một lần để tạo trang đầu tiên (kèm dữ liệu mẫu, hoặc --no-demo).' });
  const wanted = host === undefined ? sites.find((s) => s.isDefault) ?? sites[0] : sites.find((s) => s.host === normalizeHost(host));
  if (!wanted) throw new InvalidInputError(`Không có trang nào có tên miền ${host}.`, { help: `Các trang: ${sites.map((s) => s.host).join(', ')}.` });
  return wanted;
}

/** CONG_PASSWORD, or a prompt that does not echo what is typed. */
async function readPassword(question: string): Promise<string> {
  const fromEnv = process.env.CONG_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) throw new InvalidInputError('Cần mật khẩu: đặt biến môi trường CONG_PASSWORD, hoặc chạy lệnh trong cửa sổ dòng lệnh để gõ mật khẩu.');
  const readline = await import('node:readline');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WriteStream };
  let isAsking = true;
  output._writeToOutput = (text: string) => {
    if (!isAsking || text.includes(question)) process.stdout.write(text);
  };
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    isAsking = false;
    rl.close();
    process.stdout.write('\n');
  }
}

const user = program.command('user').description('Tài khoản cán bộ: thêm người, đặt lại mật khẩu');

user
  .command('add')
  .description('Thêm một người vào trang với một vai trò (tạo tài khoản nếu email chưa có). Mật khẩu lấy từ CONG_PASSWORD hoặc được hỏi.')
  .requiredOption('--email <email>', 'email đăng nhập')
  .requiredOption('--name <name>', 'họ tên hiển thị')
  .requiredOption('--role <role>', `vai trò: ${ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ')}`)
  .option('--site <host>', 'tên miền của trang (mặc định: trang mặc định)')
  .option('--super-admin', 'quản trị hệ thống: toàn quyền trên mọi trang của cài đặt này')
  .action(async (options: { email: string; name: string; role: string; site?: string; superAdmin?: boolean }) => {
    await withDb(async (db) => {
      const target = await siteFor(db, options.site);
      const existing = await findUserByEmail(db.kysely, normalizeEmail(options.email));
      const password = existing?.password_hash ? undefined : await readPassword('Mật khẩu (ít nhất 12 ký tự): ');
      const result = await addMember(db.kysely, operatorScope(target.id), { email: options.email, displayName: options.name, role: options.role, password, isSuperAdmin: options.superAdmin });
      console.log(`${result.isNew ? 'Đã tạo tài khoản' : 'Đã cập nhật vai trò của'} ${normalizeEmail(options.email)} trên ${target.host}: ${ROLE_LABELS[options.role as Role]}.${existing?.password_hash ? ' Mật khẩu giữ nguyên.' : ''}`);
      console.log(`Đăng nhập tại ${target.origin}/admin/login`);
    });
  });

user
  .command('reset-password')
  .description('Đặt mật khẩu mới cho một tài khoản (CONG_PASSWORD hoặc được hỏi); mọi phiên đăng nhập của người đó kết thúc')
  .requiredOption('--email <email>', 'email đăng nhập')
  .action(async (options: { email: string }) => {
    await withDb(async (db) => {
      const target = await siteFor(db, undefined);
      if (!(await findUserByEmail(db.kysely, normalizeEmail(options.email)))) throw new UserNotFoundError(normalizeEmail(options.email));
      await resetPassword(db.kysely, operatorScope(target.id), { email: options.email, password: await readPassword('Mật khẩu mới (ít nhất 12 ký tự): ') });
      console.log(`Đã đặt mật khẩu mới cho ${normalizeEmail(options.email)}; các phiên đăng nhập cũ đã kết thúc.`);
    });
  });

program
  .command('token')
  .description('Khoá truy cập API quản trị')
  .command('create')
  .description('Tạo khoá truy cập cho một tài khoản; khoá chỉ in ra một lần')
  .requiredOption('--email <email>', 'email của tài khoản')
  .option('--name <name>', 'dùng ở đâu, cho việc gì', 'Tạo bằng dòng lệnh')
  .option('--days <days>', 'hết hạn sau số ngày này (mặc định: không hết hạn)')
  .action(async (options: { email: string; name: string; days?: string }) => {
    await withDb(async (db) => {
      const target = await siteFor(db, undefined);
      const account = await findUserByEmail(db.kysely, normalizeEmail(options.email));
      if (!account) throw new UserNotFoundError(normalizeEmail(options.email));
      const days = options.days === undefined ? undefined : /^\d{1,4}$/.test(options.days) ? Number(options.days) : NaN;
      const { token } = await createApiToken(db.kysely, operatorScope(target.id), { userId: account.id, name: options.name, expiresInDays: days });
      console.log(token);
      console.error(`Khoá cho ${account.email}: chép ngay, khoá không hiện lại. Dùng: Authorization: Bearer <khoá>`);
    });
  });

program
  .command('reindex')
  .description('Dựng lại chỉ mục tìm kiếm từ nội dung đã xuất bản (trang vẫn tìm kiếm được trong lúc dựng)')
  .option('--site <host>', 'tên miền của trang (mặc định: trang mặc định)')
  .option('--all', 'mọi trang của cài đặt này')
  .action(async (options: { site?: string; all?: boolean }) => {
    const [{ default: cliProgress }, { rebuildSearchIndex }] = await Promise.all([import('cli-progress'), import('../content-search.js')]);
    const mediaDir = mediaDirOf(configOrExit());
    await withDb(async (db) => {
      const directory = new SiteDirectory(db.kysely);
      await directory.reload();
      const targets = options.all ? directory.list() : [await siteFor(db, options.site)];
      for (const target of targets) {
        const bar = new cliProgress.SingleBar({ format: `${target.host} · {type} [{bar}] {value}/{total} · {duration_formatted}`, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(0, 0, { type: '' });
        const started = Date.now();
        const show = (type: string, done: number, total: number) => {
          bar.setTotal(total);
          bar.update(done, { type });
        };
        const result = await rebuildSearchIndex(db.kysely, {
          siteId: target.id,
          mediaDir,
          onDocument: (p) => show('đọc chữ trong tệp đính kèm', p.done, p.total),
          onProgress: (p) => show(p.type, p.done, p.total ?? p.done),
        });
        bar.stop();
        const read = result.documentsRead ? `, đọc chữ của ${result.documentsRead} tệp đính kèm` : '';
        console.log(`${target.host}: đã lập chỉ mục ${result.indexed} mục, bỏ ${result.removed} mục không còn xuất bản${read} (${((Date.now() - started) / 1000).toFixed(1)} giây).`);
      }
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
