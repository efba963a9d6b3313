/**
 * The uploader's file name is display text only: stored files get generated names, so no
 * part of it ever reaches a path. Here it is cleaned for display and offered on download.
 */
import { create as createContentDisposition } from 'content-disposition';
import { toNfc } from '../../platform/i18n/vi.js';

/** Longest name kept, in characters (the common file-system limit). */
export const MAX_NAME_LENGTH = 255;

/**
 * C0 and C1 controls (CR and LF would split a header), and the bidirectional controls
 * that make "hoso\u202Efdp.exe" display as "hosoexe.pdf".
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const PATH_SEPARATOR = /[/\\]/;
const EXTENSION = /\.[\p{L}\p{N}]{1,10}$/u;

/**
 * The name to show for an upload: NFC, invisible controls removed, only the last path
 * segment ("../../x" shows as "x", "C:\Users\an\báo cáo.pdf" as "báo cáo.pdf"), trimmed,
 * at most MAX_NAME_LENGTH characters with the extension kept. '' when nothing is left.
 */
export function toDisplayName(originalName: string): string {
  const segments = toNfc(originalName).replace(INVISIBLE, '').split(PATH_SEPARATOR);
  const last = (segments[segments.length - 1] ?? '').trim();
  if (last === '.' || last === '..') return '';
  const characters = Array.from(last);
  if (characters.length <= MAX_NAME_LENGTH) return last;
  const extension = EXTENSION.exec(last)?.[0] ?? '';
  return characters.slice(0, MAX_NAME_LENGTH - extension.length).join('').trimEnd() + extension;
}

/** The name a downloaded document is saved under: always ending in the stored type's extension. */
export function downloadNameFor(originalName: string, extension: string): string {
  const name = toDisplayName(originalName) || 'tai-lieu';
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

/**
 * "Kế hoạch số 12.pdf" → "Ke hoach so 12.pdf": for the rare client that ignores
 * filename*. Printable ASCII only; quotes, backslashes and percent signs (which some
 * browsers decode) become harmless characters.
 */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/"/g, "'")
    .replace(/[^\x20-\x7e]|[\\%]/g, '_');
}

/**
 * A Content-Disposition header offering `originalName` (RFC 6266): filename* carries the
 * exact UTF-8 name (RFC 8187), filename an ASCII fallback. The name is cleaned first
 * (toDisplayName), so CR, LF and other controls never reach the header, and the package
 * quotes or percent-encodes everything else.
 */
export function contentDispositionFor(originalName: string, options: { type?: 'attachment' | 'inline' } = {}): string {
  const name = toDisplayName(originalName) || 'tai-lieu';
  return createContentDisposition(name, { type: options.type ?? 'attachment', fallback: asciiFallback(name) });
}
