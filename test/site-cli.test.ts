/** `cong site`: operators read and set each site's canonical origin from the command line. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { congFromSources } from './helpers/cli.js';
import { createTestDb, type TestDb } from './helpers/databases.js';
import { createSite } from '../src/modules/sites/index.js';

function cong(args: string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  const command = congFromSources(args);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command.args, { env: { ...process.env, ...command.env, DATA_DIR: dataDir, DATABASE_URL: '', BASE_URL: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('cong site', () => {
  let testDb: TestDb;

  beforeAll(async () => {
    testDb = await createTestDb('sqlite');
    await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở Lao động - Thương binh và Xã hội' });
    await createSite(testDb.db.kysely, { host: 'snv.kontum.gov.vn', name: 'Sở Nội vụ' });
    await testDb.db.close();
  });
  afterAll(() => testDb.destroy().catch(() => {}));

  it('sets the default site’s origin and another site’s by host, and lists them', async () => {
    expect((await cong(['site', 'set-origin', 'https://SLDTBXH.kontum.gov.vn/'], testDb.dataDir)).code).toBe(0);
    expect((await cong(['site', 'set-origin', 'https://snv.kontum.gov.vn', '--site', 'SNV.kontum.gov.vn'], testDb.dataDir)).code).toBe(0);
    const list = await cong(['site', 'list'], testDb.dataDir);
    expect(list.output).toContain('* localhost\thttps://sldtbxh.kontum.gov.vn\tSở Lao động');
    expect(list.output).toContain('  snv.kontum.gov.vn\thttps://snv.kontum.gov.vn\tSở Nội vụ');
  }, 60_000);

  it.each([['https://x.gov.vn/tin-tuc'], ['x.gov.vn'], ['javascript:alert(1)'], ['https://a:b@x.gov.vn']])('refuses %s with a Vietnamese message and exit 1', async (origin) => {
    const result = await cong(['site', 'set-origin', origin], testDb.dataDir);
    expect(result.code).toBe(1);
    expect(result.output).toContain('không phải địa chỉ gốc hợp lệ');
  }, 60_000);

  it('refuses an unknown site', async () => {
    const result = await cong(['site', 'set-origin', 'https://x.gov.vn', '--site', 'khong-co.gov.vn'], testDb.dataDir);
    expect(result.code).toBe(1);
    expect(result.output).toContain('Không có trang nào với tên miền "khong-co.gov.vn"');
  }, 60_000);
});
