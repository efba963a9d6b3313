/** How the audit log names this module's actions (the staff's Nhật ký page shows these). */
export const CONSULTATION_AUDIT_ACTIONS: Record<string, string> = {
  'consultation.created': 'Tạo dự thảo lấy ý kiến',
  'consultation.saved': 'Sửa dự thảo lấy ý kiến',
  'consultation.published': 'Mở lấy ý kiến dự thảo (xuất bản)',
  'consultation.unpublished': 'Gỡ dự thảo lấy ý kiến',
  'consultation.closed_early': 'Kết thúc sớm lấy ý kiến dự thảo',
  'consultation.file_attached': 'Đính kèm tệp vào dự thảo',
  'consultation.file_detached': 'Gỡ tệp khỏi dự thảo',
  'consultation.report_saved': 'Lưu báo cáo tiếp thu, giải trình',
  'consultation.report_published': 'Công bố báo cáo tiếp thu, giải trình',
  'consultation.comment_received': 'Tiếp nhận góp ý dự thảo',
  'consultation.comments_exported': 'Xuất góp ý dự thảo (có thông tin liên hệ)',
  'consultation.settings_updated': 'Sửa thời gian lưu thông tin người góp ý',
  'consultation.personal_data_exported': 'Xuất dữ liệu cá nhân người góp ý',
  'consultation.personal_data_erased': 'Xoá dữ liệu cá nhân người góp ý',
  'consultation.personal_data_expired': 'Tự động xoá thông tin người góp ý quá hạn lưu',
};
