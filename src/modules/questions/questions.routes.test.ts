import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { parseChallengeAnswer } from '../public-forms/index.js';
import { listTopics, publishQuestion, rejectQuestion } from './questions.service.js';

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
/** Each post from its own address, unless a test means one address. */
const nextAddress = () => `10.9.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

describe.each(ENGINES)('the Q&A public pages on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let topicId: string;
  const db = () => portal.testDb.db.kysely;

  /** Opens `count` forms, waits past the minimum fill time, and returns them. */
  async function openForms(count: number): Promise<{ token: string; answer: string }[]> {
    const forms = [];
    for (let i = 0; i < count; i++) {
      const page = await portal.app.inject({ url: '/hoi-dap/dat-cau-hoi' });
      expect(page.statusCode).toBe(200);
      forms.push(formOf(page.body));
    }
    await sleep(3_100);
    return forms;
  }

  const post = (fields: Record<string, string>, ip = nextAddress()) =>
    portal.app.inject({ method: 'POST', url: '/hoi-dap/dat-cau-hoi', remoteAddress: ip, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  const question = (form: { token: string; answer: string }, extra: Record<string, string> = {}) => ({
    name: 'Nguyễn Thị Hoa',
    email: 'hoa.nguyen@gmail.com',
    phone: '0912 345 678',
    displayName: 'Chị Hoa',
    topicId,
    title: 'Điều kiện hưởng trợ cấp thất nghiệp',
    body: 'Tôi nghỉ việc từ tháng 3, đã đóng bảo hiểm thất nghiệp 14 tháng. Tôi có được hưởng trợ cấp không?',
    form_token: form.token,
    challenge_answer: form.answer,
    website: '',
    ...extra,
  });

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    siteId = portal.fixture.siteId;
    topicId = (await listTopics(db(), { siteId, now: new Date() }))[0]!.id;
  });
  afterAll(async () => portal.close());

  it('shows the form per request, with the privacy notice, the challenge and a fresh token each time', async () => {
    const first = await portal.app.inject({ url: '/hoi-dap/dat-cau-hoi' });
    const second = await portal.app.inject({ url: '/hoi-dap/dat-cau-hoi' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-store');
    expect(first.body).toContain('Thông báo về xử lý dữ liệu cá nhân');
    expect(first.body).toContain('Việc làm');
    expect(formOf(first.body).token).not.toBe(formOf(second.body).token);
  });

  it('receives a question, gives a tracking code, and the tracking page shows its status without contact details', async () => {
    const [form] = await openForms(1);
    const answer = await post(question(form!));
    expect(answer.statusCode).toBe(200);
    const code = /<strong class="tracking-code">(HD-[A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/.exec(answer.body)?.[1];
    expect(code).toBeTruthy();
    const row = await db().selectFrom('questions').selectAll().where('tracking_code', '=', code!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ asker_name: 'Nguyễn Thị Hoa', email: 'hoa.nguyen@gmail.com', phone: '0912345678', status: 'new', publication: 'draft' });
    const tracked = await portal.app.inject({ url: `/hoi-dap/tra-cuu?ma=${code!.toLowerCase().replace(/-/g, ' ')}` });
    expect(tracked.statusCode).toBe(200);
    expect(main(tracked.body)).toContain('Đã tiếp nhận');
    expect(main(tracked.body)).toContain('Hạn trả lời');
    expect(tracked.body).not.toContain('hoa.nguyen@gmail.com');
    expect(tracked.body).not.toContain('0912345678');
    // Rejected: the reason shows.
    await rejectQuestion(db(), operatorScope(siteId), { questionId: row.id, reason: 'Câu hỏi thuộc thẩm quyền của Bảo hiểm xã hội tỉnh.' });
    expect(main((await portal.app.inject({ url: `/hoi-dap/tra-cuu?ma=${code}` })).body)).toContain('Câu hỏi thuộc thẩm quyền của Bảo hiểm xã hội tỉnh.');
  });

  it('answers bad and unknown tracking codes with the form and a clear message', async () => {
    for (const [ma, status] of [['HD-AAAA-AAAA', 404], ['12345', 400], ['<script>alert(1)</script>', 400], ['x'.repeat(500), 400]] as const) {
      const page = await portal.app.inject({ url: `/hoi-dap/tra-cuu?ma=${encodeURIComponent(ma)}` });
      expect(page.statusCode, ma).toBe(status);
      expect(page.body).toContain('id="ma-tra-cuu"');
      expect(page.body).not.toContain('<script>alert(1)');
    }
  });

  it('drops a filled honeypot silently: the same "received" page, nothing stored', async () => {
    const [form] = await openForms(1);
    const before = await db().selectFrom('questions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const answer = await post(question(form!, { website: 'http://spam.example', title: 'Mua thuốc giá rẻ' }));
    expect(answer.statusCode).toBe(200);
    expect(main(answer.body)).toContain('Cơ quan đã nhận câu hỏi của bạn');
    const after = await db().selectFrom('questions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a too-fast fill, a forged or missing token, a wrong challenge, and keeps what was typed', async () => {
    const fresh = formOf((await portal.app.inject({ url: '/hoi-dap/dat-cau-hoi' })).body);
    const fast = await post(question(fresh, { title: 'Hỏi nhanh quá' }));
    expect(fast.statusCode).toBe(400);
    expect(main(fast.body)).toContain('quá nhanh');
    expect(fast.body).toContain('value="Hỏi nhanh quá"');
    const [a, b] = await openForms(2);
    for (const fields of [question(a!, { form_token: `${a!.token}x` }), question(a!, { form_token: '' })]) {
      const refused = await post(fields);
      expect(refused.statusCode).toBe(400);
      expect(main(refused.body)).toContain('Biểu mẫu không hợp lệ');
    }
    const wrong = await post(question(b!, { challenge_answer: String(Number(b!.answer) + 1) }));
    expect(wrong.statusCode).toBe(400);
    expect(main(wrong.body)).toContain('Câu trả lời cho câu hỏi kiểm tra chưa đúng');
  });

  it('refuses bad fields by class with a Vietnamese message naming them, never a 500', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ name: '' }, 'Họ và tên'],
      [{ name: 'x'.repeat(101) }, 'Họ và tên'],
      [{ email: '', phone: '' }, 'thư điện tử hoặc số điện thoại'],
      [{ email: 'not-an-email' }, 'Thư điện tử'],
      [{ phone: '12ab' }, 'Số điện thoại'],
      [{ topicId: 'khong-co' }, 'Lĩnh vực'],
      [{ title: 'x'.repeat(201) }, 'Tiêu đề'],
      [{ body: 'ngắn' }, 'quá ngắn'],
      [{ body: 'x'.repeat(5_001) }, 'Nội dung câu hỏi'],
    ];
    const forms = await openForms(cases.length);
    for (const [index, [fields, message]] of cases.entries()) {
      const answer = await post(question(forms[index]!, fields));
      expect(answer.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(400);
      expect(main(answer.body)).toContain(message);
    }
    // A repeated field (an array) is refused, not coerced.
    const [form] = await openForms(1);
    const body = new URLSearchParams(question(form!));
    body.append('title', 'again');
    const repeated = await portal.app.inject({ method: 'POST', url: '/hoi-dap/dat-cau-hoi', remoteAddress: nextAddress(), payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(repeated.statusCode).toBe(400);
  });

  it('stores HTML and formula payloads as text and shows them escaped; control characters are dropped', async () => {
    const [form] = await openForms(1);
    const answer = await post(question(form!, { title: '<script>alert("x")</script>=HYPERLINK("http://x")', body: 'Nội dung <img src=x onerror=alert(1)> có\u0000 ký tự\u202e lạ, đủ dài để gửi.' }));
    expect(answer.statusCode).toBe(200);
    const row = await db().selectFrom('questions').select(['id', 'title', 'body']).where('title', 'like', '%HYPERLINK%').executeTakeFirstOrThrow();
    expect(row.body).not.toMatch(/[\u0000\u202e]/);
    await publishQuestion(db(), operatorScope(siteId), { questionId: row.id, answerHtml: '<p>Trả lời <script>alert(2)</script><strong>rõ ràng</strong></p>' });
    const slug = (await db().selectFrom('questions').select('slug').where('id', '=', row.id).executeTakeFirstOrThrow()).slug!;
    const page = await portal.app.inject({ url: `/hoi-dap/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('<strong>rõ ràng</strong>');
  });

  it('refuses the same question twice within a day', async () => {
    const [a, b] = await openForms(2);
    const fields = { title: 'Hỏi về chế độ người có công', body: 'Bố tôi là thương binh hạng 3/4, xin hỏi mức trợ cấp hằng tháng hiện nay là bao nhiêu?' };
    expect((await post(question(a!, fields))).statusCode).toBe(200);
    const again = await post(question(b!, { ...fields, body: fields.body.toUpperCase() }));
    expect(again.statusCode).toBe(400);
    expect(main(again.body)).toContain('đã được gửi trong 24 giờ qua');
  });

  it('takes one attachment of an accepted type, kept private for staff; refuses other types and oversize files', async () => {
    const boundary = '----hoidap';
    const multipart = (fields: Record<string, string>, file?: { name: string; bytes: Buffer<ArrayBufferLike> }) => {
      const parts: Buffer<ArrayBufferLike>[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return Buffer.concat(parts);
    };
    const send = (payload: Buffer) => portal.app.inject({ method: 'POST', url: '/hoi-dap/dat-cau-hoi', remoteAddress: nextAddress(), payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'), Buffer.alloc(2_000, 0x20), Buffer.from('\n%%EOF\n')]);
    const [a, b, c] = await openForms(3);
    const ok = await send(multipart(question(a!, { title: 'Câu hỏi có tệp đính kèm' }), { name: '../../etc/giay-to.pdf', bytes: pdf }));
    expect(ok.statusCode, main(ok.body).slice(0, 400)).toBe(200);
    const row = await db().selectFrom('questions').select(['attachment_path', 'attachment_name', 'attachment_type']).where('title', '=', 'Câu hỏi có tệp đính kèm').executeTakeFirstOrThrow();
    expect(row.attachment_type).toBe('application/pdf');
    expect(row.attachment_name).toBe('giay-to.pdf');
    expect(row.attachment_path).toMatch(/^questions\/[0-9a-f-]{36}\.pdf$/);
    // Not a public file.
    expect((await portal.app.inject({ url: `/media/${row.attachment_path}` })).statusCode).toBe(404);
    const html = await send(multipart(question(b!, { title: 'Tệp giả dạng PDF' }), { name: 'x.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') }));
    expect(html.statusCode).toBe(415);
    expect(main(html.body)).toContain('Tệp đính kèm phải là PDF');
    const big = await send(multipart(question(c!, { title: 'Tệp quá lớn' }), { name: 'x.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]) }));
    expect(big.statusCode).toBe(413);
  });

  it('slows a burst from one address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await post({ name: '' }, '10.77.0.1')).statusCode);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lists only published Q&A, by topic and words, and search finds them; the asker shows by display name only', async () => {
    const [form] = await openForms(1);
    await post(question(form!, { title: 'Thủ tục cấp giấy phép lao động cho người nước ngoài', body: 'Công ty tôi muốn tuyển một kỹ sư người Nhật, cần hồ sơ gì?', displayName: '' }));
    const draft = await db().selectFrom('questions').select(['id', 'tracking_code']).where('title', 'like', 'Thủ tục cấp giấy phép%').executeTakeFirstOrThrow();
    const list = await portal.app.inject({ url: '/hoi-dap' });
    expect(list.statusCode).toBe(200);
    expect(main(list.body)).not.toContain('Thủ tục cấp giấy phép lao động');
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=giay+phep+lao+dong+nguoi+nuoc+ngoai' })).body)).not.toContain('/hoi-dap/thu-tuc');
    await publishQuestion(db(), operatorScope(siteId), { questionId: draft.id, publicTitle: 'Thủ tục cấp giấy phép lao động cho người nước ngoài', answerHtml: '<p>Hồ sơ gồm văn bản đề nghị, giấy chứng nhận sức khỏe…</p>' });
    const published = main((await portal.app.inject({ url: '/hoi-dap' })).body);
    expect(published).toContain('Thủ tục cấp giấy phép lao động cho người nước ngoài');
    expect(published).toContain('Người hỏi: Công dân');
    expect(published).not.toContain('hoa.nguyen@gmail.com');
    const byWords = await portal.app.inject({ url: '/hoi-dap?q=nguoi+nhat' });
    expect(byWords.statusCode).toBe(200);
    expect(main(byWords.body)).toContain('Thủ tục cấp giấy phép lao động');
    expect((await portal.app.inject({ url: '/hoi-dap?topic=khong-co' })).statusCode).toBe(400);
    const found = await portal.app.inject({ url: '/tim-kiem?q=giay+phep+lao+dong+nguoi+nuoc+ngoai' });
    expect(main(found.body)).toContain('/hoi-dap/thu-tuc-cap-giay-phep-lao-dong-cho-nguoi-nuoc-ngoai');
    // The tracking page links to the published answer.
    expect(main((await portal.app.inject({ url: `/hoi-dap/tra-cuu?ma=${draft.tracking_code}` })).body)).toContain('href="/hoi-dap/thu-tuc-cap-giay-phep-lao-dong-cho-nguoi-nuoc-ngoai"');
    expect((await portal.app.inject({ url: '/hoi-dap/khong-co-cau-nay' })).statusCode).toBe(404);
  });
});
