/**
 * Reads the rows of an uploaded sheet (CSV or XLSX) as text cells, within bounds a hostile
 * file cannot escape: bytes, rows, cell length, and for XLSX the bytes its zip really
 * inflates to (checked by inflating with a hard output cap before exceljs sees it, since
 * the sizes a zip declares can lie). Formula cells give their cached result as text: no
 * formula is ever evaluated.
 */
import zlib from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { InvalidInputError, PayloadTooLargeError } from '../../platform/errors.js';

export const SHEET_LIMITS = {
  /** The uploaded file. */
  bytes: 5 * 1024 * 1024,
  /** Data rows (the header row not counted). */
  rows: 5_000,
  columns: 50,
  /** Characters per cell; longer cells are cut (and the row reports it). */
  cellChars: 5_000,
  /** What an XLSX may inflate to, all parts together. */
  uncompressedBytes: 40 * 1024 * 1024,
  zipEntries: 2_000,
} as const;

export type SheetFormat = 'csv' | 'xlsx';

export interface SheetRows {
  format: SheetFormat;
  /** Rows as read, the header first; each cell as text ('' for empty). `line` is the row number the staff see in their program. */
  rows: { line: number; cells: string[] }[];
}

const messages = {
  tooLarge: `Tệp quá lớn: tối đa ${SHEET_LIMITS.bytes / 1024 / 1024} MB.`,
  tooLargeHelp: 'Hãy chia bảng thành nhiều tệp nhỏ hơn.',
  tooManyRows: `Bảng có quá ${SHEET_LIMITS.rows.toLocaleString('vi-VN')} dòng.`,
  unknownFormat: 'Chỉ nhập được tệp CSV (.csv) hoặc Excel (.xlsx).',
  unknownFormatHelp: 'Trong Excel, hãy chọn Lưu thành (Save As) → Sổ làm việc Excel (.xlsx) hoặc CSV UTF-8.',
  notUtf8: 'Tệp CSV không ở bảng mã UTF-8 nên chữ tiếng Việt sẽ bị lỗi.',
  notUtf8Help: 'Trong Excel, hãy chọn Lưu thành (Save As) → CSV UTF-8 (phân cách bằng dấu phẩy).',
  brokenCsv: (detail: string) => `Không đọc được tệp CSV: ${detail}.`,
  brokenXlsx: 'Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx.',
  brokenXlsxHelp: 'Hãy mở tệp bằng Excel rồi lưu lại dạng .xlsx.',
  inflatesTooMuch: 'Tệp Excel giải nén ra quá lớn so với một bảng văn bản.',
  noSheet: 'Tệp Excel không có trang tính nào.',
} as const;

/**
 * The rows of a CSV or XLSX file, chosen by the name's extension and checked by the bytes.
 * @throws PAYLOAD_TOO_LARGE (file, rows, inflated size); INVALID_INPUT (another format, a broken file, a CSV not in UTF-8).
 */
export async function readSheet(input: { bytes: Buffer; fileName: string }): Promise<SheetRows> {
  const bytes = input.bytes;
  if (bytes.length > SHEET_LIMITS.bytes) throw new PayloadTooLargeError(messages.tooLarge, { field: 'file', help: messages.tooLargeHelp });
  const ext = /\.([a-z0-9]+)$/i.exec(String(input.fileName ?? ''))?.[1]?.toLowerCase();
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (ext === 'xlsx' || (ext !== 'csv' && isZip)) {
    if (!isZip) throw new InvalidInputError(messages.brokenXlsx, { field: 'file', help: messages.brokenXlsxHelp });
    return { format: 'xlsx', rows: await readXlsx(bytes) };
  }
  if (ext === 'csv' || ext === 'txt') return { format: 'csv', rows: readCsv(bytes) };
  throw new InvalidInputError(messages.unknownFormat, { field: 'file', help: messages.unknownFormatHelp });
}

function cutCell(text: string): string {
  return text.length > SHEET_LIMITS.cellChars ? text.slice(0, SHEET_LIMITS.cellChars + 1) : text;
}

/** Records read from a CSV at most: the rows allowed, the header, and some empty lines. */
const MAX_CSV_RECORDS = SHEET_LIMITS.rows + 1_000;

