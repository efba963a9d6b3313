/**
 * The demo's ratings: a few of the newest demo articles rated by made-up readers over the
 * past days, some with comments, so the staff screen has something to show. Written
 * through the service's storeRating (reader keys are random: no real reader exists).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { listRateablePages } from './rated-pages.js';
import { ratingDay } from './rating-rules.js';
import { storeRating } from './ratings.service.js';

const DEMO_COMMENTS = [
  'Thông tin rõ ràng, dễ hiểu. Cảm ơn cơ quan.',
  'Nên ghi thêm số điện thoại liên hệ của bộ phận tiếp nhận hồ sơ.',
  'Bài viết thiếu thời hạn nộp hồ sơ, tôi phải gọi điện hỏi lại.',
  'Có thể đăng kèm mẫu đơn để người dân tải về không?',
];

/** Yes/no votes of each rated page: the first is well liked, the last much less. */
const DEMO_VOTES: readonly (readonly [number, number])[] = [
  [14, 2],
  [9, 3],
  [5, 4],
  [2, 6],
];

/** Seeds ratings on up to four published articles; returns how many ratings were written. */
export async function seedDemoRatings(db: Kysely<Database>, input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  return inTransaction(db, async (trx) => {
    const pages = await listRateablePages(trx, { siteId: input.siteId, type: 'article', now: input.now, limit: DEMO_VOTES.length });
    let written = 0;
    for (const [index, page] of pages.entries()) {
      const [yes, no] = DEMO_VOTES[index]!;
      for (let n = 0; n < yes + no; n++) {
        const day = ratingDay(new Date(input.now.getTime() - (n % 7) * 86_400_000));
        const comment = n % 5 === 2 ? DEMO_COMMENTS[(index + n) % DEMO_COMMENTS.length]! : '';
        await storeRating(trx, { siteId: input.siteId, page, isUseful: n < yes, comment, day, readerKey: crypto.randomBytes(32).toString('base64url') });
        written++;
      }
    }
    return written;
  });
}
