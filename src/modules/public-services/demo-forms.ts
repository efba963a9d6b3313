/**
 * The demo's forms (mẫu đơn, tờ khai) as small Word files written here, so a fresh
 * install has forms to download without shipping binaries: a DOCX is a ZIP of three XML
 * parts (ECMA-376 Part 2: [Content_Types].xml, the package relationships, the document).
 */
import zlib from 'node:zlib';

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A ZIP of stored (uncompressed) entries: small parts, nothing to gain from deflating. */
function zipOf(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A Word form: a bold centred title, then one paragraph per line ("……" lines are left for the citizen to fill). */
export function formDocx(title: string, lines: string[]): Buffer {
  const paragraph = (text: string, isTitle = false) =>
    `<w:p>${isTitle ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}<w:r>${isTitle ? '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr>' : ''}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p>`;
  const body = [paragraph('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', true), paragraph('Độc lập - Tự do - Hạnh phúc', true), paragraph(''), paragraph(title.toUpperCase(), true), ...lines.map((line) => paragraph(line))].join('');
  return zipOf([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`],
  ]);
}

/** The demo's forms, by the code of the procedure they belong to. */
export const DEMO_FORMS: { code: string; fileName: string; title: string; lines: string[] }[] = [
  {
    code: '1.001978',
    fileName: 'Mẫu số 03 - Đề nghị hưởng trợ cấp thất nghiệp.docx',
    title: 'Đề nghị hưởng trợ cấp thất nghiệp',
    lines: ['Kính gửi: Trung tâm Dịch vụ việc làm tỉnh Kon Tum', 'Tên tôi là: ……………………………… Ngày sinh: ……/……/………', 'Số căn cước: ……………………… Số sổ bảo hiểm xã hội: ………………………', 'Ngày chấm dứt hợp đồng lao động: ……/……/………', 'Số tháng đóng bảo hiểm thất nghiệp: ………', 'Đề nghị được hưởng trợ cấp thất nghiệp theo quy định.', 'Kon Tum, ngày …… tháng …… năm ………', 'Người đề nghị (ký, ghi rõ họ tên)'],
  },
  {
    code: '2.000286',
    fileName: 'Tờ khai đề nghị trợ giúp xã hội.docx',
    title: 'Tờ khai đề nghị trợ giúp xã hội',
    lines: ['Họ và tên người được đề nghị trợ giúp: ………………………………', 'Ngày, tháng, năm sinh: ……/……/……… Giới tính: ………', 'Nơi thường trú: ………………………………………………', 'Thuộc đối tượng: ………………………………………………', 'Tôi cam đoan những lời khai trên là đúng sự thật.', '……, ngày …… tháng …… năm ………', 'Người khai (ký, ghi rõ họ tên)'],
  },
];
