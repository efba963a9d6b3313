/** How the audit log names this module's actions (the staff's Nhật ký page shows these). */
export const INFORMATION_AUDIT_ACTIONS: Record<string, string> = {
  'information_request.received': 'Tiếp nhận yêu cầu cung cấp thông tin',
  'information_request.taken_up': 'Nhận xử lý yêu cầu cung cấp thông tin',
  'information_request.extended': 'Gia hạn trả lời yêu cầu cung cấp thông tin',
  'information_request.answered': 'Cung cấp thông tin theo yêu cầu',
  'information_request.refused': 'Từ chối cung cấp thông tin',
  'information_request.exported': 'Xuất danh sách yêu cầu cung cấp thông tin (có dữ liệu cá nhân)',
  'information_request.personal_data_exported': 'Xuất dữ liệu cá nhân người yêu cầu thông tin',
  'information_request.personal_data_erased': 'Xoá dữ liệu cá nhân người yêu cầu thông tin',
  'information_request.personal_data_expired': 'Tự động xoá dữ liệu cá nhân quá hạn lưu (tiếp cận thông tin)',
  'information.settings_updated': 'Sửa đầu mối cung cấp thông tin',
  'information.item_added': 'Thêm mục danh mục thông tin công khai',
  'information.item_updated': 'Sửa mục danh mục thông tin công khai',
  'information.item_moved': 'Đổi thứ tự danh mục thông tin công khai',
  'information.item_deleted': 'Xoá mục danh mục thông tin công khai',
};
