import { describe, expect, it } from 'vitest';
import { checkPortalUrl, checkProcedureCode, documentLine, parseDocumentLines, parseLevel, parseOnlineLevel, parseWorkingDays, workingDaysIn } from './procedure-rules.js';

describe('thành phần hồ sơ, one document per line', () => {
  it('reads the counts at the end of a line, in parentheses or after a separator', () => {
    const { documents, errors } = parseDocumentLines(
      [
        'Tờ khai đề nghị cấp giấy phép lao động (Mẫu số 11/PLI) (1 bản chính)',
        '',
        '- Bản sao căn cước: 1 bản sao',
        '2. Giấy chứng nhận sức khỏe (1 bản chính, 2 bản sao chứng thực)',
        '• Sổ bảo hiểm xã hội 1 bản chính và 1 bản sao',
        '02 ảnh màu cỡ 4 x 6',
        'Hồ sơ (bản gốc)',
      ].join('\r\n'),
    );
    expect(errors).toEqual([]);
    expect(documents).toEqual([
      { name: 'Tờ khai đề nghị cấp giấy phép lao động (Mẫu số 11/PLI)', originals: 1, copies: 0 },
      { name: 'Bản sao căn cước', originals: 0, copies: 1 },
      { name: 'Giấy chứng nhận sức khỏe', originals: 1, copies: 2 },
      { name: 'Sổ bảo hiểm xã hội', originals: 1, copies: 1 },
      { name: '02 ảnh màu cỡ 4 x 6', originals: 0, copies: 0 },
      { name: 'Hồ sơ (bản gốc)', originals: 0, copies: 0 },
    ]);
    // What the form shows reads back the same.
    for (const document of documents) expect(parseDocumentLines(documentLine(document)).documents).toEqual([document]);
  });

  it('says which line is wrong: no name, too long, too many copies, too many documents', () => {
    expect(parseDocumentLines('Đơn\n(1 bản chính)').errors).toEqual([{ line: 2, message: 'Dòng 2 của thành phần hồ sơ thiếu tên giấy tờ.' }]);
    expect(parseDocumentLines(`${'a'.repeat(501)}`).errors[0]!.message).toContain('dài quá 500');
    expect(parseDocumentLines('Đơn (120 bản chính)').errors[0]!.message).toContain('số bản không quá 99');
    expect(parseDocumentLines(Array.from({ length: 51 }, (_, i) => `Giấy ${i}`).join('\n')).errors[0]!.message).toContain('tối đa 50');
    // Control characters are dropped, not kept in names; HTML stays text.
    expect(parseDocumentLines('Đơn\u0000 <script>x</script>').documents[0]!.name).toBe('Đơn <script>x</script>');
  });
});

describe('codes, links, levels and days', () => {
  it('accepts national codes and refuses what is not one', () => {
    expect(checkProcedureCode(' 1.001234.000.00.00.H34 ')).toEqual({ code: '1.001234.000.00.00.H34' });
    expect(checkProcedureCode('2.000286')).toEqual({ code: '2.000286' });
    expect(checkProcedureCode('')).toEqual({ code: '' });
    for (const bad of ['abc', '1..2', '1.2 3', '<b>1</b>', '1.'.repeat(30), '2.000286\u0000']) expect(checkProcedureCode(bad), bad).toHaveProperty('error');
  });

  it('takes an https link to the portal only', () => {
    expect(checkPortalUrl('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000286')).toEqual({ url: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000286' });
    expect(checkPortalUrl('  ')).toEqual({ url: '' });
    for (const bad of ['http://dichvucong.gov.vn/', 'javascript:alert(1)', 'https://user:pass@dichvucong.gov.vn/', 'dichvucong.gov.vn', 'https://localhost/', 'https://a.vn/"><script>', `https://a.vn/${'x'.repeat(600)}`, 'https://a.vn/\nx']) {
      expect(checkPortalUrl(bad), bad).toHaveProperty('error');
    }
  });

  it('reads cấp thực hiện and mức độ as staff write them', () => {
    expect(['Cấp tỉnh', 'tỉnh', 'TINH', 'province'].map(parseLevel)).toEqual(['province', 'province', 'province', 'province']);
    expect([parseLevel('Cấp huyện'), parseLevel('xã'), parseLevel('trung ương')]).toEqual(['district', 'commune', undefined]);
    expect([parseOnlineLevel('Toàn trình'), parseOnlineLevel('mot phan'), parseOnlineLevel('Mức độ 4')]).toEqual(['full', 'partial', undefined]);
  });

  it('reads working days', () => {
    expect([parseWorkingDays(''), parseWorkingDays('15'), parseWorkingDays(0), parseWorkingDays('1,5'), parseWorkingDays('-1'), parseWorkingDays('99999')]).toEqual([null, 15, 0, undefined, undefined, undefined]);
    expect(workingDaysIn('15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ')).toBe(15);
    expect(workingDaysIn('Trong ngày')).toBeNull();
  });
});
