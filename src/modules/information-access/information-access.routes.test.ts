import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { parseChallengeAnswer } from '../public-forms/index.js';
import { addInformationItem, answerRequest, extendRequest, refuseRequest, updateInformationItem, updateInformationSettings } from './information-access.service.js';
import { exportRequestsCsv } from './information-access.export.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The form's token and the challenge's answer, read from the page as a person would. */
function formOf(html: string): { token: string; answer: string } {
  const token = /name="form_token" value="([^"]+)"/.exec(html)![1]!;
  const question = /Câu hỏi kiểm tra: ([^<]+?) bằng mấy/.exec(html)![1]!;
  const [a, b] = question.split(' cộng ');
  return { token, answer: String(parseChallengeAnswer(a)! + parseChallengeAnswer(b)!) };
}

let address = 0;
const nextAddress = () => `10.19.${Math.floor(++address / 250)}.${(address % 250) + 1}`;
const FORM = '/tiep-can-thong-tin/yeu-cau';

describe.each(ENGINES)('the access-to-information pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const db = () => portal.testDb.db.kysely;

  async function openForms(count: number): Promise<{ token: string; answer: string }[]> {
    const forms = [];
    for (let i = 0; i < count; i++) {
      const page = await portal.app.inject({ url: FORM });
      expect(page.statusCode).toBe(200);
      forms.push(formOf(page.body));
    }
    await sleep(3_100);
    return forms;
  }

  const post = (fields: Record<string, string>, ip = nextAddress()) =>
    portal.app.inject({ method: 'POST', url: FORM, remoteAddress: ip, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  let serial = 0;
  const request = (form: { token: string; answer: string }, extra: Record<string, string> = {}) => ({
    fullName: 'Nguyễn Thị Hoa',
    idNumber: '062195001234',
    address: 'Tổ 5, phường Duy Tân, thành phố Kon Tum',
    phone: '0912 345 678',
    email: 'hoa.nguyen@gmail.com',
    content: `Đề nghị cung cấp kế hoạch đào tạo nghề cho lao động nông thôn năm nay (lần ${++serial}).`,
    purpose: 'Tìm hiểu để đăng ký học nghề.',
    delivery: 'email',
    form_token: form.token,
    challenge_answer: form.answer,
    website: '',
    ...extra,
  });
  const codeOf = (html: string) => /<strong class="tracking-code">(TT-[A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/.exec(html)?.[1];
  const count = async () => Number((await db().selectFrom('information_requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
  });
  afterAll(async () => portal.close());

  it('shows the section with the focal point and only published list items, and search finds them', async () => {
    const scope = operatorScope(siteId);
    await updateInformationSettings(db(), scope, { name: 'Văn phòng Sở', unit: 'Sở Lao động', phone: '0260 3862 345', email: 'vanphong@example.gov.vn', address: 'Kon Tum', retentionMonths: '24' });
    await addInformationItem(db(), scope, { title: 'Báo cáo thống kê định kỳ', category: 'Số liệu', link: '/bao-cao-thong-ke', updatedDay: '16/01/2026' });
    const hidden = await addInformationItem(db(), scope, { title: 'Mục nháp chưa công khai', category: 'Số liệu', link: '/chi-tieu', isPublished: '' });
    const page = await portal.app.inject({ url: '/tiep-can-thong-tin' });
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toContain('Văn phòng Sở');
    expect(body).toContain('Báo cáo thống kê định kỳ');
    expect(body).toContain('16/01/2026');
    expect(body).toContain('<th scope="col">');
    expect(body).not.toContain('Mục nháp chưa công khai');
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=bao+cao+thong+ke+dinh+ky' })).body)).toContain('/bao-cao-thong-ke');
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=muc+nhap+chua+cong+khai' })).body)).not.toContain('Mục nháp chưa công khai');
    // Published later: the cached page and search follow.
    await updateInformationItem(db(), scope, { itemId: hidden.id, title: 'Mục nháp chưa công khai', link: '/chi-tieu', isPublished: 'on' });
    expect(main((await portal.app.inject({ url: '/tiep-can-thong-tin' })).body)).toContain('Mục nháp chưa công khai');
  });

  it('shows the form per request, with the privacy notice, the challenge and a fresh token each time', async () => {
    const first = await portal.app.inject({ url: FORM });
    const second = await portal.app.inject({ url: FORM });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-store');
    expect(first.body).toContain('Thông báo về xử lý dữ liệu cá nhân');
    expect(formOf(first.body).token).not.toBe(formOf(second.body).token);
  });

  it('receives a request, gives a code and a 15-working-day deadline; the status page never shows personal data', async () => {
    const [form] = await openForms(1);
    const answer = await post(request(form!));
    expect(answer.statusCode).toBe(200);
    const code = codeOf(answer.body);
    expect(code).toBeTruthy();
    const row = await db().selectFrom('information_requests').selectAll().where('tracking_code', '=', code!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ full_name: 'Nguyễn Thị Hoa', id_number: '062195001234', phone: '0912345678', status: 'received', delivery: 'email' });
    expect(row.due_day > row.received_day).toBe(true);
    const status = async () => portal.app.inject({ url: `/tiep-can-thong-tin/tra-cuu?ma=${code!.toLowerCase().replace(/-/g, ' ')}` });
    const tracked = await status();
    expect(tracked.statusCode).toBe(200);
    expect(main(tracked.body)).toContain('Đã tiếp nhận');
    expect(main(tracked.body)).toContain('Hạn trả lời');
    for (const personal of ['Nguyễn Thị Hoa', '062195001234', '1234', 'hoa.nguyen@gmail.com', '0912345678', 'Duy Tân']) expect(tracked.body).not.toContain(personal);
    // Extended: the new deadline and its reason.
    const { dueDay } = await extendRequest(db(), operatorScope(siteId), { requestId: row.id, days: '10', reason: 'Thông tin cần tổng hợp từ nhiều đơn vị.' });
    const extended = main((await status()).body);
    expect(extended).toContain('Đã gia hạn');
    expect(extended).toContain('Thông tin cần tổng hợp từ nhiều đơn vị.');
    expect(extended).toContain(`${dueDay.slice(8)}/${dueDay.slice(5, 7)}/${dueDay.slice(0, 4)}`);
    // Answered: the answer, sanitised.
    await answerRequest(db(), operatorScope(siteId), { requestId: row.id, answerHtml: '<p>Kế hoạch <strong>đính kèm</strong><script>alert(1)</script></p>' });
    const answered = (await status()).body;
    expect(main(answered)).toContain('Đã cung cấp thông tin');
    expect(main(answered)).toContain('<strong>đính kèm</strong>');
    expect(answered).not.toContain('<script>alert(1)');
  });

  it('shows a refusal with its reason', async () => {
    const [form] = await openForms(1);
    const code = codeOf((await post(request(form!))).body)!;
    const row = await db().selectFrom('information_requests').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await refuseRequest(db(), operatorScope(siteId), { requestId: row.id, reason: 'Thông tin thuộc bí mật nhà nước (Điều 6 Luật Tiếp cận thông tin).' });
    const page = main((await portal.app.inject({ url: `/tiep-can-thong-tin/tra-cuu?ma=${code}` })).body);
    expect(page).toContain('Từ chối cung cấp');
    expect(page).toContain('Điều 6 Luật Tiếp cận thông tin');
  });

  it('answers bad and unknown codes with the form and a clear message', async () => {
    for (const [ma, status] of [['TT-AAAA-AAAA', 404], ['12345', 400], ['<script>alert(1)</script>', 400], ['x'.repeat(500), 400]] as const) {
      const page = await portal.app.inject({ url: `/tiep-can-thong-tin/tra-cuu?ma=${encodeURIComponent(ma)}` });
      expect(page.statusCode, ma).toBe(status);
      expect(page.body).toContain('id="ma-tra-cuu"');
      expect(page.body).not.toContain('<script>alert(1)');
    }
  });

  it('drops a filled honeypot silently: the same "received" page, nothing stored', async () => {
    const [form] = await openForms(1);
    const before = await count();
    const answer = await post(request(form!, { website: 'http://spam.example' }));
    expect(answer.statusCode).toBe(200);
    expect(main(answer.body)).toContain('Cơ quan đã nhận phiếu yêu cầu của bạn');
    expect(await count()).toBe(before);
  });

  it('refuses a too-fast fill, a forged or missing token, a wrong challenge, and keeps what was typed', async () => {
    const fresh = formOf((await portal.app.inject({ url: FORM })).body);
    const fast = await post(request(fresh, { purpose: 'Gửi quá nhanh' }));
    expect(fast.statusCode).toBe(400);
    expect(main(fast.body)).toContain('quá nhanh');
    expect(fast.body).toContain('Gửi quá nhanh');
    const [a, b] = await openForms(2);
    for (const fields of [request(a!, { form_token: `${a!.token}x` }), request(a!, { form_token: '' })]) {
      const refused = await post(fields);
      expect(refused.statusCode).toBe(400);
      expect(main(refused.body)).toContain('Biểu mẫu không hợp lệ');
    }
    const wrong = await post(request(b!, { challenge_answer: String(Number(b!.answer) + 1) }));
    expect(wrong.statusCode).toBe(400);
    expect(main(wrong.body)).toContain('Câu trả lời cho câu hỏi kiểm tra chưa đúng');
  });

  it('refuses bad fields by class with a Vietnamese message naming them, never a 500', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ fullName: '' }, 'Họ và tên'],
      [{ fullName: 'x'.repeat(101) }, 'Họ và tên'],
      [{ idNumber: '12345' }, '12 chữ số'],
      [{ idNumber: '0621950012345678' }, '12 chữ số'],
      [{ address: '' }, 'Địa chỉ'],
      [{ email: '', phone: '', delivery: 'post' }, 'thư điện tử hoặc số điện thoại'],
      [{ email: 'not-an-email' }, 'Thư điện tử'],
      [{ phone: '12ab' }, 'Số điện thoại'],
      [{ content: 'ngắn' }, 'quá ngắn'],
      [{ content: 'x'.repeat(5_001) }, 'Thông tin cần cung cấp'],
      [{ purpose: 'y'.repeat(1_001) }, 'Mục đích'],
      [{ delivery: 'fax' }, 'cách nhận'],
    ];
    const forms = await openForms(cases.length);
    const before = await count();
    for (const [index, [fields, message]] of cases.entries()) {
      const answer = await post(request(forms[index]!, fields));
      expect(answer.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(main(answer.body)).toContain(message);
    }
    // A repeated field (an array) is refused, not coerced; a JSON body of wrong types too.
    const [form] = await openForms(1);
    const body = new URLSearchParams(request(form!));
    body.append('content', 'again');
    const repeated = await portal.app.inject({ method: 'POST', url: FORM, remoteAddress: nextAddress(), payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(repeated.statusCode).toBe(400);
    const json = await portal.app.inject({ method: 'POST', url: FORM, remoteAddress: nextAddress(), payload: { ...request(form!), idNumber: 62195001234, delivery: ['email'] } });
    expect(json.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('stores HTML and formula payloads as text: escaped in pages, neutralised in the export', async () => {
    const [form] = await openForms(1);
    const answer = await post(request(form!, { fullName: '=HYPERLINK("http://x","bấm")', address: '<script>alert("x")</script>', content: '+cmd|"/c calc"!A1 <img src=x onerror=alert(1)> đề nghị cung cấp', purpose: '@SUM(1+1)' }));
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain('<img src=x');
    const { csv } = await exportRequestsCsv(db(), operatorScope(siteId));
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toMatch(/'\+cmd/);
    expect(csv).not.toMatch(/(^|,)[=+@-]/m);
  });

  it('refuses the same request twice within a day', async () => {
    const [a, b] = await openForms(2);
    const content = 'Đề nghị cung cấp quyết định phê duyệt danh sách hộ nghèo năm nay của xã Hòa Bình.';
    expect((await post(request(a!, { content }))).statusCode).toBe(200);
    const again = await post(request(b!, { content: content.toUpperCase() }));
    expect(again.statusCode).toBe(400);
    expect(main(again.body)).toContain('đã được gửi trong 24 giờ qua');
  });

  it('slows a burst from one address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post({ fullName: '' }, '10.78.0.1')).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
