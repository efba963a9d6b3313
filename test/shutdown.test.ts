/**
 * SIGTERM while keep-alive clients are busy, as nginx's upstream pool is during a deploy:
 * every answer that starts is complete, answers after the signal say Connection: close,
 * the process exits 0 well within its deadline, and every view it answered is counted.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { congFromSources, freePort, waitForHealth } from './helpers/cli.js';
import { createTestDb, type TestDb } from './helpers/databases.js';
import { buildFixtureSite } from './helpers/fixture-site.js';
import { BROWSER_UA } from './helpers/test-app.js';

interface Outcome {
  status: number;
  connection: string | undefined;
  afterSignal: boolean;
}

describe('cong serve on SIGTERM', () => {
  let testDb: TestDb;
  let slug: string;

  beforeAll(async () => {
    testDb = await createTestDb('sqlite');
    slug = (await buildFixtureSite(testDb.db.kysely, path.join(testDb.dataDir, 'media'))).seedSlug;
    await testDb.db.close();
  }, 60_000);
  afterAll(() => testDb.destroy().catch(() => {}));

  it('finishes busy keep-alive requests with Connection: close, counts them all and exits 0 in time', async () => {
    const port = await freePort();
    const cong = congFromSources(['serve']);
    const child = spawn(process.execPath, cong.args, {
      env: { ...process.env, ...cong.env, DATA_DIR: testDb.dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CONG_DEMO: 'false', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, child);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
      const outcomes: Outcome[] = [];
      const failures: string[] = [];
      let signalledAt = 0;
      let isStopped = false;

      const once = () =>
        new Promise<void>((resolve) => {
          const sentAfterSignal = signalledAt > 0;
          const request = http.get({ host: '127.0.0.1', port, path: `/tin-tuc/thong-bao/${slug}`, agent, headers: { 'user-agent': BROWSER_UA, 'accept-encoding': 'gzip' } }, (response) => {
            const afterSignal = signalledAt > 0;
            let length = 0;
            response.on('data', (chunk: Buffer) => (length += chunk.length));
            response.on('end', () => {
              // A body cut short would mean an answer abandoned mid-way.
              expect(length).toBe(Number(response.headers['content-length']));
              outcomes.push({ status: response.statusCode!, connection: response.headers.connection, afterSignal });
              resolve();
            });
            response.on('error', (error) => {
              failures.push(`${error.message} (mid-answer)`);
              resolve();
            });
          });
          request.on('error', (error: NodeJS.ErrnoException) => {
            // Refused or reset before an answer began: the listener is gone, which the pool handles by reconnecting elsewhere.
            if (!sentAfterSignal || !['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(error.code ?? '')) failures.push(`${error.code}: ${error.message}`);
            isStopped ||= sentAfterSignal;
            resolve();
          });
        });
      const worker = async () => {
        while (!isStopped) await once();
      };

      // A pooled connection caught mid-request: one answer already given on it, and the
      // next request half sent when the signal lands.
      const pooled = net.connect(port, '127.0.0.1');
      let pooledBytes = '';
      pooled.on('data', (chunk: Buffer) => (pooledBytes += chunk.toString('latin1')));
      const pooledClosed = new Promise<void>((resolve) => pooled.on('close', () => resolve()));
      const requestHead = `GET /tin-tuc/thong-bao/${slug} HTTP/1.1\r\nHost: localhost\r\n`;
      pooled.write(`${requestHead}User-Agent: ${BROWSER_UA}\r\n\r\n`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      pooled.write(requestHead);

      const workers = Promise.all([worker(), worker(), worker(), worker()]);
      await new Promise((resolve) => setTimeout(resolve, 700));
      const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
      signalledAt = Date.now();
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      pooled.write(`User-Agent: ${BROWSER_UA}\r\n\r\n`);
      await pooledClosed;
      const exit = await exited;
      isStopped = true;
      await workers;
      agent.destroy();

      expect(failures, output).toEqual([]);
      expect(exit.code, output).toBe(0);
      expect(exit.at - signalledAt).toBeLessThan(5000);
      expect(outcomes.filter((o) => !o.afterSignal).length).toBeGreaterThan(50);
      expect(outcomes.every((o) => o.status === 200)).toBe(true);
      // The pooled connection got both answers, the second one telling it to close.
      const answers = pooledBytes.split('HTTP/1.1 ').slice(1);
      expect(answers.map((a) => a.slice(0, 3)), pooledBytes.slice(0, 500)).toEqual(['200', '200']);
      expect(answers[0]).toMatch(/\r\nconnection: keep-alive\r\n/i);
      expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);

      const db = new SQLite(path.join(testDb.dataDir, 'cong.sqlite'), { readonly: true });
      const { view_count: views } = db.prepare('select view_count from articles where slug = ?').get(slug) as { view_count: number };
      db.close();
      expect(views).toBe(2577 + outcomes.length + 2);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
