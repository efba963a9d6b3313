/** Messages of the search module, in one place so they can be translated. */
export const searchMessages = {
  emptyQuery: 'Hãy nhập từ khóa cần tìm: ít nhất một chữ hoặc một số.',
  emptyQueryHelp: 'Ví dụ: "hội nghị", "dak lak" hoặc "quyết định 123".',
  badPage: 'Số trang không hợp lệ.',
  badPageSize: 'Số kết quả mỗi trang phải từ 1 đến 50.',
  badDate: 'Ngày lọc không hợp lệ.',
  badDateRange: 'Ngày bắt đầu phải trước ngày kết thúc.',
  badFilter: 'Bộ lọc không hợp lệ.',
  badRecord: 'Bản ghi tìm kiếm không hợp lệ.',
  badRecordDate: 'Ngày đăng của bản ghi tìm kiếm không hợp lệ (từ năm 1800 đến 2199).',
};

