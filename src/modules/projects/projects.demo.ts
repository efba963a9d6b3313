/**
 * The demo agency's projects and procurement notices (Sở Lao động - Thương binh và Xã hội
 * tỉnh Kon Tum): investment projects, a tender open until a few days after `now`, one
 * with its result, and public purchases. Names, sums and firms are made up for the demo.
 * Written through the real service (so they are published, searchable, with a revision
 * and an audit entry); the notices' PDFs are generated here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { uploadToLibrary } from '../media/index.js';
import { attachProjectFile, createProject, type ProjectInput } from './projects.service.js';

const AGENCY = 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum';
const DAY_MS = 86_400_000;

interface DemoProject extends ProjectInput {
  /** A one-page PDF attached to it: file name and the lines it says (ASCII: the PDF's base font has no Vietnamese letters). */
  file?: { name: string; lines: string[] };
}

/** 'dd/mm/yyyy HH:mm' in Vietnam time, `days` after `now`, at `hour`:00. */
function vietnamTimeAfter(now: Date, days: number, hour: number): string {
  const local = new Date(now.getTime() + 7 * 3_600_000 + days * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(hour)}:00`;
}

function vietnamDayAfter(now: Date, days: number): string {
  return vietnamTimeAfter(now, days, 0).split(' ')[0]!;
}

export function demoProjects(now: Date): DemoProject[] {
  return [
    {
      kind: 'project',
      name: 'Cải tạo, nâng cấp Trung tâm Bảo trợ xã hội tỉnh Kon Tum',
      slug: 'cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh',
      owner: AGENCY,
      budget: '14,8 tỷ',
      fundingSource: 'Vốn ngân sách tỉnh, kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025',
      location: 'Phường Ngô Mây, thành phố Kon Tum',
      startsOn: '15/04/2025',
      endsOn: '30/06/2027',
      status: 'in_progress',
      descriptionHtml:
        '<p>Dự án cải tạo hai khối nhà ở của đối tượng bảo trợ, xây mới nhà ăn và nhà phục hồi chức năng, nâng cấp hệ thống cấp thoát nước, phòng cháy chữa cháy và sân vườn của Trung tâm.</p><p>Sau khi hoàn thành, Trung tâm có thể nuôi dưỡng, chăm sóc tập trung khoảng 150 đối tượng, gồm người cao tuổi cô đơn, trẻ em mồ côi và người khuyết tật nặng không nơi nương tựa.</p>',
    },
    {
      kind: 'project',
      name: 'Xây dựng Nhà bia tưởng niệm liệt sĩ huyện Ia H\u2019Drai',
      slug: 'xay-dung-nha-bia-tuong-niem-liet-si-huyen-ia-h-drai',
      owner: 'Ủy ban nhân dân huyện Ia H\u2019Drai',
      budget: '4.500.000.000',
      fundingSource: 'Ngân sách Trung ương hỗ trợ từ nguồn kinh phí ưu đãi người có công và ngân sách huyện',
      location: 'Xã Ia Tơi, huyện Ia H\u2019Drai',
      startsOn: '01/03/2026',
      status: 'preparing',
      descriptionHtml: '<p>Xây dựng nhà bia ghi tên các anh hùng liệt sĩ của huyện, khuôn viên, cổng, tường rào và đường nội bộ, làm nơi tổ chức các hoạt động tri ân vào ngày Thương binh - Liệt sĩ 27/7.</p>',
    },
    {
      kind: 'project',
      name: 'Nâng cấp Nghĩa trang liệt sĩ tỉnh Kon Tum',
      slug: 'nang-cap-nghia-trang-liet-si-tinh',
      owner: AGENCY,
      budget: '9.760.000.000',
      fundingSource: 'Ngân sách tỉnh',
      location: 'Phường Trần Hưng Đạo, thành phố Kon Tum',
      startsOn: '10/02/2023',
      endsOn: '20/07/2024',
      status: 'completed',
      descriptionHtml: '<p>Tu bổ các phần mộ, đài tưởng niệm, hệ thống chiếu sáng và cây xanh; hoàn thành và đưa vào sử dụng trước ngày 27/7/2024.</p>',
    },
    {
      kind: 'tender',
      name: 'Gói thầu số 05: Cung cấp, lắp đặt thiết bị đào tạo nghề điện dân dụng và hàn',
      slug: 'goi-thau-so-05-thiet-bi-dao-tao-nghe-dien-dan-dung-va-han',
      owner: AGENCY,
      budget: '3.250.000.000',
      fundingSource: 'Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi',
      location: 'Trường Cao đẳng Cộng đồng Kon Tum',
      startsOn: vietnamDayAfter(now, -5),
      closesAt: vietnamTimeAfter(now, 12, 9),
      status: 'open',
      descriptionHtml:
        '<p>Hình thức lựa chọn nhà thầu: đấu thầu rộng rãi trong nước, qua mạng, một giai đoạn một túi hồ sơ. Hồ sơ mời thầu được phát hành miễn phí trên Hệ thống mạng đấu thầu quốc gia.</p><p>Thời gian thực hiện hợp đồng: 90 ngày. Bảo đảm dự thầu: 40.000.000 đồng.</p>',
      file: { name: 'Thong bao moi thau goi thau so 05.pdf', lines: ['THONG BAO MOI THAU', 'Goi thau so 05: Thiet bi dao tao nghe dien dan dung va han', `Dong thau: ${vietnamTimeAfter(now, 12, 9)}`] },
    },
    {
      kind: 'tender',
      name: 'Gói thầu số 02: Thi công xây dựng khối nhà ở đối tượng, Trung tâm Bảo trợ xã hội tỉnh',
      slug: 'goi-thau-so-02-thi-cong-khoi-nha-o-doi-tuong',
      owner: AGENCY,
      budget: '11.900.000.000',
      fundingSource: 'Vốn ngân sách tỉnh',
      location: 'Phường Ngô Mây, thành phố Kon Tum',
      startsOn: '10/02/2025',
      closesAt: '03/03/2025 09:00',
      status: 'awarded',
      winner: 'Công ty TNHH Xây dựng Ngọc Linh',
      winningPrice: '11.426.500.000',
      descriptionHtml: '<p>Kết quả lựa chọn nhà thầu được phê duyệt tại Quyết định số 85/QĐ-SLĐTBXH ngày 28/3/2025 của Giám đốc Sở. Loại hợp đồng: trọn gói; thời gian thực hiện: 360 ngày.</p>',
      file: { name: 'Ket qua lua chon nha thau goi thau so 02.pdf', lines: ['KET QUA LUA CHON NHA THAU', 'Goi thau so 02: Thi cong khoi nha o doi tuong', 'Gia trung thau: 11.426.500.000 dong'] },
    },
    {
      kind: 'purchase',
      name: 'Mua sắm thiết bị dạy nghề may công nghiệp cho Trung tâm Dịch vụ việc làm tỉnh',
      slug: 'mua-sam-thiet-bi-day-nghe-may-cong-nghiep',
      owner: 'Trung tâm Dịch vụ việc làm tỉnh Kon Tum',
      budget: '1,85 tỷ',
      fundingSource: 'Kinh phí Chương trình mục tiêu giáo dục nghề nghiệp năm 2026',
      location: 'Thành phố Kon Tum',
      startsOn: '05/08/2026',
      endsOn: '31/12/2026',
      status: 'purchasing',
      descriptionHtml: '<p>Mua 40 máy may công nghiệp một kim, 10 máy vắt sổ, 2 máy cắt vải đứng và bàn cắt, phục vụ đào tạo nghề may cho lao động nông thôn và người dân tộc thiểu số.</p>',
    },
    {
      kind: 'purchase',
      name: 'Mua sắm máy tính, máy in phục vụ chuyển đổi số năm 2026',
      slug: 'mua-sam-may-tinh-may-in-nam-2026',
      owner: AGENCY,
      budget: '680 triệu',
      fundingSource: 'Ngân sách nhà nước chi thường xuyên năm 2026',
      location: 'Trụ sở Sở, 123 Trần Hưng Đạo, thành phố Kon Tum',
      startsOn: '02/03/2026',
      endsOn: '15/05/2026',
      status: 'completed',
      descriptionHtml: '<p>Mua 30 máy tính để bàn, 5 máy tính xách tay và 8 máy in cho các phòng chuyên môn, thay thế thiết bị đã hết thời gian sử dụng, theo hình thức mua sắm tập trung của tỉnh.</p>',
      file: { name: 'Danh muc thiet bi mua sam 2026.pdf', lines: ['DANH MUC THIET BI MUA SAM NAM 2026', '30 may tinh de ban, 5 may tinh xach tay, 8 may in'] },
    },
    {
      kind: 'purchase',
      name: 'Mua sắm xe ô tô chuyên dùng đưa đón đối tượng bảo trợ xã hội',
      slug: 'mua-sam-xe-o-to-chuyen-dung',
      owner: 'Trung tâm Bảo trợ xã hội tỉnh Kon Tum',
      budget: '1.150.000.000',
      fundingSource: 'Ngân sách tỉnh',
      location: 'Thành phố Kon Tum',
      startsOn: '15/09/2025',
      status: 'cancelled',
      descriptionHtml: '<p>Dừng mua sắm do điều chỉnh định mức xe chuyên dùng của tỉnh; sẽ lập lại kế hoạch sau khi có định mức mới.</p>',
    },
  ];
}

/** A one-page PDF with a correct cross-reference table, saying `lines` (ASCII). */
export function simplePdf(lines: string[]): Buffer {
  const escape = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const stream = ['BT /F1 14 Tf 60 780 Td 18 TL', ...lines.map((line) => `(${escape(line)}) Tj T*`), 'ET'].join('\n');
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

/** Creates and publishes the demo items on the site (files in `mediaDir`); returns how many. */
export async function seedDemoProjects(db: Kysely<Database>, input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  const scope = operatorScope(input.siteId, input.now);
  const items = demoProjects(input.now);
  for (const { file, ...fields } of items) {
    const { id } = await createProject(db, scope, { ...fields, isPublishing: true });
    if (file) {
      const media = await uploadToLibrary(db, input.mediaDir, scope, { bytes: simplePdf(file.lines), originalName: file.name });
      await attachProjectFile(db, scope, { projectId: id, mediaId: media.id });
    }
  }
  return items.length;
}
