/**
 * The "Thông tin có hữu ích không?" form placed at the end of a page. It is the same bytes
 * for every reader (no token, no reader data), so the page around it stays cached. It
 * works without script (a plain POST, then a thank-you page); site.js sends it with
 * fetch() instead and says thanks in place.
 */
import { RATING_LIMITS } from './rating-rules.js';

export const RATING_ACTION = '/danh-gia';
export const THANKS_PATH = '/danh-gia/cam-on';
/** The honeypot's field name: a person never sees it, a form-filling bot fills it. */
export const HONEYPOT_FIELD = 'website';
export const PRIVACY_NOTE = 'Đánh giá không lưu tên, địa chỉ IP hay bất kỳ thông tin cá nhân nào của bạn. Xin đừng ghi thông tin cá nhân vào góp ý.';

export function RatingWidget({ path }: { path: string }) {
  return (
    <section class="rating" aria-labelledby="danh-gia-tieu-de">
      <h2 id="danh-gia-tieu-de">Thông tin có hữu ích không?</h2>
      <form class="rating__form" method="post" action={RATING_ACTION} data-rating="">
        <input type="hidden" name="path" value={path} />
        <div class="rating__trap" aria-hidden="true">
          <label for="danh-gia-web">Không điền vào ô này</label>
          <input id="danh-gia-web" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autocomplete="off" />
        </div>
        <label for="danh-gia-gop-y">Góp ý thêm (không bắt buộc, tối đa {RATING_LIMITS.comment} ký tự)</label>
        <textarea id="danh-gia-gop-y" name="comment" rows={3} maxLength={RATING_LIMITS.comment} aria-describedby="danh-gia-rieng-tu"></textarea>
        <p class="rating__privacy" id="danh-gia-rieng-tu">
          {PRIVACY_NOTE}
        </p>
        <div class="rating__buttons">
          <button type="submit" class="button" name="useful" value="yes">
            Có
          </button>
          <button type="submit" class="button" name="useful" value="no">
            Không
          </button>
        </div>
      </form>
      <p class="rating__status" role="status" aria-live="polite"></p>
    </section>
  );
}
