/**
 * Sheets previewed for an import (legal documents, procedures), waiting for their
 * confirmation: the uploaded bytes stay on the server under a random token bound to the
 * staff member and the site, so what is applied is the very file that was previewed,
 * never rows sent back by the browser. Expired ones are swept on each new upload.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** How long a previewed sheet waits for its confirmation. */
const IMPORT_TTL_MS = 30 * 60 * 1000;
const TOKEN = /^[0-9a-f]{64}$/;

interface PendingImport {
  siteId: string;
  userId: string;
  fileName: string;
  createdAt: number;
}

/**
 * Previewed sheets waiting for confirmation, as files `<token>.sheet` and `<token>.json`
 * in DATA_DIR/tmp/<folder> (DATA_DIR is the parent of the media directory: config.ts mediaDirOf).
 */
export function pendingSheetStore(mediaDir: string, folder: string) {
  const dir = path.join(path.dirname(mediaDir), 'tmp', folder);
  const files = (token: string) => ({ sheet: path.join(dir, `${token}.sheet`), meta: path.join(dir, `${token}.json`) });

  /** Removes what is past its life (a preview never confirmed). */
  const sweep = async (now: number) => {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && now - stat.mtimeMs > IMPORT_TTL_MS) await fs.rm(file, { force: true });
    }
  };

  return {
    async keep(input: { bytes: Buffer } & Omit<PendingImport, 'createdAt'>, now: number): Promise<string> {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      await sweep(now);
      const token = crypto.randomBytes(32).toString('hex');
      const { sheet, meta } = files(token);
      await fs.writeFile(sheet, input.bytes, { mode: 0o600 });
      const pending: PendingImport = { siteId: input.siteId, userId: input.userId, fileName: input.fileName, createdAt: now };
      await fs.writeFile(meta, JSON.stringify(pending), { mode: 0o600 });
      return token;
    },
    /** The sheet of a token, only for the staff member and site that previewed it, within its life. */
    async take(token: string, owner: { siteId: string; userId: string }, now: number): Promise<{ bytes: Buffer; fileName: string } | null> {
      if (!TOKEN.test(token)) return null;
      const { sheet, meta } = files(token);
      const pending = await fs
        .readFile(meta, 'utf8')
        .then((text) => JSON.parse(text) as PendingImport)
        .catch(() => null);
      if (!pending || pending.siteId !== owner.siteId || pending.userId !== owner.userId || now - pending.createdAt > IMPORT_TTL_MS) return null;
      const bytes = await fs.readFile(sheet).catch(() => null);
      return bytes ? { bytes, fileName: pending.fileName } : null;
    },
    async drop(token: string): Promise<void> {
      if (!TOKEN.test(token)) return;
      const { sheet, meta } = files(token);
      await Promise.all([fs.rm(sheet, { force: true }), fs.rm(meta, { force: true })]);
    },
  };
}
