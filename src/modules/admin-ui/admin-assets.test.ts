import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerErrorHandling } from '../../platform/http/error-handler.js';
import { loadAdminAssets, registerAdminAssets, type AdminAssets } from './admin-assets.js';

const HASHED = (name: string, ext: string) => new RegExp(`^/admin/assets/${name}\\.[0-9a-f]{10}\\.${ext}$`);

describe('admin assets', () => {
  let tmp: string;
  let islandsDir: string;
  /** A folder that does not exist: no prebuilt bundles, so the islands are bundled in memory. */
  let noBuild: string;
  let assets: AdminAssets;

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-admin-assets-'));
    islandsDir = path.join(tmp, 'islands');
    noBuild = path.join(tmp, 'islands-built');
    // 1. Two throwaway islands: one with a helper from lib/ and its own CSS, one bare.
    write(path.join(islandsDir, 'lib/greet.ts'), 'export const greet = (name: string): string => `Xin chào, ${name}`;\n');
    write(path.join(islandsDir, 'demo.css'), '.demo-island { color: #0b4f9c; }\n');
    write(path.join(islandsDir, 'demo.ts'), "import './demo.css';\nimport { greet } from './lib/greet';\ndocument.body.dataset.greeting = greet('Cổng');\n");
    write(path.join(islandsDir, 'other.ts'), 'export {};\nconsole.info(navigator.language satisfies string);\n');
    write(path.join(islandsDir, 'twin.ts'), "import './demo.css';\nconsole.info('twin');\n");
    write(path.join(islandsDir, 'other.test.ts'), 'throw new Error("tests are not islands");\n');
    assets = await loadAdminAssets({ islandsDir, builtDir: noBuild });
  });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('names every file by its content hash', () => {
    expect(assets.urls.css).toMatch(HASHED('admin', 'css'));
    expect(assets.urls.js).toMatch(HASHED('admin', 'js'));
    expect(Object.keys(assets.urls.islands).sort()).toEqual(['demo', 'other', 'twin']);
    expect(assets.urls.islands.demo!.js).toMatch(HASHED('demo', 'js'));
    expect(assets.urls.islands.demo!.css).toMatch(HASHED('demo', 'css'));
    expect(assets.urls.islands.other!.css).toBeUndefined();
    // twin imports demo's stylesheet: one file, one URL.
    expect(assets.urls.islands.twin!.css).toBe(assets.urls.islands.demo!.css);
    expect([...assets.files.keys()]).toHaveLength(6);
  });

  it('bundles each island with what it imports, as a browser ES module, CSS apart', () => {
    const demo = assets.files.get(path.basename(assets.urls.islands.demo!.js))!;
    const code = demo.body.toString('utf8');
    expect(demo.contentType).toBe('text/javascript; charset=utf-8');
    expect(code).toContain('Xin chào, ');
    expect(code).toContain('Cổng'); // charset utf8: Vietnamese stays readable, not \u escapes
    expect(code).not.toMatch(/\bimport\b|require\(/);
    expect(code).not.toContain('.demo-island');
    const css = assets.files.get(path.basename(assets.urls.islands.demo!.css!))!;
    expect(css.contentType).toBe('text/css; charset=utf-8');
    expect(css.body.toString('utf8')).toContain('.demo-island');
    expect(zlib.gunzipSync(css.gzip)).toEqual(css.body);
  });

  it('bundles once per process and folder', async () => {
    // 1. A change after the first load is not seen: the bundle is memoised.
    write(path.join(islandsDir, 'demo.ts'), "document.title = 'đã đổi';\n");
    const again = await loadAdminAssets({ islandsDir, builtDir: noBuild });
    expect(again.urls.islands).toEqual(assets.urls.islands);
  });

  it('reads prebuilt bundles when they exist, without bundling', async () => {
    const builtDir = path.join(tmp, 'built');
    write(path.join(builtDir, 'editor.js'), 'console.log("prebuilt");\n');
    write(path.join(builtDir, 'editor.css'), '.x{}\n');
    const built = await loadAdminAssets({ islandsDir: path.join(tmp, 'absent'), builtDir });
    expect(Object.keys(built.urls.islands)).toEqual(['editor']);
    expect(built.files.get(path.basename(built.urls.islands.editor!.js))!.body.toString()).toBe('console.log("prebuilt");\n');
    expect(built.urls.islands.editor!.css).toMatch(HASHED('editor', 'css'));
  });

  it('has no islands when there is no islands folder yet', async () => {
    const none = await loadAdminAssets({ islandsDir: path.join(tmp, 'absent'), builtDir: noBuild });
    expect(none.urls.islands).toEqual({});
    expect(none.urls.css).toBe(assets.urls.css);
  });

  it("fails with esbuild's message when an island does not bundle, and tries again next time", async () => {
    const broken = path.join(tmp, 'broken');
    write(path.join(broken, 'bad.ts'), "import { missing } from './nowhere';\nconsole.log(missing);\n");
    await expect(loadAdminAssets({ islandsDir: broken, builtDir: noBuild })).rejects.toThrow(/bad\.ts.*nowhere|nowhere[\s\S]*bad\.ts/);
    write(path.join(broken, 'bad.ts'), 'console.log(1);\n');
    expect(Object.keys((await loadAdminAssets({ islandsDir: broken, builtDir: noBuild })).urls.islands)).toEqual(['bad']);
  });

  it('refuses an island file name that cannot be a URL', async () => {
    const oddDir = path.join(tmp, 'odd');
    write(path.join(oddDir, 'My Editor.ts'), 'export {};\n');
    await expect(loadAdminAssets({ islandsDir: oddDir, builtDir: noBuild })).rejects.toThrow(/My Editor\.ts/);
  });

  describe('GET /admin/assets/:file', () => {
    const app = Fastify();

    beforeAll(async () => {
      registerErrorHandling(app, async (_request, reply, error) => {
        await reply.code(error.status).type('text/plain').send(error.code);
      });
      registerAdminAssets(app, assets);
      await app.ready();
    });

    afterAll(() => app.close());

    it('serves a hashed file for a year, immutable, gzipped when accepted', async () => {
      const plain = await app.inject({ url: assets.urls.css });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(plain.headers['vary']).toBe('Accept-Encoding');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toContain('.skip-link');

      const gzipped = await app.inject({ url: assets.urls.islands.demo!.js, headers: { 'accept-encoding': 'gzip, br' } });
      expect(gzipped.statusCode).toBe(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(zlib.gunzipSync(gzipped.rawPayload).toString('utf8')).toContain('Xin chào, ');

      const refused = await app.inject({ url: assets.urls.js, headers: { 'accept-encoding': 'gzip;q=0' } });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toContain('data-confirm');
    });

    it('answers 404 for any name it did not make', async () => {
      const hashed = path.basename(assets.urls.css);
      for (const url of ['/admin/assets/admin.css', '/admin/assets/demo.js', `/admin/assets/${hashed}x`, '/admin/assets/..%2Fadmin-assets.ts', '/admin/assets/%2e%2e%2fassets%2fadmin.css', '/admin/assets/constructor', '/admin/assets/']) {
        const response = await app.inject({ url });
        expect(response.statusCode, url).toBe(404);
      }
      expect((await app.inject({ url: '/admin/assets/nope.js' })).body).toBe('NOT_FOUND');
    });
  });
});
