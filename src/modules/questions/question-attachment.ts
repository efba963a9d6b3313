/**
 * A citizen's attachment: one file, its type read from its bytes (never the name or the
 * browser's word), kept private under <media dir>/questions/ — outside the public media
 * library and its /media/ URLs — and served only to staff.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import type { PrivateAttachment } from './questions.service.js';

/** Smaller than the newsroom's documents (50 MB): anyone may post this form. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_DIR = 'questions';

const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** Keeps a name fit to show and to send in Content-Disposition: no paths, no control characters. */
function safeName(name: string, ext: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).normalize('NFC').replace(/[\u0000-\u001f\u007f"<>]/g, '').slice(0, 120).trim();
  return base || `tep-dinh-kem.${ext}`;
}

/**
 * Checks and stores one attachment.
 * @throws PAYLOAD_TOO_LARGE; UNSUPPORTED_MEDIA_TYPE for anything but PDF, Word (.docx), JPEG, PNG.
 */
export async function storeAttachment(input: { mediaDir: string; bytes: Buffer; name: string }): Promise<PrivateAttachment> {
  if (input.bytes.length > MAX_ATTACHMENT_BYTES) throw new PayloadTooLargeError(`Tệp đính kèm quá lớn: tối đa ${formatNumber(MAX_ATTACHMENT_BYTES / 1024 / 1024)} MB.`, { field: 'attachment' });
  const found = await fileTypeFromBuffer(input.bytes);
  const type = found ? ACCEPTED[found.ext] : undefined;
  if (!found || !type) throw new UnsupportedMediaTypeError('Tệp đính kèm phải là PDF, Word (.docx), JPEG hoặc PNG.', { field: 'attachment', help: 'Hãy lưu tệp sang PDF rồi gửi lại.' });
  const relative = `${ATTACHMENT_DIR}/${crypto.randomUUID()}.${found.ext}`;
  await fs.mkdir(path.join(input.mediaDir, ATTACHMENT_DIR), { recursive: true });
  await fs.writeFile(path.join(input.mediaDir, relative), input.bytes, { flag: 'wx' });
  return { path: relative, name: safeName(input.name, found.ext), type };
}

export async function removeAttachment(mediaDir: string, relative: string): Promise<void> {
  const full = path.resolve(mediaDir, relative);
  if (full.startsWith(path.resolve(mediaDir, ATTACHMENT_DIR) + path.sep)) await fs.rm(full, { force: true });
}

/** The file's bytes for staff, or undefined when gone. */
export async function readAttachment(mediaDir: string, relative: string): Promise<Buffer | undefined> {
  const full = path.resolve(mediaDir, relative);
  if (!full.startsWith(path.resolve(mediaDir, ATTACHMENT_DIR) + path.sep)) return undefined;
  return fs.readFile(full).catch(() => undefined);
}
