/**
 * The staff UI's static files: its stylesheet and script (assets/) and the client islands
 * (islands/*.ts bundled by esbuild, see islands-bundle.ts), served under content-hashed
 * names (admin.3f9a1c2b07.css, editor.9c1d…js) with a year-long immutable cache.
 *
 * Where the island bundles come from: the production build writes them beside the
 * compiled module (dist/modules/admin-ui/islands-built/), and they are read from there;
 * running from the sources (tests, `npm run dev`) there is no such folder, and they are
 * bundled in memory once per process. esbuild is a development dependency, so it is
 * imported only on that path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../platform/errors.js';
import { acceptsGzip } from '../../platform/http/content-encoding.js';
import { bundleIslands } from './islands-bundle.js';

export const ADMIN_ASSET_PREFIX = '/admin/assets/';

export interface StaticAsset {
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly contentType: string;
}

export interface IslandUrls {
  js: string;
  /** Present when the island imports CSS. */
  css?: string;
}

/** What views need: the URLs to put in <link> and <script>. */
export interface AdminAssetUrls {
  css: string;
  js: string;
  islands: Readonly<Record<string, IslandUrls>>;
}

export interface AdminAssets {
  urls: AdminAssetUrls;
  /** Hashed file name (no prefix) → bytes. */
  files: ReadonlyMap<string, StaticAsset>;
}

export interface AdminAssetOptions {
  /** Island sources; default `./islands/` beside this module. */
  islandsDir?: string | URL;
  /** Prebuilt bundles; default `./islands-built/` beside this module. Used whenever it exists. */
  builtDir?: string | URL;
}

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

const toPath = (location: string | URL) => (typeof location === 'string' ? location : fileURLToPath(location));

/** One memoised bundle per islands folder: every app built in a process shares it. */
const inMemoryBundles = new Map<string, Promise<Map<string, Uint8Array>>>();

function bundleFromSources(islandsDir: string): Promise<Map<string, Uint8Array>> {
  let bundles = inMemoryBundles.get(islandsDir);
  if (!bundles) {
    bundles = import('esbuild').then((esbuild) => bundleIslands({ esbuild, islandsDir, isProduction: false }));
    // A failed bundle is not remembered: the next caller tries again (after the island is fixed).
    bundles.catch(() => inMemoryBundles.delete(islandsDir));
    inMemoryBundles.set(islandsDir, bundles);
  }
  return bundles;
}

function readBuilt(builtDir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const file of fs.readdirSync(builtDir).sort()) {
    if (/\.(js|css)$/.test(file)) files.set(file, fs.readFileSync(path.join(builtDir, file)));
  }
  return files;
}

/**
 * Prebuilt files are compressed at once, as the public assets are. Bundles made from the
 * sources (megabytes with their inline source maps) are compressed on first request
 * instead: most processes that make them (test files) never ask.
 */
function addAsset(files: Map<string, StaticAsset>, { name, ext, bytes, isGzipLazy }: { name: string; ext: string; bytes: Uint8Array; isGzipLazy: boolean }): string {
  const body = Buffer.from(bytes);
  const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
  // Islands that import the same stylesheet share one URL: a page with two of them loads it once.
  for (const existing of files.keys()) {
    if (existing.endsWith(`.${hash}.${ext}`)) return `${ADMIN_ASSET_PREFIX}${existing}`;
  }
  const fileName = `${name}.${hash}.${ext}`;
  let gzip = isGzipLazy ? undefined : zlib.gzipSync(body, { level: 9 });
  files.set(fileName, {
    body,
    get gzip() {
      return (gzip ??= zlib.gzipSync(body, { level: 9 }));
    },
    contentType: CONTENT_TYPES[ext]!,
  });
  return `${ADMIN_ASSET_PREFIX}${fileName}`;
}

/**
 * Reads admin.css and admin.js, and the islands (prebuilt, or bundled now), and gives each
 * its hashed URL.
 * @throws esbuild's error when an island does not bundle (running from the sources).
 */
export async function loadAdminAssets(options: AdminAssetOptions = {}): Promise<AdminAssets> {
  const builtDir = toPath(options.builtDir ?? new URL('./islands-built/', import.meta.url));
  const islandsDir = path.resolve(toPath(options.islandsDir ?? new URL('./islands/', import.meta.url)));
  const isPrebuilt = fs.existsSync(builtDir);
  const bundles = isPrebuilt ? readBuilt(builtDir) : await bundleFromSources(islandsDir);

  const files = new Map<string, StaticAsset>();
  const css = addAsset(files, { name: 'admin', ext: 'css', bytes: fs.readFileSync(new URL('./assets/admin.css', import.meta.url)), isGzipLazy: false });
  const js = addAsset(files, { name: 'admin', ext: 'js', bytes: fs.readFileSync(new URL('./assets/admin.js', import.meta.url)), isGzipLazy: false });
  const islands: Record<string, IslandUrls> = {};
  for (const [file, bytes] of bundles) {
    const [, name, ext] = /^(.+)\.(js|css)$/.exec(file)!;
    if (name === 'admin') throw new Error('Island không được tên là "admin": trùng với tệp chung của trang quản trị.');
    const url = addAsset(files, { name: name!, ext: ext!, bytes, isGzipLazy: !isPrebuilt });
    islands[name!] = { ...islands[name!], [ext!]: url } as IslandUrls;
  }
  for (const [name, urls] of Object.entries(islands)) {
    if (!urls.js) throw new Error(`Island "${name}" có CSS mà không có mã JavaScript.`);
  }
  return { urls: { css, js, islands }, files };
}

/** GET /admin/assets/:file — only the hashed names loadAdminAssets made; anything else is a 404. */
export function registerAdminAssets(app: FastifyInstance, assets: AdminAssets): void {
  app.get<{ Params: { file: string } }>(`${ADMIN_ASSET_PREFIX}:file`, async (request, reply) => {
    const asset = assets.files.get(request.params.file);
    if (!asset) throw new NotFoundError();
    const isGzip = acceptsGzip(request.headers['accept-encoding']);
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding').type(asset.contentType);
    if (isGzip) reply.header('content-encoding', 'gzip');
    return reply.send(isGzip ? asset.gzip : asset.body);
  });
}
