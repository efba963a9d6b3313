/**
 * How the staff UI's client islands are bundled, in one place for both callers:
 * scripts/build.mjs (imports the compiled copy of this file and writes the bundles to
 * dist/modules/admin-ui/islands-built/) and admin-assets.ts (bundles in memory when run
 * from the sources). This file imports nothing but Node built-ins, and esbuild comes in
 * as a parameter: the build imports it from a staging folder that may sit outside the
 * project, where no package would resolve.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Esbuild from 'esbuild';

/** An island is `islands/<name>.ts`; the name becomes part of its URL. */
const ISLAND_FILE = /^([a-z][a-z0-9-]*)\.ts$/;
/** What a bundle may consist of: the island's script and the CSS it imports, nothing else. */
const BUNDLE_FILE = /^[a-z][a-z0-9-]*\.(js|css)$/;

/** Entry points in `islandsDir`, sorted; none when the folder does not exist (yet). */
export function islandEntryPoints(islandsDir: string): string[] {
  if (!fs.existsSync(islandsDir)) return [];
  const entries: string[] = [];
  for (const file of fs.readdirSync(islandsDir).sort()) {
    if (file.endsWith('.d.ts') || file.endsWith('.test.ts')) continue;
    if (ISLAND_FILE.test(file)) entries.push(path.join(islandsDir, file));
    else if (file.endsWith('.ts')) throw new Error(`Tên island không hợp lệ: ${file} (chỉ chữ thường, số và dấu gạch ngang, ví dụ editor.ts).`);
  }
  return entries;
}

/**
 * Bundles every island of `islandsDir` into memory: file name (`editor.js`, and
 * `editor.css` when the island imports CSS) → bytes. Each island is self-contained (no
 * code splitting): its file is served under a content-hashed name, which a shared chunk
 * referenced by relative import would not survive. Rejects with esbuild's own message,
 * which names the file and line, when a bundle fails.
 */
export async function bundleIslands({ esbuild, islandsDir, isProduction = true }: { esbuild: typeof Esbuild; islandsDir: string; isProduction?: boolean }): Promise<Map<string, Uint8Array>> {
  const entryPoints = islandEntryPoints(islandsDir);
  const files = new Map<string, Uint8Array>();
  if (entryPoints.length === 0) return files;
  const outdir = path.join(islandsDir, '.bundle'); // never written: write is false
  const result = await esbuild.build({
    entryPoints,
    outdir,
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    // From the sources (npm run dev, tests) a map inside the file helps debugging; production ships none.
    sourcemap: isProduction ? false : 'inline',
    charset: 'utf8',
    // Some editor packages test process.env.NODE_ENV, which a browser does not have.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    write: false,
  });
  for (const output of result.outputFiles) {
    const name = path.relative(outdir, output.path);
    if (!BUNDLE_FILE.test(name)) throw new Error(`Island tạo ra tệp ngoài dự kiến: ${name} (chỉ được có <tên>.js và <tên>.css; ảnh hay phông chữ hãy nhúng vào CSS hoặc để ở thư mục khác).`);
    files.set(name, output.contents);
  }
  return files;
}
