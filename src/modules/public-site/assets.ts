/**
 * The theme's static files, read once at start and served under content-hashed names
 * (site.3f9a1c2b.css) with a year-long immutable cache: a new release changes the name.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Assets } from './public-site.models.js';

export interface StaticAsset {
  body: Buffer;
  gzip: Buffer;
  contentType: string;
}

const SOURCES = [
  { name: 'site', ext: 'css', contentType: 'text/css; charset=utf-8' },
  { name: 'site', ext: 'js', contentType: 'text/javascript; charset=utf-8' },
  { name: 'quoc-huy', ext: 'svg', contentType: 'image/svg+xml' },
] as const;

export const ASSET_PREFIX = '/assets/';

export function loadAssets(): { urls: Assets; files: Map<string, StaticAsset> } {
  const files = new Map<string, StaticAsset>();
  const urls: Record<string, string> = {};
  for (const source of SOURCES) {
    const body = fs.readFileSync(new URL(`./assets/${source.name}.${source.ext}`, import.meta.url));
    const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 10);
    const fileName = `${source.name}.${hash}.${source.ext}`;
    files.set(fileName, { body, gzip: zlib.gzipSync(body, { level: 9 }), contentType: source.contentType });
    urls[source.ext] = `${ASSET_PREFIX}${fileName}`;
  }
  return { urls: { css: urls.css!, js: urls.js!, emblem: urls.svg! }, files };
}
