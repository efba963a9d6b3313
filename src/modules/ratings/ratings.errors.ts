import { ForbiddenError, NotFoundError } from '../../platform/errors.js';

/** Staff asked for the comments of a page nobody has rated. */
export class RatingPageNotFoundError extends NotFoundError {
  constructor() {
    super('Trang này chưa có lượt đánh giá nào.', 'Hãy chọn một trang trong bảng kết quả đánh giá.');
  }
}

/** A rating posted from another site's page (cross-site request forgery): refused, nothing stored. */
export class CrossSiteRatingError extends ForbiddenError {
  constructor() {
    super('Đánh giá chỉ được gửi từ chính các trang của cổng thông tin này.', 'Hãy mở trang bạn muốn đánh giá trên cổng thông tin và gửi lại.');
  }
}
