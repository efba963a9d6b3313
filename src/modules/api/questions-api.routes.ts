/**
 * /api/v1 endpoints of questions and answers: published Q&A with the topic and word
 * filters, and one Q&A. Published ones only, ever, and never an asker's contact details:
 * the questions module's public reads do not even select them.
 */
import { Type, type Static } from 'typebox';
import { getPublishedQuestion, listPublishedQuestions, listTopics, type PublicQuestionSummary } from '../questions/index.js';
import type { Site } from '../sites/index.js';
import { API_ERRORS as errors, MAX_PAGE_SIZE, sendCached, type PublicApiSection } from './api-shared.js';

const TopicView = Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()], { description: 'Lĩnh vực của câu hỏi' });

const QuestionSummaryView = Type.Object({
  slug: Type.String(),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của trang hỏi đáp' }),
  title: Type.String(),
  topic: TopicView,
  askedBy: Type.String({ description: 'Tên hiển thị người hỏi chọn, hoặc "Công dân"; không bao giờ có thông tin liên hệ' }),
  askedAt: Type.String({ description: 'Thời điểm nhận câu hỏi (ISO 8601, UTC)' }),
  answeredAt: Type.String({ description: 'Thời điểm trả lời (ISO 8601, UTC)' }),
});
const QuestionView = Type.Intersect([QuestionSummaryView, Type.Object({ question: Type.String({ description: 'Nội dung câu hỏi (văn bản thuần, xuống dòng bằng \\n)' }), answerHtml: Type.String({ description: 'Câu trả lời, HTML đã lọc' }) })]);

function summaryOf(site: Site, q: PublicQuestionSummary): Static<typeof QuestionSummaryView> {
  return { slug: q.slug, url: `${site.origin}${q.url}`, title: q.title, topic: q.topic, askedBy: q.askedBy, askedAt: q.receivedAt, answeredAt: q.answeredAt };
}

export const registerQuestionsApi: PublicApiSection = (api, deps) => {
  api.get('/questions', {
    schema: {
      tags: ['Công khai'],
      summary: 'Hỏi đáp đã công bố, trả lời mới nhất trước: lọc theo lĩnh vực, tìm theo từ',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200, description: 'Từ trong tiêu đề, câu hỏi, câu trả lời; có dấu hay không dấu' })),
        topic: Type.Optional(Type.String({ maxLength: 120, description: 'Địa chỉ (slug) của lĩnh vực, ví dụ viec-lam' })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
      }),
      response: { 200: Type.Object({ items: Type.Array(QuestionSummaryView), total: Type.Integer(), page: Type.Integer(), pageCount: Type.Integer(), topics: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })) }), ...errors },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const { q, topic, page = 1, limit = 20 } = request.query;
      const topics = await listTopics(deps.db, { siteId: site.id, now: new Date() });
      if (topic && !topics.some((t) => t.slug === topic)) {
        return reply.code(400).send({ error: { code: 'INVALID_INPUT', message: 'Lĩnh vực được chọn không có.', field: 'topic', help: 'Xem danh sách lĩnh vực trong trường "topics" của câu trả lời không lọc.' } });
      }
      const list = await listPublishedQuestions(deps.db, { siteId: site.id, topic, query: q, page, pageSize: limit });
      return sendCached(request, reply, { items: list.items.map((item) => summaryOf(site, item)), total: list.total, page: list.page, pageCount: list.pageCount, topics: topics.map((t) => ({ slug: t.slug, name: t.name })) });
    },
  });

  api.get('/questions/:slug', {
    schema: { tags: ['Công khai'], summary: 'Một câu hỏi đã công bố và câu trả lời, theo địa chỉ (slug)', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: QuestionView, ...errors } },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const question = await getPublishedQuestion(deps.db, { siteId: site.id, slug: request.params.slug });
      return sendCached(request, reply, { ...summaryOf(site, question), question: question.body, answerHtml: question.answerHtml });
    },
  });
};
