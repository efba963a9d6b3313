/** How the audit log names this module's actions (the staff's Nhật ký page shows these). */
export const QUESTION_AUDIT_ACTIONS: Record<string, string> = {
  'question.received': 'Tiếp nhận câu hỏi của người dân',
  'question.assigned': 'Giao xử lý câu hỏi',
  'question.answer_saved': 'Lưu câu trả lời',
  'question.published': 'Xuất bản hỏi đáp',
  'question.unpublished': 'Gỡ hỏi đáp',
  'question.rejected': 'Từ chối câu hỏi',
  'question.topic_added': 'Thêm lĩnh vực hỏi đáp',
  'question.settings_updated': 'Sửa cài đặt hỏi đáp',
  'question.inbox_exported': 'Xuất danh sách câu hỏi (có thông tin liên hệ)',
  'question.personal_data_exported': 'Xuất dữ liệu cá nhân người hỏi',
  'question.personal_data_erased': 'Xoá dữ liệu cá nhân người hỏi',
  'question.personal_data_expired': 'Tự động xoá dữ liệu cá nhân quá hạn lưu',
};
