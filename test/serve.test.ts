/**
 * `cong serve` as an operator runs it: a real process on a real port. Counted views must
 * reach the database within a second, and on SIGTERM before the process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { congFromSources, freePort, waitForHealth } from './helpers/cli.js';
import { createTestDb, type TestDb } from './helpers/databases.js';
import { buildFixtureSite } from './helpers/fixture-site.js';
import { BROWSER_UA } from './helpers/test-app.js';

describe('cong serve', () => {
  let testDb: TestDb;
  let slug: string;
  let child: ChildProcess;
  let url: string;
  let output = '';

  const viewCount = () => {
    const db = new SQLite(path.join(testDb.dataDir, 'cong.sqlite'), { readonly: true });
    try {
      return (db.prepare('select view_count from articles where slug = ?').get(slug) as { view_count: number }).view_count;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    testDb = await createTestDb('sqlite');
    slug = (await buildFixtureSite(testDb.db.kysely, path.join(testDb.dataDir, 'media'))).seedSlug;
    await testDb.db.close();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const cong = congFromSources(['serve']);
    child = spawn(process.execPath, cong.args, {
      env: { ...process.env, ...cong.env, DATA_DIR: testDb.dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CONG_DEMO: 'false', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await waitForHealth(url, child);
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    testDb.destroy().catch(() => {});
  });

  it('persists counted views within a second, and the rest on SIGTERM', async () => {
    const before = viewCount();
    const article = `${url}/tin-tuc/thong-bao/${slug}`;
    for (let i = 0; i < 5; i++) expect((await fetch(article, { headers: { 'user-agent': BROWSER_UA } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(viewCount()).toBe(before + 5);

    await Promise.all(Array.from({ length: 20 }, () => fetch(article, { headers: { 'user-agent': BROWSER_UA } })));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
    expect(viewCount()).toBe(before + 25);
  });
});

describe('cong serve --no-demo', () => {
  it('starts an empty production site on an empty database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-nodemo-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Run from another folder, as an operator's service manager may.
    const cong = congFromSources(['serve', '--no-demo']);
    const child = spawn(process.execPath, cong.args, {
      cwd: dataDir,
      env: { ...process.env, ...cong.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', CONG_DEMO: '' },
      stdio: 'ignore',
    });
    try {
      await waitForHealth(url, child);
      const home = await fetch(url);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('Trang thông tin đang được xây dựng');
      expect(html).not.toContain('Hội nghị');
      expect(fs.readdirSync(path.join(dataDir, 'media'))).toEqual([]); // no demo pictures
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('cong migrate', () => {
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const cong = congFromSources(['migrate']);
      const child = spawn(process.execPath, cong.args, { env: { ...process.env, ...cong.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('brings an empty database up to date once, then has nothing to do', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-migrate-'));
    try {
      const first = await run({ DATA_DIR: dataDir });
      expect(first.code, first.output).toBe(0);
      expect(first.output).toContain('Đã áp dụng: 2026-11-28T0600-create-portal');
      const second = await run({ DATA_DIR: dataDir });
      expect(second.output).toContain('Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a broken configuration with every problem listed in Vietnamese', async () => {
    const result = await run({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('Cấu hình không hợp lệ');
    expect(result.output).toContain('PORT="abc"');
    expect(result.output).toContain('DATABASE_URL phải bắt đầu bằng postgres://');
  }, 60_000);
});
