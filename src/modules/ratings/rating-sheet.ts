/**
 * The ratings export as CSV, safe to open in Excel or LibreOffice: a comment that starts
 * like a formula (= + - @, tab, CR…) gets a leading apostrophe (public-forms'
 * safeSheetCell), so a spreadsheet shows it as text and never runs it.
 */
import { safeSheetCell } from '../public-forms/index.js';

/** One CSV cell: formula-neutralised, quoted when needed (RFC 4180). */
export function sheetCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = safeSheetCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with a BOM (Excel then reads UTF-8 Vietnamese correctly) and CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `\ufeff${[header, ...rows].map((row) => row.map(sheetCell).join(',')).join('\r\n')}\r\n`;
}