function readCsv(bytes: Buffer): { line: number; cells: string[] }[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError(messages.notUtf8, { field: 'file', help: messages.notUtf8Help });
  }
  text = text.replace(/^\uFEFF/, '');
  // The separator of the header line: Excel in Vietnamese settings writes ";".
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: SHEET_LIMITS.cellChars * SHEET_LIMITS.columns,
      // Reading stops here: a file that reaches it is refused below, never cut silently.
      to: MAX_CSV_RECORDS,
    }) as string[][];
  } catch (error) {
    const detail = error instanceof Error && 'lines' in error ? `lỗi ở dòng ${String((error as { lines: number }).lines)}` : 'định dạng không đúng';
    throw new InvalidInputError(messages.brokenCsv(detail), { field: 'file', help: messages.unknownFormatHelp });
  }
  if (records.length >= MAX_CSV_RECORDS) throw new PayloadTooLargeError(messages.tooManyRows, { field: 'file', help: messages.tooLargeHelp });
  const rows = records.map((cells, index) => ({ line: index + 1, cells: cells.slice(0, SHEET_LIMITS.columns).map((c) => cutCell(String(c))) }));
  checkRowCount(rows);
  return rows;
}

function checkRowCount(rows: { cells: string[] }[]): void {
  const nonEmpty = rows.filter((row) => row.cells.some((c) => c.trim() !== '')).length;
  if (nonEmpty > SHEET_LIMITS.rows + 1) throw new PayloadTooLargeError(messages.tooManyRows, { field: 'file', help: messages.tooLargeHelp });
}

/**
 * Inflates every entry of the zip with a cap on what it may produce in total, so a zip
 * bomb stops at SHEET_LIMITS.uncompressedBytes whatever its headers claim. Entries are
 * read from the central directory (APPNOTE.TXT 4.3.12) and their local headers (4.3.7).
 * @throws PAYLOAD_TOO_LARGE past the cap; INVALID_INPUT for a zip this cannot read.
 */
export function checkZipInflation(bytes: Buffer): void {
  const broken = () => new InvalidInputError(messages.brokenXlsx, { field: 'file', help: messages.brokenXlsxHelp });
  const tooMuch = () => new PayloadTooLargeError(messages.inflatesTooMuch, { field: 'file', help: messages.tooLargeHelp });
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw broken();
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  // ZIP64 is for parts over 4 GB: no sheet of documents needs it.
  if (count === 0xffff || at === 0xffffffff) throw tooMuch();
  if (count > SHEET_LIMITS.zipEntries) throw tooMuch();
  let budget = SHEET_LIMITS.uncompressedBytes;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw broken();
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localAt = bytes.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;
    if (localAt + 30 > bytes.length || bytes.readUInt32LE(localAt) !== 0x04034b50) throw broken();
    const dataAt = localAt + 30 + bytes.readUInt16LE(localAt + 26) + bytes.readUInt16LE(localAt + 28);
    if (dataAt + compressedSize > bytes.length) throw broken();
    const data = bytes.subarray(dataAt, dataAt + compressedSize);
    if (method === 0) {
      budget -= data.length;
    } else if (method === 8) {
      let inflated: Buffer;
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: budget + 1 });
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooMuch();
        throw broken();
      }
      budget -= inflated.length;
    } else {
      throw broken();
    }
    if (budget < 0) throw tooMuch();
  }
}

async function readXlsx(bytes: Buffer): Promise<{ line: number; cells: string[] }[]> {
  checkZipInflation(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new InvalidInputError(messages.brokenXlsx, { field: 'file', help: messages.brokenXlsxHelp });
  }
  const sheet = workbook.worksheets.find((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden') ?? workbook.worksheets[0];
  if (!sheet) throw new InvalidInputError(messages.noSheet, { field: 'file' });
  if (sheet.actualRowCount > SHEET_LIMITS.rows + 1) throw new PayloadTooLargeError(messages.tooManyRows, { field: 'file', help: messages.tooLargeHelp });
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    const last = Math.min(row.cellCount, SHEET_LIMITS.columns);
    for (let column = 1; column <= last; column++) cells.push(cutCell(cellText(row.getCell(column).value)));
    rows.push({ line, cells });
  });
  checkRowCount(rows);
  return rows;
}

/** A cell's value as text: a formula's cached result, rich text's characters, a date as YYYY-MM-DD. */
export function cellText(value: unknown, depth = 0): string {
  if (value === null || value === undefined || depth > 3) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((part: unknown) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
    // A formula (shared or not): its result as last saved, never computed here.
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, depth + 1);
    if ('hyperlink' in v || 'text' in v) return cellText(v.text, depth + 1);
    // { error: '#N/A' } and anything unknown: nothing.
    return '';
  }
  return '';
}
