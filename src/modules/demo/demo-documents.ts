/**
 * The demo agency's legal documents: the national texts its articles cite (so the
 * citation links show on a fresh install), two older decrees they replaced, and the
 * department's own plans, programme, statistics reports and budget disclosures (each
 * collection's page has something to show; reports carry a spreadsheet). Numbers, dates
 * and signers of national texts are as issued; the summaries are written in our own
 * words; the department's own documents and their figures are made up (the 2021 jobs
 * figures are the seed's).
 */
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { attachDocumentFile, createLegalDocument, ensureDefaultLists, listDocumentListItems, markDocumentReplaced } from '../legal-documents/index.js';
import { uploadToLibrary } from '../media/index.js';

interface DemoDocument {
  number: string;
  type: string;
  field: string;
  issuer: string;
  signer: string;
  issuedOn: string;
  effectiveOn?: string;
  summary: string;
  /** Number of the document this one replaces. */
  replaces?: string;
  /** A spreadsheet attached to it: its file name and rows (the first is the header). */
  sheet?: { fileName: string; title: string; rows: (string | number)[][] };
}

const AGENCY = 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum';

export const DEMO_DOCUMENTS: DemoDocument[] = [
  { number: '74/2014/QH13', type: 'Luật', field: 'Giáo dục nghề nghiệp', issuer: 'Quốc hội', signer: 'Nguyễn Sinh Hùng', issuedOn: '27/11/2014', effectiveOn: '01/07/2015', summary: 'Luật Giáo dục nghề nghiệp: hệ thống, cơ sở và hoạt động giáo dục nghề nghiệp; quyền và nghĩa vụ của người học, nhà giáo và doanh nghiệp' },
  { number: '31/2013/NĐ-CP', type: 'Nghị định', field: 'Người có công', issuer: 'Chính phủ', signer: 'Nguyễn Tấn Dũng', issuedOn: '09/04/2013', effectiveOn: '01/06/2013', summary: 'Quy định chi tiết, hướng dẫn thi hành một số điều của Pháp lệnh Ưu đãi người có công với cách mạng' },
  { number: '136/2013/NĐ-CP', type: 'Nghị định', field: 'Bảo trợ xã hội', issuer: 'Chính phủ', signer: 'Nguyễn Tấn Dũng', issuedOn: '21/10/2013', effectiveOn: '01/01/2014', summary: 'Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội' },
  { number: '20/2021/NĐ-CP', type: 'Nghị định', field: 'Bảo trợ xã hội', issuer: 'Chính phủ', signer: 'Vũ Đức Đam', issuedOn: '15/03/2021', effectiveOn: '01/07/2021', summary: 'Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội; nâng mức chuẩn trợ giúp xã hội lên 360.000 đồng/tháng', replaces: '136/2013/NĐ-CP' },
  { number: '75/2021/NĐ-CP', type: 'Nghị định', field: 'Người có công', issuer: 'Chính phủ', signer: 'Phạm Bình Minh', issuedOn: '24/07/2021', effectiveOn: '15/09/2021', summary: 'Quy định mức hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với cách mạng; mức chuẩn 1.624.000 đồng' },
  { number: '131/2021/NĐ-CP', type: 'Nghị định', field: 'Người có công', issuer: 'Chính phủ', signer: 'Lê Văn Thành', issuedOn: '30/12/2021', effectiveOn: '15/02/2022', summary: 'Quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công với cách mạng', replaces: '31/2013/NĐ-CP' },
  { number: '08/2022/QĐ-TTg', type: 'Quyết định', field: 'Lao động - Việc làm', issuer: 'Thủ tướng Chính phủ', signer: 'Lê Minh Khái', issuedOn: '28/03/2022', effectiveOn: '28/03/2022', summary: 'Quy định việc thực hiện chính sách hỗ trợ tiền thuê nhà cho người lao động' },
  { number: '12/KH-SLĐTBXH', type: 'Kế hoạch', field: 'Giáo dục nghề nghiệp', issuer: AGENCY, signer: 'Giám đốc Sở', issuedOn: '10/01/2022', summary: 'Kế hoạch tuyển sinh đào tạo nghề trình độ sơ cấp và dưới 3 tháng cho lao động nông thôn năm 2022' },
  { number: '35/KH-SLĐTBXH', type: 'Kế hoạch', field: 'Lao động - Việc làm', issuer: AGENCY, signer: 'Giám đốc Sở', issuedOn: '15/02/2022', summary: 'Kế hoạch tổ chức Ngày hội việc làm và tư vấn tuyển sinh năm 2022' },
  { number: '05/CTr-SLĐTBXH', type: 'Chương trình', field: 'Khác', issuer: AGENCY, signer: 'Giám đốc Sở', issuedOn: '18/01/2022', summary: 'Chương trình công tác năm 2022 của Sở: các nhiệm vụ trọng tâm về việc làm, giáo dục nghề nghiệp, giảm nghèo và an sinh xã hội, với đơn vị chủ trì và thời hạn của từng việc' },
  {
    number: '21/BC-SLĐTBXH',
    type: 'Báo cáo thống kê',
    field: 'Lao động - Việc làm',
    issuer: AGENCY,
    signer: 'Giám đốc Sở',
    issuedOn: '14/01/2022',
    summary: 'Báo cáo thống kê kết quả giải quyết việc làm và đào tạo nghề năm 2021: tạo việc làm mới cho 6.518 lao động, đạt 114,35% kế hoạch; tỷ lệ lao động qua đào tạo 55,7%',
    sheet: {
      fileName: 'Bao-cao-thong-ke-viec-lam-2021.xlsx',
      title: 'Kết quả năm 2021',
      rows: [
        ['Chỉ tiêu', 'Đơn vị tính', 'Kế hoạch', 'Thực hiện'],
        ['Số lao động được tạo việc làm mới', 'người', 5700, 6518],
        ['Số người được tuyển sinh, đào tạo nghề', 'người', 4500, 4872],
        ['Tỷ lệ lao động qua đào tạo', '%', 55, 55.7],
        ['Số lao động đi làm việc ở nước ngoài theo hợp đồng', 'người', 100, 87],
      ],
    },
  },
  {
    number: '88/BC-SLĐTBXH',
    type: 'Báo cáo thống kê',
    field: 'Bảo trợ xã hội',
    issuer: AGENCY,
    signer: 'Phó Giám đốc Sở',
    issuedOn: '08/04/2022',
    summary: 'Báo cáo thống kê đối tượng bảo trợ xã hội hưởng trợ cấp hằng tháng quý I năm 2022, theo huyện, thành phố',
    sheet: {
      fileName: 'Doi-tuong-bao-tro-xa-hoi-quy-I-2022.xlsx',
      title: 'Quý I năm 2022',
      rows: [
        ['Huyện, thành phố', 'Người cao tuổi', 'Người khuyết tật', 'Trẻ em mồ côi', 'Tổng số'],
        ['Thành phố Kon Tum', 2140, 1512, 96, 3748],
        ['Huyện Đăk Hà', 1105, 834, 41, 1980],
        ['Huyện Ngọc Hồi', 768, 590, 35, 1393],
        ['Huyện Kon Plông', 512, 466, 28, 1006],
      ],
    },
  },
  {
    number: '15/QĐ-SLĐTBXH',
    type: 'Công khai ngân sách',
    field: 'Khác',
    issuer: AGENCY,
    signer: 'Giám đốc Sở',
    issuedOn: '12/01/2022',
    effectiveOn: '12/01/2022',
    summary: 'Quyết định công bố công khai dự toán ngân sách nhà nước năm 2022 được giao cho Sở và các đơn vị trực thuộc',
    sheet: {
      fileName: 'Cong-khai-du-toan-ngan-sach-2022.xlsx',
      title: 'Dự toán năm 2022',
      rows: [
        ['Nội dung (đơn vị: triệu đồng)', 'Dự toán được giao'],
        ['Chi quản lý hành chính', 9850],
        ['Chi sự nghiệp bảo đảm xã hội', 42370],
        ['Chi sự nghiệp giáo dục nghề nghiệp', 6415],
        ['Chi chương trình mục tiêu quốc gia', 18200],
        ['Tổng cộng', 76835],
      ],
    },
  },
  {
    number: '118/QĐ-SLĐTBXH',
    type: 'Công khai ngân sách',
    field: 'Khác',
    issuer: AGENCY,
    signer: 'Giám đốc Sở',
    issuedOn: '22/06/2022',
    effectiveOn: '22/06/2022',
    summary: 'Quyết định công bố công khai quyết toán ngân sách nhà nước năm 2021 của Sở Lao động - Thương binh và Xã hội',
    sheet: {
      fileName: 'Cong-khai-quyet-toan-ngan-sach-2021.xlsx',
      title: 'Quyết toán năm 2021',
      rows: [
        ['Nội dung (đơn vị: triệu đồng)', 'Dự toán', 'Quyết toán', 'Tỷ lệ (%)'],
        ['Chi quản lý hành chính', 9420, 9301, 98.74],
        ['Chi sự nghiệp bảo đảm xã hội', 40150, 39876, 99.32],
        ['Chi sự nghiệp giáo dục nghề nghiệp', 6100, 5987, 98.15],
      ],
    },
  },
];

