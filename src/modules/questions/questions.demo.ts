/**
 * The demo agency's Q&A (a provincial Department of Labour, Invalids and Social Affairs):
 * answered questions across the topics, written for the demo, published through the real
 * service (search records, content version), and a few still in the inbox — one due soon,
 * one overdue — so the staff screens show their clocks. The askers are invented.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { newTrackingCode } from './question-rules.js';
import { listTopics, publishQuestion, readSettings } from './questions.service.js';
import { addWorkingDays, loadHolidays, vietnamDay } from '../working-days/index.js';

interface DemoQuestion {
  topic: string;
  asker: string;
  displayName: string;
  title: string;
  body: string;
  answerHtml?: string;
  /** Days before `now` the question came in. */
  daysAgo: number;
}

export const DEMO_QUESTIONS: DemoQuestion[] = [
  {
    topic: 'Việc làm',
    asker: 'Nguyễn Văn Hùng',
    displayName: 'Anh Hùng (Đăk Hà)',
    title: 'Điều kiện hưởng trợ cấp thất nghiệp khi nghỉ việc',
    body: 'Tôi làm công nhân tại một công ty ở Kon Tum, đã đóng bảo hiểm thất nghiệp được 14 tháng thì nghỉ việc theo thỏa thuận. Xin hỏi tôi có được hưởng trợ cấp thất nghiệp không và phải nộp hồ sơ ở đâu?',
    answerHtml:
      '<p>Theo Luật Việc làm, người lao động được hưởng trợ cấp thất nghiệp khi đủ các điều kiện: đã chấm dứt hợp đồng lao động (trừ trường hợp đơn phương chấm dứt trái pháp luật); đã đóng bảo hiểm thất nghiệp từ đủ 12 tháng trở lên trong 24 tháng trước khi nghỉ việc; đã nộp hồ sơ trong thời hạn 3 tháng kể từ ngày chấm dứt hợp đồng; và chưa tìm được việc làm sau 15 ngày kể từ ngày nộp hồ sơ.</p><p>Trường hợp của ông đủ điều kiện về thời gian đóng. Ông nộp hồ sơ tại <strong>Trung tâm Dịch vụ việc làm tỉnh</strong> hoặc điểm giao dịch tại huyện, gồm: đề nghị hưởng trợ cấp thất nghiệp, bản sao quyết định hoặc thỏa thuận chấm dứt hợp đồng, sổ bảo hiểm xã hội.</p>',
    daysAgo: 40,
  },
  {
    topic: 'Bảo trợ xã hội',
    asker: 'Y Blơng',
    displayName: '',
    title: 'Người cao tuổi 80 tuổi có được trợ cấp xã hội hằng tháng không?',
    body: 'Mẹ tôi năm nay 81 tuổi, không có lương hưu hay trợ cấp bảo hiểm xã hội. Xin hỏi mẹ tôi có được nhận trợ cấp xã hội hằng tháng không, thủ tục thế nào?',
    answerHtml:
      '<p>Theo Nghị định 20/2021/NĐ-CP, người từ đủ 80 tuổi trở lên không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng thuộc đối tượng hưởng trợ cấp xã hội hằng tháng, đồng thời được cấp thẻ bảo hiểm y tế.</p><p>Gia đình lập tờ khai theo mẫu, nộp tại Ủy ban nhân dân cấp xã nơi bà cư trú. Ủy ban nhân dân xã xem xét, niêm yết công khai và trình Chủ tịch Ủy ban nhân dân huyện quyết định.</p>',
    daysAgo: 35,
  },
  {
    topic: 'Việc làm',
    asker: 'Công ty TNHH Minh Phát',
    displayName: 'Một doanh nghiệp',
    title: 'Thủ tục cấp giấy phép lao động cho người nước ngoài',
    body: 'Công ty chúng tôi muốn tuyển một kỹ sư người Hàn Quốc làm việc 2 năm tại nhà máy ở Kon Tum. Xin hỏi hồ sơ đề nghị cấp giấy phép lao động gồm những gì và nộp ở đâu?',
    answerHtml:
      '<p>Trước khi tuyển, doanh nghiệp phải báo cáo giải trình nhu cầu sử dụng người lao động nước ngoài và được chấp thuận. Sau đó, hồ sơ đề nghị cấp giấy phép lao động gồm: văn bản đề nghị; giấy chứng nhận sức khỏe; phiếu lý lịch tư pháp; văn bằng, chứng chỉ chứng minh là chuyên gia hoặc lao động kỹ thuật; bản sao hộ chiếu; 2 ảnh màu 4x6.</p><p>Hồ sơ nộp tại Sở Lao động - Thương binh và Xã hội hoặc qua Cổng Dịch vụ công quốc gia, chậm nhất 15 ngày trước ngày người lao động dự kiến bắt đầu làm việc.</p>',
    daysAgo: 30,
  },
  {
    topic: 'Người có công',
    asker: 'Lê Thị Mai',
    displayName: 'Chị Mai',
    title: 'Chế độ trợ cấp đối với thân nhân liệt sĩ',
    body: 'Ông nội tôi là liệt sĩ. Bà nội tôi đã mất, bố tôi là con liệt sĩ đang sống ở Ngọc Hồi. Xin hỏi bố tôi được hưởng những chế độ gì?',
    answerHtml:
      '<p>Theo Pháp lệnh Ưu đãi người có công với cách mạng, con của liệt sĩ được hưởng trợ cấp tuất hằng tháng khi chưa đủ 18 tuổi, hoặc từ đủ 18 tuổi trở lên nếu bị khuyết tật nặng và không có thu nhập. Ngoài ra, thân nhân liệt sĩ được cấp thẻ bảo hiểm y tế, được hỗ trợ thăm viếng mộ liệt sĩ và được ưu tiên trong một số chính sách khác.</p><p>Ông có thể liên hệ Phòng Lao động - Thương binh và Xã hội huyện Ngọc Hồi để được hướng dẫn cụ thể theo hồ sơ gia đình.</p>',
    daysAgo: 26,
  },
  {
    topic: 'Giáo dục nghề nghiệp',
    asker: 'A Thuận',
    displayName: '',
    title: 'Hỗ trợ học nghề cho thanh niên dân tộc thiểu số',
    body: 'Em là người dân tộc Xơ Đăng, 19 tuổi, muốn học nghề sửa chữa máy nông nghiệp. Em có được hỗ trợ tiền học và tiền ăn không?',
    answerHtml:
      '<p>Người dân tộc thiểu số thuộc hộ nghèo, hộ cận nghèo hoặc cư trú ở xã đặc biệt khó khăn được hỗ trợ chi phí đào tạo trình độ sơ cấp và dưới 3 tháng, kèm tiền ăn và tiền đi lại theo quy định. Em đăng ký với Ủy ban nhân dân xã hoặc trực tiếp tại các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh.</p>',
    daysAgo: 22,
  },
  {
    topic: 'An toàn lao động',
    asker: 'Phạm Quốc Toản',
    displayName: 'Anh Toản',
    title: 'Người lao động bị tai nạn trên đường đi làm có được tính là tai nạn lao động?',
    body: 'Tôi bị ngã xe trên đường từ nhà đến công ty, phải nằm viện 10 ngày. Xin hỏi trường hợp này có được hưởng chế độ tai nạn lao động không?',
    answerHtml:
      '<p>Tai nạn xảy ra trên tuyến đường đi từ nơi ở đến nơi làm việc trong khoảng thời gian và tuyến đường hợp lý được coi là tai nạn lao động. Người lao động cần có biên bản khám nghiệm hiện trường hoặc xác nhận của công an xã nơi xảy ra tai nạn.</p><p>Người sử dụng lao động có trách nhiệm thanh toán chi phí y tế và trả đủ tiền lương trong thời gian điều trị; nếu suy giảm khả năng lao động từ 5% trở lên, ông được hưởng trợ cấp từ quỹ bảo hiểm tai nạn lao động.</p>',
    daysAgo: 18,
  },
  {
    topic: 'Trẻ em',
    asker: 'Đinh Thị Hạnh',
    displayName: '',
    title: 'Trẻ mồ côi cả cha lẫn mẹ được hỗ trợ những gì?',
    body: 'Gia đình tôi đang nuôi cháu 7 tuổi mồ côi cả cha và mẹ. Xin hỏi cháu được nhà nước hỗ trợ những gì?',
    answerHtml:
      '<p>Trẻ em dưới 16 tuổi mồ côi cả cha và mẹ thuộc diện hưởng trợ cấp xã hội hằng tháng, được cấp thẻ bảo hiểm y tế và được miễn, giảm học phí. Gia đình nhận chăm sóc, nuôi dưỡng cháu còn được hỗ trợ kinh phí chăm sóc hằng tháng.</p><p>Gia đình nộp tờ khai tại Ủy ban nhân dân xã nơi cư trú.</p>',
    daysAgo: 14,
  },
  {
    topic: 'Bình đẳng giới',
    asker: 'Hồ Thị Lan',
    displayName: 'Chị Lan',
    title: 'Lao động nữ nghỉ thai sản có bị cắt hợp đồng không?',
    body: 'Tôi đang mang thai tháng thứ 5, công ty thông báo sẽ không gia hạn hợp đồng lao động khi hết hạn vào tháng sau. Như vậy có đúng luật không?',
    answerHtml:
      '<p>Bộ luật Lao động cấm người sử dụng lao động đơn phương chấm dứt hợp đồng vì lý do lao động nữ mang thai. Khi hợp đồng hết hạn trong thời gian mang thai, lao động nữ được ưu tiên giao kết hợp đồng mới.</p><p>Nếu quyền lợi bị vi phạm, chị có thể đề nghị công đoàn cơ sở hỗ trợ hoặc gửi đơn tới Thanh tra Sở.</p>',
    daysAgo: 10,
  },
  {
    topic: 'Người có công',
    asker: 'Trần Đình Nam',
    displayName: '',
    title: 'Thủ tục đề nghị hưởng chế độ đối với người hoạt động kháng chiến bị nhiễm chất độc hóa học',
    body: 'Bố tôi tham gia kháng chiến ở chiến trường B, nay bị bệnh có liên quan đến chất độc hóa học. Thủ tục đề nghị hưởng chế độ như thế nào?',
    answerHtml:
      '<p>Hồ sơ gồm bản khai cá nhân, giấy tờ chứng minh thời gian hoạt động ở vùng quân đội Mỹ sử dụng chất độc hóa học, và giấy xác nhận mắc bệnh theo danh mục. Hồ sơ nộp tại Ủy ban nhân dân xã, chuyển Phòng Lao động - Thương binh và Xã hội huyện, rồi Sở xem xét giới thiệu giám định.</p>',
    daysAgo: 8,
  },
  {
    topic: 'Bảo trợ xã hội',
    asker: 'Nguyễn Thị Thu',
    displayName: 'Chị Thu (Kon Rẫy)',
    title: 'Hỗ trợ người khuyết tật nặng',
    body: 'Con tôi bị khuyết tật vận động mức độ nặng. Xin hỏi con tôi và người chăm sóc có được hỗ trợ không?',
    answerHtml:
      '<p>Người khuyết tật nặng được trợ cấp xã hội hằng tháng và cấp thẻ bảo hiểm y tế. Hộ gia đình trực tiếp chăm sóc, nuôi dưỡng người khuyết tật đặc biệt nặng được hỗ trợ kinh phí chăm sóc hằng tháng. Chị liên hệ Ủy ban nhân dân xã để được xác định mức độ khuyết tật và lập hồ sơ.</p>',
    daysAgo: 5,
  },
  // Still in the inbox: one received long enough ago to be overdue, one due within days, one new.
  { topic: 'Việc làm', asker: 'Võ Minh Tâm', displayName: '', title: 'Vay vốn giải quyết việc làm cho hộ kinh doanh nhỏ', body: 'Tôi muốn vay vốn từ Quỹ quốc gia về việc làm để mở xưởng mộc nhỏ, tạo việc làm cho 3 người. Điều kiện vay và mức vay tối đa là bao nhiêu?', daysAgo: 30 },
  { topic: 'Giáo dục nghề nghiệp', asker: 'Lò Văn Sáng', displayName: '', title: 'Cấp lại bằng tốt nghiệp trung cấp bị mất', body: 'Tôi làm mất bằng tốt nghiệp trung cấp nghề năm 2015. Xin hỏi thủ tục cấp bản sao hoặc cấp lại như thế nào?', daysAgo: 19 },
  { topic: 'Khác', asker: 'Phan Thị Yến', displayName: '', title: 'Giờ tiếp công dân của Sở', body: 'Xin hỏi Sở tiếp công dân vào những ngày nào trong tuần, có cần đăng ký trước không?', daysAgo: 1 },
];

