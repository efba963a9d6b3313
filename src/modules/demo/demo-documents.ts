/**
 * The demo agency's legal documents: the national texts its articles cite (so the
 * citation links show on a fresh install), two older decrees they replaced, and plans
 * of the department itself. Numbers, dates and signers of national texts are as issued;
 * the summaries are written in our own words; the department's plans are made up.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { createLegalDocument, ensureDefaultLists, listDocumentListItems, markDocumentReplaced } from '../legal-documents/index.js';

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
];

/** Publishes the demo documents, newest last, and marks the replaced ones. */
export async function installDemoDocuments(db: Kysely<Database>, siteId: string, now = new Date()): Promise<number> {
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
  }
  for (const document of DEMO_DOCUMENTS) {
    if (document.replaces) await markDocumentReplaced(db, scope, { documentId: ids.get(document.replaces)!, replacedById: ids.get(document.number)! });
  }
  return DEMO_DOCUMENTS.length;
}