/** A one-sheet workbook of the rows, the header in bold: what an agency attaches to a report. */
async function demoWorkbook(sheet: NonNullable<DemoDocument['sheet']>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.title);
  for (const row of sheet.rows) worksheet.addRow(row);
  worksheet.getRow(1).font = { bold: true };
  worksheet.columns.forEach((column, index) => (column.width = index === 0 ? 48 : 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Publishes the demo documents, newest last, with their spreadsheets, and marks the replaced ones. */
export async function installDemoDocuments(db: Kysely<Database>, siteId: string, mediaDir: string, now = new Date()): Promise<number> {
  const scope = { ...operatorScope(siteId), now };
  await ensureDefaultLists(db, { siteId, now });
  const types = new Map((await listDocumentListItems(db, { siteId, list: 'type' })).map((t) => [t.name, t.id]));
  const fields = new Map((await listDocumentListItems(db, { siteId, list: 'field' })).map((f) => [f.name, f.id]));
  const ids = new Map<string, string>();
  for (const document of DEMO_DOCUMENTS) {
    const { id } = await createLegalDocument(db, scope, {
      number: document.number,
      typeId: types.get(document.type),
      fieldId: fields.get(document.field),
      issuer: document.issuer,
      signer: document.signer,
      issuedOn: document.issuedOn,
      effectiveOn: document.effectiveOn ?? null,
      summary: document.summary,
      isPublishing: true,
    });
    ids.set(document.number, id);
    if (document.sheet) {
      const media = await uploadToLibrary(db, mediaDir, scope, { bytes: await demoWorkbook(document.sheet), originalName: document.sheet.fileName });
      await attachDocumentFile(db, scope, { documentId: id, mediaId: media.id });
    }
  }
  for (const document of DEMO_DOCUMENTS) {
    if (document.replaces) await markDocumentReplaced(db, scope, { documentId: ids.get(document.replaces)!, replacedById: ids.get(document.number)! });
  }
  return DEMO_DOCUMENTS.length;
}
