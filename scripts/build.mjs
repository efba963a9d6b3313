#!/usr/bin/env node
/**
 * `npm run build` (and `npm install`, through `prepare`): compiles src/ to dist/ with
 * tsc (a type error fails the build), copies beside the compiled modules the files
 * they read at run time (public-site and admin assets: every file under src/ that is not
 * TypeScript), and bundles the staff UI's client islands (src/modules/admin-ui/islands/*.ts)
 * with esbuild into modules/admin-ui/islands-built/, where admin-assets.ts reads them.
 * `node scripts/build.mjs <outDir>` builds elsewhere (test/build.test.ts).
 *
 * The build goes to a staging folder first and replaces the old one only when it has
 * succeeded: a failed build on a server leaves the running version's dist/ intact.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const staging = `${outDir}.building`;
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

if (!fs.existsSync(tsc)) {
  console.error('Thiếu TypeScript để dựng dist/: cài đủ gói bằng `npm ci` (không dùng --omit=dev) rồi chạy `npm run build`.');
  process.exit(1);
}

fs.rmSync(staging, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging], { stdio: 'inherit' });
if (result.status !== 0) {
  fs.rmSync(staging, { recursive: true, force: true });
  console.error('\nDựng thất bại: sửa các lỗi TypeScript ở trên rồi chạy lại `npm run build`.');
  process.exit(result.status ?? 1);
}

const isSource = (file) => /\.tsx?$/.test(file);
fs.cpSync(path.join(root, 'src'), staging, { recursive: true, filter: (file) => fs.statSync(file).isDirectory() || !isSource(file) });

// The bundling options live in one module that the server also uses when it runs from
// the sources: its compiled copy is imported from the staging folder.
try {
  const esbuild = await import('esbuild');
  const { bundleIslands } = await import(pathToFileURL(path.join(staging, 'modules/admin-ui/islands-bundle.js')).href);
  const bundles = await bundleIslands({ esbuild, islandsDir: path.join(root, 'src/modules/admin-ui/islands'), isProduction: true });
  // Written even when empty: its presence tells the server not to look for esbuild.
  const builtDir = path.join(staging, 'modules/admin-ui/islands-built');
  fs.mkdirSync(builtDir, { recursive: true });
  for (const [file, bytes] of bundles) fs.writeFileSync(path.join(builtDir, file), bytes);
} catch (error) {
  fs.rmSync(staging, { recursive: true, force: true });
  console.error(`\nDựng thất bại: không đóng gói được mã trình duyệt của trang quản trị (src/modules/admin-ui/islands/).\n${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.renameSync(staging, outDir);
console.log(`Đã dựng ${path.relative(process.cwd(), outDir) || outDir}`);
