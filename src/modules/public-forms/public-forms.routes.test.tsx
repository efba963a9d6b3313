/**
 * The defences through HTTP, on both engines: a small app wired the way a module's form route
 * is (rate-limit plugin as app.ts registers it, urlencoded body, FORM_RATE_LIMIT, a render of
 * FormDefences and PrivacyNotice), driven with app.inject as a browser or a bot would.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import formBody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { AppError, RateLimitedError } from '../../platform/errors.js';
import { createSite } from '../sites/index.js';
import { FORM_FIELDS, FORM_RATE_LIMIT, FormDefences, FormRefusedError, PrivacyNotice, checkFormSubmission, cleanCitizenText, contentFingerprint, issueFormToken, readFormDefences } from './index.js';

const NUMBERS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

function formOf(html: string): { token: string; answer: string } {
  const token = /name="form_token" value="([^"]+)"/.exec(html)![1]!;
  const [, a, b] = /Câu hỏi kiểm tra: (\S+) cộng (\S+) bằng mấy\?/.exec(html)!;
  return { token, answer: String(NUMBERS.indexOf(a!.toLowerCase()) + NUMBERS.indexOf(b!)) };
}

describe.each(ENGINES)('a public form with the shared defences on %s', (engine) => {
  let testDb: TestDb;
  let app: FastifyInstance;
  let siteId: string;
  let clock = new Date('2026-11-30T02:00:00Z');
  const stored: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    siteId = await createSite(db, { host: 'localhost', name: 'Sở Lao động' });
    app = Fastify({ trustProxy: ['127.0.0.1'] });
    await app.register(fastifyRateLimit, { global: false, cache: 10_000, errorResponseBuilder: (_request, context) => new RateLimitedError(Math.ceil(context.ttl / 1000)) });
    await app.register(formBody, { bodyLimit: 64 * 1024 });
    app.setErrorHandler((error, _request, reply) => {
      const status = error instanceof AppError ? error.status : 500;
      void reply.code(status).send({ error: { code: error instanceof AppError ? error.code : 'INTERNAL', message: (error as Error).message, field: error instanceof AppError ? error.field : undefined, reason: error instanceof FormRefusedError ? error.reason : undefined } });
    });
    app.get('/gop-y', async (_request, reply) => {
      const { token, challenge } = await issueFormToken(db, { siteId, form: 'feedback', now: clock });
      const html = renderToString(
        <form method="post" action="/gop-y">
          <label for="noi-dung">Nội dung</label>
          <textarea id="noi-dung" name="content" />
          <FormDefences token={token} challenge={challenge} />
          <PrivacyNotice retentionDays={365} contact="sldtbxh@kontum.gov.vn" />
          <button type="submit">Gửi</button>
        </form>,
      );
      return reply.type('text/html; charset=utf-8').send(html);
    });
    app.post('/gop-y', { config: { rateLimit: FORM_RATE_LIMIT } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const content = cleanCitizenText(body.content, { field: 'content', label: 'Nội dung', max: 2_000, isMultiline: true });
      const verdict = await checkFormSubmission(db, { siteId, form: 'feedback', now: clock, ...readFormDefences(body), fingerprint: contentFingerprint(content) });
      if (verdict === 'accepted') stored.push(content);
      return reply.send({ received: true });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await testDb.destroy();
  });

  let address = 0;
  /** A visitor at its own address: opens the form, waits `after` ms, sends it. */
  const visitor = () => {
    const ip = `203.0.113.${++address}`;
    return {
      ip,
      open: async () => formOf((await app.inject({ url: '/gop-y', headers: { 'x-forwarded-for': ip } })).body),
      send: (fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
        const body = new URLSearchParams();
        for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
        return app.inject({ method: 'POST', url: '/gop-y', payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, ...headers } });
      },
    };
  };
  const wait = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  it('renders the token, a hidden honeypot and a labelled challenge, and the privacy notice, without inline style or script', async () => {
    const html = (await app.inject({ url: '/gop-y' })).body;
    expect(html).toMatch(/<input type="hidden" name="form_token" value="[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"\/>/);
    expect(html).toMatch(/<div class="visually-hidden" aria-hidden="true"><label for="bieu-mau-website">Để trống ô này[^<]*<\/label><input type="text" id="bieu-mau-website" name="website" value(?:="")? tabindex="-1" autocomplete="off"\/><\/div>/i);
    expect(html).toMatch(/<label for="bieu-mau-kiem-tra">Câu hỏi kiểm tra: \S+ cộng \S+ bằng mấy\? \(ghi bằng số\)/);
    expect(html).toMatch(/<input type="text" id="bieu-mau-kiem-tra" name="challenge_answer" inputmode="numeric" autocomplete="off" maxlength="20" required/i);
    expect(html).toContain('Nghị định 13/2023/NĐ-CP');
    expect(html).toContain('tối đa 365 ngày');
    expect(html).toContain('sldtbxh@kontum.gov.vn');
    expect(html).toMatch(/xem, nhận bản sao \(xuất\) hoặc xóa/);
    expect(html).not.toMatch(/style=|<script/);
  });

  it('takes a filled form once; the same post again is refused as a used token, the same content as a duplicate', async () => {
    const citizen = visitor();
    const form = await citizen.open();
    wait(5_000);
    const sent = await citizen.send({ content: 'Xin hỏi   về chế độ  thai sản.', [FORM_FIELDS.token]: form.token, [FORM_FIELDS.answer]: form.answer, [FORM_FIELDS.honeypot]: '' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(stored).toContain('Xin hỏi về chế độ thai sản.');
    const again = await citizen.send({ content: 'Xin hỏi về chế độ thai sản.', form_token: form.token, challenge_answer: form.answer });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'token', reason: 'token-used' });
    const next = await citizen.open();
    wait(5_000);
    const duplicate = await citizen.send({ content: 'xin hoi ve che do thai san.', form_token: next.token, challenge_answer: next.answer });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error).toMatchObject({ reason: 'duplicate' });
    expect(duplicate.json().error.message).toContain('Nội dung này đã được gửi');
  });

  it('refuses a post sent at once, a wrong answer, a forged or missing token; drops a filled honeypot silently', async () => {
    const bot = visitor();
    const form = await bot.open();
    const fast = await bot.send({ content: 'Gửi ngay', form_token: form.token, challenge_answer: form.answer });
    expect(fast.json().error).toMatchObject({ reason: 'too-fast', field: 'token' });
    expect(fast.json().error.message).toContain('quá nhanh');
    wait(4_000);
    const wrong = await bot.send({ content: 'Trả lời sai', form_token: form.token, challenge_answer: String(Number(form.answer) + 1) });
    expect(wrong.json().error).toMatchObject({ reason: 'challenge-wrong', field: 'challenge' });
    const forged = await bot.send({ content: 'Giả mạo', form_token: `${form.token.split('.')[0]}.AAAA`, challenge_answer: form.answer });
    expect(forged.json().error).toMatchObject({ reason: 'token-invalid' });
    const spammer = visitor();
    const spam = await spammer.open();
    wait(4_000);
    const dropped = await spammer.send({ content: 'Mua thuốc giá rẻ', form_token: spam.token, challenge_answer: spam.answer, website: 'http://spam.example' });
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json()).toEqual({ received: true });
    expect(stored).not.toContain('Mua thuốc giá rẻ');
    const missing = await visitor().send({ content: 'Không có mã' });
    expect(missing.json().error).toMatchObject({ reason: 'token-invalid' });
  });

  it('answers a burst from one address with 429, counting the address after the trusted proxy, not what the client claims', async () => {
    const flood = visitor();
    const codes: number[] = [];
    for (let i = 0; i < FORM_RATE_LIMIT.max + 2; i += 1) {
      // A client rotating the left-most X-Forwarded-For entry is still the same address to the limit.
      codes.push((await flood.send({ content: `Lần ${i}` }, { 'x-forwarded-for': `10.0.0.${i}, ${flood.ip}` })).statusCode);
    }
    expect(codes.slice(0, FORM_RATE_LIMIT.max).every((code) => code === 400)).toBe(true);
    expect(codes.slice(FORM_RATE_LIMIT.max)).toEqual([429, 429]);
    // Another address is not slowed by this one.
    expect((await visitor().send({ content: 'Người khác' })).statusCode).toBe(400);
  });
});
