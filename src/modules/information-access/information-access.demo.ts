/**
 * The demo agency's access-to-information section: its focal point (the Department's
 * office, an invented officer), the list of public information pointing at the demo's
 * real pages, and two requests — one answered, one being handled — so the staff screens
 * and the status page have something to show. Written through the service where it can
 * be (audit, search records, content version); the requests' receipt dates are in the past,
 * so those rows are written directly in the service's shape.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { loadHolidays, vietnamDay } from '../working-days/index.js';
import { addInformationItem, answerRequest, takeUpRequest, updateInformationSettings } from './information-access.service.js';
import { firstDeadline, newTrackingCode } from './request-rules.js';

const DAY_MS = 86_400_000;

export const DEMO_ITEMS: { title: string; category: string; link: string; daysAgo: number }[] = [
  { title: 'Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành', category: 'Văn bản', link: '/van-ban', daysAgo: 3 },
  { title: 'Kế hoạch, chương trình công tác năm', category: 'Chiến lược, kế hoạch', link: '/ke-hoach-chuong-trinh', daysAgo: 20 },
  { title: 'Báo cáo thống kê định kỳ về lao động, người có công và xã hội', category: 'Số liệu thống kê', link: '/bao-cao-thong-ke', daysAgo: 12 },
  { title: 'Chỉ tiêu phát triển kinh tế - xã hội ngành lao động', category: 'Số liệu thống kê', link: '/chi-tieu', daysAgo: 30 },
  { title: 'Dự toán, quyết toán ngân sách được công khai', category: 'Tài chính, ngân sách', link: '/cong-khai-ngan-sach', daysAgo: 45 },
  { title: 'Dự án đầu tư, đấu thầu, mua sắm công', category: 'Tài chính, ngân sách', link: '/du-an-dau-thau', daysAgo: 15 },
  { title: 'Thủ tục hành chính và dịch vụ công', category: 'Thủ tục hành chính', link: '/thu-tuc-hanh-chinh', daysAgo: 7 },
  { title: 'Cơ cấu tổ chức, chức năng, nhiệm vụ và lãnh đạo Sở', category: 'Tổ chức bộ máy', link: '/co-cau-to-chuc', daysAgo: 60 },
  { title: 'Lịch công tác của lãnh đạo Sở', category: 'Tổ chức bộ máy', link: '/lich-cong-tac', daysAgo: 1 },
  { title: 'Hỏi đáp chính sách lao động, người có công và xã hội', category: 'Hỏi đáp', link: '/hoi-dap', daysAgo: 5 },
];

interface DemoRequest {
  fullName: string;
  idNumber: string;
  address: string;
  phone: string;
  email: string;
  content: string;
  purpose: string;
  delivery: 'email' | 'post' | 'office';
  daysAgo: number;
  answerHtml?: string;
}

const DEMO_REQUESTS: DemoRequest[] = [
  {
    fullName: 'Trần Văn Bình',
    idNumber: '062090004321',
    address: 'Tổ 3, phường Quyết Thắng, thành phố Kon Tum',
    phone: '0905123456',
    email: 'binh.tran@example.vn',
    content: 'Đề nghị cung cấp danh sách các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh được giao chỉ tiêu đào tạo nghề cho lao động nông thôn năm nay.',
    purpose: 'Tìm nơi học nghề cho con.',
    delivery: 'email',
    daysAgo: 20,
    answerHtml: '<p>Sở gửi ông danh sách 6 cơ sở giáo dục nghề nghiệp được giao chỉ tiêu đào tạo nghề cho lao động nông thôn, kèm ngành nghề và số điện thoại liên hệ của từng cơ sở.</p><p>Ông có thể liên hệ trực tiếp cơ sở gần nhất để đăng ký.</p>',
  },
  {
    fullName: 'Nguyễn Thị Lan',
    idNumber: '062195007788',
    address: 'Thôn 2, xã Hòa Bình, thành phố Kon Tum',
    phone: '0935765432',
    email: '',
    content: 'Đề nghị cung cấp quyết định phê duyệt danh sách hộ nghèo, hộ cận nghèo năm nay của xã Hòa Bình.',
    purpose: 'Kiểm tra việc hộ gia đình tôi có trong danh sách hay không.',
    delivery: 'office',
    daysAgo: 4,
  },
];

/** Writes the demo's section on the site; returns how many list items. */
export async function seedDemoInformationAccess(db: Kysely<Database>, input: { siteId: string; mediaDir?: string; now: Date }): Promise<number> {
  const scope = operatorScope(input.siteId, input.now);
  await updateInformationSettings(db, scope, {
    name: 'Bà Phạm Thị Hồng Nhung',
    position: 'Phó Chánh Văn phòng Sở',
    unit: 'Văn phòng Sở Lao động - Thương binh và Xã hội',
    phone: '0260 3862 345',
    email: 'vanphong.sldtbxh@example.gov.vn',
    address: '272 Bà Triệu, phường Quyết Thắng, thành phố Kon Tum, tỉnh Kon Tum',
    hours: 'Sáng 7 giờ 00 – 11 giờ 30, chiều 13 giờ 00 – 17 giờ 00, từ thứ Hai đến thứ Sáu',
    retentionMonths: '24',
  });
  for (const item of DEMO_ITEMS) {
    await addInformationItem(db, scope, { title: item.title, category: item.category, link: item.link, updatedDay: vietnamDay(new Date(input.now.getTime() - item.daysAgo * DAY_MS)) });
  }
  const holidays = await loadHolidays(db, { siteId: input.siteId });
  for (const demo of DEMO_REQUESTS) {
    const id = crypto.randomUUID();
    const received = new Date(input.now.getTime() - demo.daysAgo * DAY_MS);
    const at = received.toISOString();
    const receivedDay = vietnamDay(received);
    const dueDay = firstDeadline(receivedDay, holidays);
    await db
      .insertInto('information_requests')
      .values({
        id,
        site_id: input.siteId,
        tracking_code: newTrackingCode(),
        full_name: demo.fullName,
        id_number: demo.idNumber,
        address: demo.address,
        phone: demo.phone,
        email: demo.email,
        content: demo.content,
        purpose: demo.purpose,
        delivery: demo.delivery,
        fingerprint: id,
        received_at: at,
        received_day: receivedDay,
        due_day: dueDay,
        first_due_day: dueDay,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const handledAt = new Date(received.getTime() + DAY_MS);
    await takeUpRequest(db, operatorScope(input.siteId, handledAt), { requestId: id });
    if (demo.answerHtml) await answerRequest(db, operatorScope(input.siteId, new Date(received.getTime() + 8 * DAY_MS)), { requestId: id, answerHtml: demo.answerHtml });
  }
  return DEMO_ITEMS.length;
}
