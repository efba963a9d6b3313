/**
 * The production build: `scripts/build.mjs` (what `npm run build` runs) into a temporary
 * folder, then the compiled CLI started the way the README's systemd unit starts it,
 * with plain `node` and no TypeScript loader. The folder is not dist/, which other
 * processes may be using, but sits inside the project so that packages resolve from its
 * node_modules as they do from dist/.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, freePort, waitForHealth } from './helpers/cli.js';

const filesUnder = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file));

describe('npm run build', () => {
  let tmp: string;
  let outDir: string;

  beforeAll(async () => {
    const cache = path.join(REPO_ROOT, 'node_modules/.cache');
    fs.mkdirSync(cache, { recursive: true });
    tmp = fs.mkdtempSync(path.join(cache, 'cong-build-test-'));
    outDir = path.join(tmp, 'dist');
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs'), outDir], { cwd: REPO_ROOT });
  }, 120_000);

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('emits JavaScript and the assets, and nothing that needs TypeScript at run time', () => {
    const files = filesUnder(outDir);
    expect(files).toContain(path.join(outDir, 'cli/main.js'));
    expect(files).toContain(path.join(outDir, 'modules/public-site/assets/site.css'));
    expect(files.filter((file) => /\.tsx?$/.test(file) || file.includes('.test.'))).toEqual([]);
    const loaders = files.filter((file) => file.endsWith('.js') && /from ['"](tsx|typescript)[/'"]/.test(fs.readFileSync(file, 'utf8')));
    expect(loaders).toEqual([]);
  });

  it('bundles every staff UI island for the browser, and the compiled loader serves those bundles', async () => {
    const islandsSrc = path.join(REPO_ROOT, 'src/modules/admin-ui/islands');
    const builtDir = path.join(outDir, 'modules/admin-ui/islands-built');
    expect(fs.existsSync(path.join(outDir, 'modules/admin-ui/assets/admin.css'))).toBe(true);
    expect(fs.existsSync(path.join(outDir, 'modules/admin-ui/assets/admin.js'))).toBe(true);
    // Present even with no island: it tells the server not to bundle at start.
    expect(fs.statSync(builtDir).isDirectory()).toBe(true);
    const islands = fs.existsSync(islandsSrc) ? fs.readdirSync(islandsSrc).filter((file) => /^[a-z][a-z0-9-]*\.ts$/.test(file) && !file.endsWith('.test.ts')) : [];
    const built = fs.readdirSync(builtDir);
    expect(built.filter((file) => file.endsWith('.js')).sort()).toEqual(islands.map((file) => file.replace(/\.ts$/, '.js')).sort());
    for (const file of built) {
      const code = fs.readFileSync(path.join(builtDir, file), 'utf8');
      expect(code, file).not.toContain('sourceMappingURL');
      // Self-contained: a static import of another file would not survive the hashed names.
      if (file.endsWith('.js')) expect(code, file).not.toMatch(/(?:^|[;\n])\s*import\s*(?:[{*"']|\w+\s*from)/);
    }
    const { loadAdminAssets } = (await import(pathToFileURL(path.join(outDir, 'modules/admin-ui/admin-assets.js')).href)) as typeof import('../src/modules/admin-ui/admin-assets.js');
    const assets = await loadAdminAssets();
    expect(Object.keys(assets.urls.islands).sort()).toEqual(islands.map((file) => file.replace(/\.ts$/, '')).sort());
    for (const [name, urls] of Object.entries(assets.urls.islands)) {
      expect(assets.files.get(path.basename(urls.js))!.body.equals(fs.readFileSync(path.join(builtDir, `${name}.js`)))).toBe(true);
    }
  });

  it('serves the home page from node dist/cli/main.js, with no loader', async () => {
    const dataDir = path.join(tmp, 'data');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // No --import and no NODE_OPTIONS: plain node runs the compiled files, from another folder.
    const args = [path.join(outDir, 'cli/main.js'), 'serve'];
    const child = spawn(process.execPath, args, {
      cwd: tmp,
      env: { ...process.env, NODE_OPTIONS: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', CONG_DEMO: 'false', DATABASE_URL: '', BASE_URL: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    try {
      await waitForHealth(url, child);
      if (fs.existsSync(`/proc/${child.pid}/cmdline`)) {
        expect(fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual([process.execPath, ...args]);
      }
      const home = await fetch(url);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toContain('Trang thông tin đang được xây dựng');
      // The stylesheet is read from the copied assets beside the compiled module.
      const stylesheet = /<link[^>]+href="([^"]+\.css)"/.exec(html)?.[1];
      expect(stylesheet).toBeDefined();
      expect((await fetch(new URL(stylesheet!, url))).status).toBe(200);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