/** Writes the demo's Q&A on the site; returns how many. */
export async function seedDemoQuestions(db: Kysely<Database>, input: { siteId: string; mediaDir?: string; now: Date }): Promise<number> {
  const topics = await listTopics(db, { siteId: input.siteId, now: input.now });
  const { answerDays } = await readSettings(db, input.siteId);
  const holidays = await loadHolidays(db, { siteId: input.siteId });
  for (const demo of DEMO_QUESTIONS) {
    const id = crypto.randomUUID();
    const received = new Date(input.now.getTime() - demo.daysAgo * 86_400_000);
    const at = received.toISOString();
    const receivedDay = vietnamDay(received);
    await db
      .insertInto('questions')
      .values({
        id,
        site_id: input.siteId,
        tracking_code: newTrackingCode(),
        topic_id: topics.find((t) => t.name === demo.topic)?.id ?? null,
        asker_name: demo.asker,
        email: `${crypto.randomUUID().slice(0, 8)}@example.vn`,
        phone: '',
        display_name: demo.displayName,
        title: demo.title,
        body: demo.body,
        public_title: demo.title,
        public_body: demo.body,
        fingerprint: id,
        received_at: at,
        received_day: receivedDay,
        due_day: addWorkingDays(receivedDay, answerDays, holidays),
        created_at: at,
        updated_at: at,
      })
      .execute();
    if (demo.answerHtml) {
      // Answered a few days after receipt, through the service (search, content version, audit).
      const answeredAt = new Date(received.getTime() + Math.min(demo.daysAgo, 4) * 86_400_000);
      await publishQuestion(db, operatorScope(input.siteId, answeredAt), { questionId: id, answerHtml: demo.answerHtml });
    }
  }
  return DEMO_QUESTIONS.length;
}
