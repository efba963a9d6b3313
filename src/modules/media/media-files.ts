/**
 * The files below DATA_DIR/media. Each media record owns one folder named by its id
 * (`<id>/640.webp`, `<id>/file.pdf`); an upload is written into a temporary folder first
 * and renamed into place whole, so a half-written upload never has the public name.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Temporary folders start with a dot: the static server denies dotfiles, isMediaPath never matches them. */
const UPLOAD_PREFIX = '.upload-';
/** Older temporary folders are left over from a crash; no upload takes this long. */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isMediaId(id: string): boolean {
  return MEDIA_ID.test(id);
}

/** The folder of a media record. Only ever built from a generated id. */
export function mediaFolder(mediaDir: string, id: string): string {
  if (!isMediaId(id)) throw new Error(`not a media id: ${JSON.stringify(id)}`);
  return path.join(mediaDir, id);
}

export async function createUploadFolder(mediaDir: string): Promise<string> {
  await fs.mkdir(mediaDir, { recursive: true });
  return fs.mkdtemp(path.join(mediaDir, UPLOAD_PREFIX));
}

/** Atomic on one file system: the folder appears under its public name complete or not at all. */
export async function moveIntoPlace(uploadFolder: string, mediaDir: string, id: string): Promise<void> {
  await fs.rename(uploadFolder, mediaFolder(mediaDir, id));
}

/** True when nothing is left (also when nothing was there). */
export async function removeFolder(folder: string): Promise<boolean> {
  try {
    await fs.rm(folder, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes temporary upload folders older than STALE_UPLOAD_MS (a crash or a kill in the
 * middle of an upload). Younger ones may belong to an upload in progress, possibly in
 * another instance sharing DATA_DIR. Returns how many were removed.
 */
export async function removeStaleUploads(mediaDir: string, now = new Date()): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(mediaDir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names.filter((n) => n.startsWith(UPLOAD_PREFIX))) {
    const folder = path.join(mediaDir, name);
    const stat = await fs.stat(folder).catch(() => undefined);
    if (stat && now.getTime() - stat.mtimeMs > STALE_UPLOAD_MS && (await removeFolder(folder))) removed++;
  }
  return removed;
}
