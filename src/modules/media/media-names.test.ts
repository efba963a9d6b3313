import { parse } from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { contentDispositionFor, downloadNameFor, MAX_NAME_LENGTH, toDisplayName } from './media-names.js';
import { isMediaPath } from './media.service.js';

describe('toDisplayName', () => {
  it.each([
    ['../../x', 'x'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['C:\\Users\\an\\Báo cáo.pdf', 'Báo cáo.pdf'],
    ['/etc/passwd', 'passwd'],
    ['..', ''],
    ['thư-mục/', ''],
    ['  Kế hoạch số 12.pdf  ', 'Kế hoạch số 12.pdf'],
    ['ten\r\nSet-Cookie: a=b.pdf', 'tenSet-Cookie: a=b.pdf'],
    ['hoso\u202Efdp.exe', 'hosofdp.exe'],
    ['nul\u0000byte.doc', 'nulbyte.doc'],
  ])('%j shows as %j', (name, shown) => {
    expect(toDisplayName(name)).toBe(shown);
  });

  it('stores NFC whatever the keyboard typed', () => {
    expect(toDisplayName('Ke\u0302\u0301 hoa\u0323ch.pdf')).toBe('Kế hoạch.pdf');
  });

  it('cuts long names to 255 characters, keeping the extension', () => {
    const shown = toDisplayName(`${'Tờ trình '.repeat(60)}.docx`);
    expect(Array.from(shown)).toHaveLength(MAX_NAME_LENGTH);
    expect(shown.endsWith('.docx')).toBe(true);
  });
});

describe('downloadNameFor', () => {
  it('ends the name with the type the bytes have', () => {
    expect(downloadNameFor('Kế hoạch.pdf', 'pdf')).toBe('Kế hoạch.pdf');
    expect(downloadNameFor('BAO CAO.PDF', 'pdf')).toBe('BAO CAO.PDF');
    expect(downloadNameFor('bao-cao.txt', 'pdf')).toBe('bao-cao.txt.pdf');
    expect(downloadNameFor('', 'xlsx')).toBe('tai-lieu.xlsx');
  });
});

describe('contentDispositionFor', () => {
  it('offers a Vietnamese name in UTF-8 with an ASCII fallback (RFC 6266)', () => {
    const header = contentDispositionFor('Kế hoạch số 12.pdf');
    expect(header).toBe(`attachment; filename="Ke hoach so 12.pdf"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%2012.pdf`);
    expect(parse(header)).toEqual({ type: 'attachment', parameters: { filename: 'Kế hoạch số 12.pdf' } });
    expect(contentDispositionFor('Đề án.docx')).toContain('filename="De an.docx"');
  });

  it('keeps a plain ASCII name as it is', () => {
    expect(contentDispositionFor('report-2026.pdf', { type: 'inline' })).toBe('inline; filename=report-2026.pdf');
  });

  it.each([
    'a"; filename="evil.exe',
    'x\r\nSet-Cookie: session=stolen',
    'back\\slash%41.pdf',
    'tab\tand\u0085next.pdf',
  ])('cannot be broken out of by %j', (name) => {
    const header = contentDispositionFor(name);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header).not.toMatch(/[\r\n]/);
    const parsed = parse(header);
    expect(parsed.type).toBe('attachment');
    expect(Object.keys(parsed.parameters)).toEqual(['filename']);
    expect(parsed.parameters.filename).toBe(toDisplayName(name));
  });

  it('names a nameless file', () => {
    expect(contentDispositionFor('')).toBe('attachment; filename=tai-lieu');
  });
});

describe('isMediaPath', () => {
  const id = '0b6f7c1e-2a4d-4c8e-9f10-1234567890ab';
  it.each([`/media/${id}/640.jpg`, `/media/${id}/1920.webp`, ...['pdf', 'docx', 'xlsx', 'odt', 'doc', 'xls'].map((ext) => `/media/${id}/file.${ext}`)])('accepts %s', (url) => {
    expect(isMediaPath(url)).toBe(true);
  });
  it.each([
    `/media/${id}/file.PDF`,
    `/media/${id.toUpperCase()}/file.pdf`,
    `/media/${id}/file.pdf?download=1`,
    `/media//${id}/file.pdf`,
    `/media/./${id}/file.pdf`,
    `/media/${id}/../${id}/file.pdf`,
    `/media/${id}/file.exe`,
    `/media/${id}/file.html`,
    `/media/${id}/other.pdf`,
    `/media/${id}/file.pdf/`,
    `/media/${id}/0640.jpg`,
    `/media/${id}/640.png`,
    `/media/.upload-abc123/file.pdf`,
    `/media/${id}/file%2epdf`,
  ])('refuses %s', (url) => {
    expect(isMediaPath(url)).toBe(false);
  });
});
