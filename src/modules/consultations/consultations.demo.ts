/**
 * The demo's consultations: one open (closing about two weeks after `now`) with a few
 * comments, and one closed with its published report. Written through the service; the
 * comments go straight into the table (they have no form token to show).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { uploadToLibrary } from '../media/index.js';
import { newReceiptCode, type OrgType } from './consultation-rules.js';
import { attachConsultationFile, commentFoldedText, createConsultation, publishReport } from './consultations.service.js';

const SO = 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum';
const DAY_MS = 86_400_000;

/** A one-page PDF saying `lines` (ASCII: the built-in Helvetica has no Vietnamese letters). */
function draftPdf(lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const stream = ['BT /F1 13 Tf 60 780 Td 18 TL', ...lines.map((line) => `(${escape(line)}) Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** 17:00 in Vietnam (10:00 UTC) on the day `days` after `now`. */
function vietnamFivePm(now: Date, days: number): string {
  const at = new Date(now.getTime() + days * DAY_MS);
  at.setUTCHours(10, 0, 0, 0);
  return at.toISOString();
}

const DEMO_COMMENTS: { name: string; email: string; phone: string; orgType: OrgType | ''; section: string; body: string }[] = [
  { name: 'Trần Văn Minh', email: 'minh.tran@gmail.com', phone: '', orgType: 'individual', section: 'Điều 5', body: 'Đề nghị bổ sung đối tượng lao động là người dân tộc thiểu số ở các xã vùng III được hỗ trợ chi phí đi lại khi tham gia phiên giao dịch việc làm.' },
  { name: 'Công ty TNHH Cà phê Đăk Hà', email: 'nhansu@caphedakha.vn', phone: '0260 3812 456', orgType: 'business', section: 'Khoản 2 Điều 7', body: 'Mức hỗ trợ đào tạo 1.500.000 đồng/người là thấp so với chi phí thực tế của các khoá sơ cấp nghề chế biến nông sản. Đề nghị nâng lên 2.500.000 đồng/người.' },
  { name: 'Hội Liên hiệp Phụ nữ huyện Sa Thầy', email: '', phone: '0912 456 789', orgType: 'organisation', section: '', body: 'Dự thảo nên có chỉ tiêu riêng cho lao động nữ sau sinh con quay lại thị trường lao động, kèm hình thức hỗ trợ giữ trẻ khi học nghề.' },
];

/** Creates the demo's two consultations; returns how many. */
export async function seedDemoConsultations(db: Kysely<Database>, input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  const scope = operatorScope(input.siteId, input.now);
  const open = await createConsultation(db, scope, {
    title: 'Dự thảo Kế hoạch hỗ trợ việc làm cho người lao động năm 2027',
    slug: 'ke-hoach-ho-tro-viec-lam-2027',
    issuingUnit: `${SO} (Phòng Lao động - Việc làm)`,
    summaryHtml:
      '<p>Kế hoạch đặt mục tiêu giải quyết việc làm cho 12.500 lao động trong năm 2027, trong đó 1.200 người đi làm việc ở nước ngoài theo hợp đồng.</p><ul><li>Tổ chức 24 phiên giao dịch việc làm, trong đó 8 phiên lưu động tại các huyện.</li><li>Hỗ trợ đào tạo nghề ngắn hạn cho 3.000 lao động nông thôn.</li><li>Cho vay ưu đãi từ Quỹ quốc gia về việc làm.</li></ul><p>Sở mong nhận được góp ý của người lao động, doanh nghiệp và các tổ chức về đối tượng, mức hỗ trợ và cách tổ chức thực hiện.</p>',
    opensAt: new Date(input.now.getTime() - 3 * DAY_MS).toISOString(),
    closesAt: vietnamFivePm(input.now, 14),
    isPublishing: true,
  });
  const pdf = draftPdf(['DU THAO', 'KE HOACH HO TRO VIEC LAM CHO NGUOI LAO DONG NAM 2027', '', 'Muc tieu: giai quyet viec lam cho 12.500 lao dong.', 'Dieu 5. Doi tuong ho tro', 'Dieu 7. Muc ho tro dao tao nghe']);
  const media = await uploadToLibrary(db, input.mediaDir, scope, { bytes: pdf, originalName: 'du-thao-ke-hoach-ho-tro-viec-lam-2027.pdf' });
  await attachConsultationFile(db, scope, { consultationId: open.id, mediaId: media.id });
  await db
    .insertInto('consultation_comments')
    .values(
      DEMO_COMMENTS.map((c, i) => ({
        id: crypto.randomUUID(),
        site_id: input.siteId,
        consultation_id: open.id,
        receipt_code: newReceiptCode(),
        commenter_name: c.name,
        email: c.email,
        phone: c.phone,
        org_type: c.orgType,
        section: c.section,
        body: c.body,
        folded_text: commentFoldedText(c.section, c.body),
        received_at: new Date(input.now.getTime() - (2 - i) * DAY_MS).toISOString(),
      })),
    )
    .execute();

  const closed = await createConsultation(db, scope, {
    title: 'Dự thảo Quy định mức hỗ trợ người cao tuổi cô đơn trên địa bàn tỉnh',
    slug: 'quy-dinh-ho-tro-nguoi-cao-tuoi-co-don',
    issuingUnit: `${SO} (Phòng Bảo trợ xã hội)`,
    summaryHtml: '<p>Dự thảo quy định mức trợ cấp xã hội hằng tháng và hỗ trợ mai táng phí cho người cao tuổi cô đơn, không nơi nương tựa đang sống tại cộng đồng.</p>',
    opensAt: new Date(input.now.getTime() - 75 * DAY_MS).toISOString(),
    closesAt: vietnamFivePm(input.now, -45),
    isPublishing: true,
  });
  await publishReport(db, scope, {
    consultationId: closed.id,
    reportHtml:
      '<p>Trong thời gian lấy ý kiến, Sở nhận được 37 ý kiến của 21 cá nhân, 9 tổ chức và 7 cơ quan nhà nước.</p><h3>Ý kiến được tiếp thu</h3><ul><li>Nâng mức hỗ trợ mai táng phí từ 7.200.000 đồng lên 9.000.000 đồng (14 ý kiến).</li><li>Bổ sung người cao tuổi có con đang chấp hành án phạt tù vào đối tượng được hỗ trợ (6 ý kiến).</li></ul><h3>Ý kiến được giải trình</h3><ul><li>Đề nghị chi trả bằng tiền mặt tại nhà: giữ chi trả qua tài khoản theo quy định chung, Ủy ban nhân dân xã bố trí chi trả tại nhà cho người không tự đi được.</li></ul>',
  });
  return 2;
}
