import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { publishDueHandler } from '../articles/index.js';
import { parseChallengeAnswer } from '../public-forms/index.js';
import { seedDemoConsultations } from './consultations.demo.js';
import { eraseCommentersPastRetention } from './consultations.personal-data.js';
import { createConsultation, publishConsultation, unpublishConsultation } from './consultations.service.js';

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const OPEN = '/du-thao/ke-hoach-ho-tro-viec-lam-2027';
const CLOSED = '/du-thao/quy-dinh-ho-tro-nguoi-cao-tuoi-co-don';

/** The form's token and the challenge's answer, read from the page as a person would. */
function formOf(html: string): { token: string; answer: string } {
  const token = /name="form_token" value="([^"]+)"/.exec(html)![1]!;
  const question = /Câu hỏi kiểm tra: ([^<]+?) bằng mấy/.exec(html)![1]!;
  const [a, b] = question.split(' cộng ');
  return { token, answer: String(parseChallengeAnswer(a)! + parseChallengeAnswer(b)!) };
}

let address = 0;
const nextAddress = () => `10.8.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

describe.each(ENGINES)('the draft consultation pages and comment form on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const db = () => portal.testDb.db.kysely;

  async function openForms(count: number, path = OPEN): Promise<{ token: string; answer: string }[]> {
    const forms = [];
    for (let i = 0; i < count; i++) {
      const page = await portal.app.inject({ url: `${path}/gop-y` });
      expect(page.statusCode).toBe(200);
      forms.push(formOf(page.body));
    }
    await sleep(3_100);
    return forms;
  }

  const post = (fields: Record<string, string>, ip = nextAddress(), path = OPEN) =>
    portal.app.inject({ method: 'POST', url: `${path}/gop-y`, remoteAddress: ip, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  const comment = (form: { token: string; answer: string }, extra: Record<string, string> = {}) => ({
    name: 'Lê Thị Thu',
    email: 'thu.le@gmail.com',
    phone: '0905 123 456',
    orgType: 'individual',
    section: 'Điều 5',
    body: 'Đề nghị bổ sung lao động khuyết tật vào nhóm đối tượng được ưu tiên hỗ trợ học nghề.',
    form_token: form.token,
    challenge_answer: form.answer,
    website: '',
    ...extra,
  });

  const countComments = async () => Number((await db().selectFrom('consultation_comments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await seedDemoConsultations(db(), { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    const hour = 3_600_000;
    await createConsultation(db(), scope, { title: 'Dự thảo nội bộ chưa công bố', opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + 100 * hour).toISOString() });
    const gone = await createConsultation(db(), scope, { title: 'Dự thảo đã gỡ xuống', opensAt: new Date(Date.now() - hour).toISOString(), closesAt: new Date(Date.now() + 100 * hour).toISOString(), isPublishing: true });
    await unpublishConsultation(db(), scope, { consultationId: gone.id });
  });
  afterAll(async () => portal.close());

  it('lists open consultations first with the days left, then closed ones, never drafts or unpublished ones', async () => {
    const page = await portal.app.inject({ url: '/du-thao' });
    expect(page.statusCode).toBe(200);
    // "còn N ngày" follows the clock: the list is rendered per request.
    expect(page.headers['cache-control']).toBe('private, no-store');
    const body = main(page.body);
    expect(body).toMatch(/Dự thảo Kế hoạch hỗ trợ việc làm cho người lao động năm 2027<\/a>[\s\S]*?Đang lấy ý kiến<\/strong> \(còn 1[345] ngày\)/);
    expect(body.indexOf('Kế hoạch hỗ trợ việc làm')).toBeLessThan(body.indexOf('người cao tuổi cô đơn'));
    expect(body).toContain('Đã kết thúc lấy ý kiến');
    expect(body).toContain('Đã có báo cáo tiếp thu, giải trình');
    expect(body).not.toContain('Dự thảo nội bộ chưa công bố');
    expect(body).not.toContain('Dự thảo đã gỡ xuống');
  });

  it('shows an open draft with its files and a link to the form; a closed one with its report and no form; never comments', async () => {
    const open = await portal.app.inject({ url: OPEN });
    expect(open.statusCode).toBe(200);
    const body = main(open.body);
    expect(body).toContain('Đang lấy ý kiến');
    expect(body).toContain(`href="${OPEN}/gop-y"`);
    expect(body).toMatch(/17:00 ngày \d\d\/\d\d\/\d{4}/);
    expect(body).toContain('du-thao-ke-hoach-ho-tro-viec-lam-2027.pdf');
    expect(body).toContain('Tải về');
    expect(body).not.toContain('Trần Văn Minh');
    expect(body).not.toContain('minh.tran@gmail.com');
    const closed = main((await portal.app.inject({ url: CLOSED })).body);
    expect(closed).toContain('Đã kết thúc');
    expect(closed).toContain('Báo cáo tiếp thu, giải trình ý kiến góp ý');
    expect(closed).toContain('Nâng mức hỗ trợ mai táng phí');
    expect(closed).not.toContain('/gop-y"');
    const form = await portal.app.inject({ url: `${CLOSED}/gop-y` });
    expect(form.statusCode).toBe(409);
    expect(main(form.body)).toMatch(/Đợt lấy ý kiến đã kết thúc ngày \d\d\/\d\d\/\d{4}/);
    expect(form.body).not.toContain('name="form_token"');
    for (const url of ['/du-thao/du-thao-noi-bo-chua-cong-bo', '/du-thao/du-thao-noi-bo-chua-cong-bo/gop-y', '/du-thao/du-thao-da-go-xuong', '/du-thao/khong-co', '/du-thao/%3Cscript%3E']) {
      expect((await portal.app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('shows the form per request with the privacy notice and a fresh token; receives a comment and gives a receipt', async () => {
    const first = await portal.app.inject({ url: `${OPEN}/gop-y` });
    const second = await portal.app.inject({ url: `${OPEN}/gop-y` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-store');
    expect(first.body).toContain('Thông báo về xử lý dữ liệu cá nhân');
    expect(first.body).toContain('12 tháng');
    expect(formOf(first.body).token).not.toBe(formOf(second.body).token);
    await sleep(3_100);
    const answer = await post(comment(formOf(first.body)));
    expect(answer.statusCode).toBe(200);
    const code = /<strong class="tracking-code">(GY-[A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/.exec(answer.body)?.[1];
    expect(code).toBeTruthy();
    const row = await db().selectFrom('consultation_comments').selectAll().where('receipt_code', '=', code!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ commenter_name: 'Lê Thị Thu', email: 'thu.le@gmail.com', phone: '0905123456', org_type: 'individual', section: 'Điều 5' });
    // Never published individually.
    expect(main((await portal.app.inject({ url: OPEN })).body)).not.toContain('lao động khuyết tật');
  });

  it('drops a filled honeypot silently: the same receipt page, nothing stored', async () => {
    const [form] = await openForms(1);
    const before = await countComments();
    const answer = await post(comment(form!, { website: 'http://spam.example', body: 'Mua thuốc giá rẻ tại đây, giao hàng tận nơi.' }));
    expect(answer.statusCode).toBe(200);
    expect(main(answer.body)).toContain('Cơ quan đã nhận góp ý của bạn');
    expect(main(answer.body)).toMatch(/GY-[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(await countComments()).toBe(before);
  });

  it('refuses a too-fast fill, a forged token, a wrong challenge and a duplicate, keeping what was typed', async () => {
    const fresh = formOf((await portal.app.inject({ url: `${OPEN}/gop-y` })).body);
    const fast = await post(comment(fresh, { section: 'Điều 9' }));
    expect(fast.statusCode).toBe(400);
    expect(main(fast.body)).toContain('quá nhanh');
    expect(fast.body).toContain('value="Điều 9"');
    const [a, b, c, d] = await openForms(4);
    const forged = await post(comment(a!, { form_token: `${a!.token}x` }));
    expect(forged.statusCode).toBe(400);
    expect(main(forged.body)).toContain('Biểu mẫu không hợp lệ');
    const wrong = await post(comment(b!, { challenge_answer: String(Number(b!.answer) + 1) }));
    expect(wrong.statusCode).toBe(400);
    expect(main(wrong.body)).toContain('Câu trả lời cho câu hỏi kiểm tra chưa đúng');
    const text = { body: 'Đề nghị làm rõ thời gian tổ chức các phiên giao dịch việc làm lưu động ở huyện Ia H’Drai.' };
    expect((await post(comment(c!, text))).statusCode).toBe(200);
    const again = await post(comment(d!, { ...text, name: 'Người khác' }));
    expect(again.statusCode).toBe(400);
    expect(main(again.body)).toContain('đã được gửi trong 24 giờ qua');
  });

  it('refuses bad fields by class with a Vietnamese message naming them, never a 500', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ name: '' }, 'Họ và tên hoặc tên tổ chức'],
      [{ name: 'x'.repeat(201) }, 'Họ và tên hoặc tên tổ chức'],
      [{ email: '', phone: '' }, 'thư điện tử hoặc số điện thoại'],
      [{ email: 'khong-phai-thu' }, 'Thư điện tử'],
      [{ phone: '12ab' }, 'Số điện thoại'],
      [{ orgType: 'hacker' }, 'Đối tượng góp ý đã chọn không có'],
      [{ section: 'Điều '.repeat(30) }, 'Điều, khoản góp ý'],
      [{ body: 'ngắn' }, 'quá ngắn'],
      [{ body: 'x'.repeat(10_001) }, 'Nội dung góp ý'],
      [{ body: '\u0000\u0001\u202e\u200b' }, 'Nội dung góp ý'],
    ];
    const forms = await openForms(cases.length);
    const before = await countComments();
    for (const [index, [fields, message]] of cases.entries()) {
      const answer = await post(comment(forms[index]!, fields));
      expect(answer.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(main(answer.body), JSON.stringify(fields).slice(0, 80)).toContain(message);
    }
    // A repeated field (an array) is refused, not coerced; so is a JSON body of wrong types.
    const [form] = await openForms(1);
    const body = new URLSearchParams(comment(form!));
    body.append('body', 'lần nữa');
    const repeated = await portal.app.inject({ method: 'POST', url: `${OPEN}/gop-y`, remoteAddress: nextAddress(), payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(repeated.statusCode).toBe(400);
    const json = await portal.app.inject({ method: 'POST', url: `${OPEN}/gop-y`, remoteAddress: nextAddress(), payload: JSON.stringify({ name: 5, body: { a: 1 } }), headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    expect(await countComments()).toBe(before);
  });

  it('stores HTML and formula payloads as text, never echoing them as markup', async () => {
    const [a, b] = await openForms(2);
    const refused = await post(comment(a!, { name: '<script>alert(1)</script>', email: 'x', body: '<img src=x onerror=alert(1)> đủ dài để kiểm tra' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('<script>alert(1)');
    expect(refused.body).not.toContain('<img src=x');
    expect(refused.body).toContain('&lt;img src=x');
    const ok = await post(comment(b!, { name: '=HYPERLINK("http://x","bấm")', section: '@SUM(1+1)', body: '+cmd|" /C calc"!A0 <b>in đậm</b> và nội dung đủ dài' }));
    expect(ok.statusCode).toBe(200);
    const row = await db().selectFrom('consultation_comments').select(['commenter_name', 'body']).where('commenter_name', 'like', '=HYPERLINK%').executeTakeFirstOrThrow();
    expect(row.body).toContain('<b>in đậm</b>');
  });

  it('closes at its date by itself: a job bumps cached pages then, and the form answers 409 after', async () => {
    const scope = operatorScope(siteId);
    const soon = new Date(Date.now() + 4_000);
    const item = await createConsultation(db(), scope, { title: 'Dự thảo sắp hết hạn góp ý', slug: 'sap-het-han', opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: soon.toISOString() });
    await publishConsultation(db(), scope, { consultationId: item.id });
    const job = await db().selectFrom('jobs').select(['name', 'run_at', 'status']).where('key', '=', `consultation-closing:${item.id}`).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ name: 'publish-due', run_at: soon.toISOString(), status: 'pending' });
    const page = await portal.app.inject({ url: '/du-thao/sap-het-han' });
    expect(main(page.body)).toContain('Đang lấy ý kiến');
    const [form] = await openForms(1, '/du-thao/sap-het-han');
    await sleep(Math.max(0, soon.getTime() - Date.now() + 50));
    const late = await post(comment(form!), nextAddress(), '/du-thao/sap-het-han');
    expect(late.statusCode).toBe(409);
    expect(main(late.body)).toMatch(/Đợt lấy ý kiến đã kết thúc ngày \d\d\/\d\d\/\d{4}/);
    expect((await portal.app.inject({ url: '/du-thao/sap-het-han/gop-y' })).statusCode).toBe(409);
    // The cached page said "open" until the job ran at the closing time; then it is rendered again.
    await publishDueHandler(db())({ siteId }, { id: 'test', attempts: 1 });
    const after = main((await portal.app.inject({ url: '/du-thao/sap-het-han' })).body);
    expect(after).toContain('Đợt lấy ý kiến đã kết thúc');
    expect(after).not.toContain('/gop-y"');
    expect(main((await portal.app.inject({ url: '/du-thao' })).body)).toMatch(/Dự thảo sắp hết hạn góp ý<\/a>[\s\S]*?Đã kết thúc/);
  });

  it('erases contact details of comments past the retention, audited as the system', async () => {
    const old = new Date(Date.now() + 400 * 86_400_000);
    const erased = await eraseCommentersPastRetention(db(), { now: old });
    expect(erased).toBeGreaterThan(0);
    const left = await db().selectFrom('consultation_comments').select(['commenter_name', 'email', 'phone', 'body']).where('personal_erased_at', 'is not', null).execute();
    expect(left.every((r) => r.commenter_name === '' && r.email === '' && r.phone === '' && r.body.length > 0)).toBe(true);
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'consultation.personal_data_expired').executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
  });

  it('finds published consultations in search, never drafts', async () => {
    const rows = await db().selectFrom('search_records').select(['title']).where('type', '=', 'consultation').execute();
    const titles = rows.map((r) => r.title);
    expect(titles).toContain('Dự thảo Kế hoạch hỗ trợ việc làm cho người lao động năm 2027');
    expect(titles).not.toContain('Dự thảo nội bộ chưa công bố');
    expect(titles).not.toContain('Dự thảo đã gỡ xuống');
  });

  it('slows a burst from one address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post({ name: '' }, '10.66.0.1')).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
