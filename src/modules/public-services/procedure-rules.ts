/**
 * The rules of a procedure's fields that need no database: cấp thực hiện and mức độ and
 * how they are written, the national code, the link to the national portal, and the
 * thành phần hồ sơ written one document per line ("Tờ khai … (1 bản chính, 1 bản sao)"),
 * which is how both the staff form and a sheet cell hold the ordered list.
 */
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';

export const PROCEDURE_LEVELS = ['province', 'district', 'commune'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
export const LEVEL_LABELS: Record<ProcedureLevel, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };

export const ONLINE_LEVELS = ['full', 'partial'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export const ONLINE_LEVEL_LABELS: Record<OnlineLevel, string> = { full: 'Toàn trình', partial: 'Một phần' };

export function isProcedureLevel(value: unknown): value is ProcedureLevel {
  return typeof value === 'string' && (PROCEDURE_LEVELS as readonly string[]).includes(value);
}

export function isOnlineLevel(value: unknown): value is OnlineLevel {
  return typeof value === 'string' && (ONLINE_LEVELS as readonly string[]).includes(value);
}

const words = (text: string) => foldVietnamese(String(text ?? '')).replace(/[^a-z0-9]+/g, ' ').trim();

/** "Cấp tỉnh", "tỉnh", "TINH", "province" → province; undefined when it names no level. */
export function parseLevel(text: string): ProcedureLevel | undefined {
  const key = words(text).replace(/^cap /, '');
  if (isProcedureLevel(key)) return key;
  return ({ tinh: 'province', huyen: 'district', xa: 'commune' } as const)[key as 'tinh' | 'huyen' | 'xa'];
}

/** "Toàn trình", "toan trinh", "full", "Một phần", "mot phan", "partial" → the level; undefined otherwise. */
export function parseOnlineLevel(text: string): OnlineLevel | undefined {
  const key = words(text).replace(/^(dich vu cong truc tuyen|dvctt|muc do) /, '');
  if (isOnlineLevel(key)) return key;
  return ({ 'toan trinh': 'full', 'mot phan': 'partial' } as const)[key as 'toan trinh' | 'mot phan'];
}

export const MAX_CODE_LENGTH = 40;
/**
 * Mã thủ tục of the national database: dot-separated groups of letters and digits
 * ("1.001234.000.00.00.H34", "2.000286"). Agencies' own codes look the same.
 */
const CODE = /^[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*$/;

/** The code as stored ('' for none), or a reason it cannot be one. */
export function checkProcedureCode(raw: unknown): { code: string } | { error: string } {
  const code = toNfc(String(raw ?? '')).trim();
  if (!code) return { code: '' };
  if (code.length > MAX_CODE_LENGTH) return { error: `Mã thủ tục không được dài quá ${MAX_CODE_LENGTH} ký tự.` };
  if (!CODE.test(code) || !/\d/.test(code)) return { error: 'Mã thủ tục gồm các nhóm chữ số (và chữ cái) cách nhau bằng dấu chấm, ví dụ 1.001234.000.00.00.H34 hoặc 2.000286.' };
  return { code };
}

/** What makes a code unique on a site: the same code whatever its letters' case. */
export function codeKey(code: string): string | null {
  return code ? code.toLowerCase() : null;
}

export const MAX_URL_LENGTH = 500;

/**
 * The link to the procedure's page on the national public service portal ('' for none):
 * an https address with a real host and no user name or password in it, as the URL
 * parser writes it (so what is stored is what a browser would follow).
 */
export function checkPortalUrl(raw: unknown): { url: string } | { error: string } {
  const text = String(raw ?? '').trim();
  if (!text) return { url: '' };
  const bad = { error: 'Liên kết Cổng Dịch vụ công phải là một địa chỉ https đầy đủ, ví dụ https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000286.' };
  // eslint-disable-next-line no-control-regex
  if (text.length > MAX_URL_LENGTH || /[\s\u0000-\u001f\u007f<>"]/.test(text)) return text.length > MAX_URL_LENGTH ? { error: `Liên kết không được dài quá ${MAX_URL_LENGTH} ký tự.` } : bad;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname)) return bad;
  if (url.href.length > MAX_URL_LENGTH) return { error: `Liên kết không được dài quá ${MAX_URL_LENGTH} ký tự.` };
  return { url: url.href };
}

/** The national portal's page of a procedure code (as the demo and the import template write it). */
export function nationalPortalUrl(code: string): string {
  return `https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=${encodeURIComponent(code)}`;
}

export interface ProcedureDocument {
  /** The document's name as written ("Tờ khai đề nghị cấp giấy phép lao động (Mẫu số 11/PLI)"). */
  name: string;
  /** Số bản chính; 0 when not stated. */
  originals: number;
  /** Số bản sao; 0 when not stated. */
  copies: number;
}

export const DOCUMENT_LIMITS = { name: 500, count: 99, documents: 50 } as const;

const COUNT = /(\d{1,3})\s+bản\s+(chính|gốc|sao)(?:\s+(?:có\s+)?chứng\s+thực)?/giu;

/** Whether a piece of text is nothing but counts ("1 bản chính, 2 bản sao", "1 bản chính và 1 bản sao"). */
function isCountsOnly(text: string): boolean {
  if ([...text.matchAll(COUNT)].length === 0) return false;
  return text.replace(COUNT, ' ').replace(/(^|\s)và(?=\s|$)/giu, ' ').replace(/[\s,;.]/g, '') === '';
}

/** A line's name and counts: the counts are the line's end, in parentheses or after a separator. */
function splitCounts(line: string): ProcedureDocument {
  let tail = '';
  let name = line;
  const inParentheses = /\(([^()]*)\)\s*\.?$/u.exec(line);
  if (inParentheses && isCountsOnly(inParentheses[1]!)) {
    tail = inParentheses[1]!;
    name = line.slice(0, inParentheses.index);
  } else {
    for (const match of line.matchAll(/\d{1,3}\s+bản\s/giu)) {
      const before = line[match.index - 1];
      if (before !== undefined && /[\p{L}\p{N}]/u.test(before)) continue;
      if (isCountsOnly(line.slice(match.index))) {
        tail = line.slice(match.index);
        name = line.slice(0, match.index);
        break;
      }
    }
  }
  let originals = 0;
  let copies = 0;
  for (const [, n, kind] of tail.matchAll(COUNT)) {
    if (foldVietnamese(kind!).toLowerCase() === 'sao') copies += Number(n);
    else originals += Number(n);
  }
  return { name: name.replace(/[\s:;,–-]+$/u, '').trim(), originals, copies };
}

/**
 * The documents of a thành phần hồ sơ written one per line, in order, each optionally
 * ending with its counts: "Đơn đề nghị (Mẫu số 01) (1 bản chính)", "Bản sao CCCD: 1 bản
 * sao". Empty lines and list markers ("1.", "-", "•") are dropped.
 */
export function parseDocumentLines(text: string): { documents: ProcedureDocument[]; errors: { line: number; message: string }[] } {
  const documents: ProcedureDocument[] = [];
  const errors: { line: number; message: string }[] = [];
  const lines = toNfc(String(text ?? '')).split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    // eslint-disable-next-line no-control-regex
    const line = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim().replace(/^(?:[-–•*+]|\d{1,2}[.)])\s+/u, '');
    if (!line) return;
    const { name, originals, copies } = splitCounts(line);
    const at = index + 1;
    if (!name) errors.push({ line: at, message: `Dòng ${at} của thành phần hồ sơ thiếu tên giấy tờ.` });
    else if (name.length > DOCUMENT_LIMITS.name) errors.push({ line: at, message: `Dòng ${at} của thành phần hồ sơ dài quá ${DOCUMENT_LIMITS.name} ký tự.` });
    else if (originals > DOCUMENT_LIMITS.count || copies > DOCUMENT_LIMITS.count) errors.push({ line: at, message: `Dòng ${at} của thành phần hồ sơ: số bản không quá ${DOCUMENT_LIMITS.count}.` });
    else documents.push({ name, originals, copies });
  });
  if (documents.length > DOCUMENT_LIMITS.documents) errors.push({ line: 0, message: `Thành phần hồ sơ có tối đa ${DOCUMENT_LIMITS.documents} giấy tờ.` });
  return { documents, errors };
}

/** "1 bản chính, 1 bản sao", or '' when neither is stated. */
export function documentCounts(document: Pick<ProcedureDocument, 'originals' | 'copies'>): string {
  return [document.originals > 0 && `${document.originals} bản chính`, document.copies > 0 && `${document.copies} bản sao`].filter(Boolean).join(', ');
}

/** A document as one line of the form (parseDocumentLines reads it back the same). */
export function documentLine(document: ProcedureDocument): string {
  const counts = documentCounts(document);
  return counts ? `${document.name} (${counts})` : document.name;
}

export const MAX_WORKING_DAYS = 3_650;

/** Working days as typed ('' for none), or undefined when it is not a whole number of days in range. */
export function parseWorkingDays(raw: unknown): number | null | undefined {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw <= MAX_WORKING_DAYS ? raw : undefined;
  const text = String(raw).trim();
  if (!text) return null;
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const days = Number(text);
  return days <= MAX_WORKING_DAYS ? days : undefined;
}

/** The working days a time limit states ("15 ngày làm việc kể từ…" → 15), for an import that leaves the number out. */
export function workingDaysIn(timeLimit: string): number | null {
  const match = /(\d{1,4})\s+ngày\s+làm\s+việc/iu.exec(toNfc(timeLimit));
  if (!match) return null;
  const days = Number(match[1]);
  return days <= MAX_WORKING_DAYS ? days : null;
}
