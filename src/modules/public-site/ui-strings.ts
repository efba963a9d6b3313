/**
 * The words around the content of a public page, in each language the site may speak.
 * Both dictionaries have every key (the type makes a missing one a compile error); the
 * content itself (articles, category names) is the newsroom's, not this file's.
 */
import type { Language } from '../../platform/i18n/languages.js';

export interface SearchText {
  title: string;
  titleWithQuery: (query: string) => string;
  description: (siteName: string) => string;
  formLabel: string;
  queryLabel: string;
  submit: string;
  hint: string;
  filters: string;
  type: string;
  typeAll: string;
  category: string;
  categoryAll: string;
  from: string;
  to: string;
  inFile: string;
  noResults: (query: string) => string;
  results: (count: number, shown: string, query: string, isMore: boolean) => string;
  pageOf: (page: string, pageCount: string) => string;
  pageEmpty: (page: string, pageCount: string) => string;
  capped: (count: string) => string;
  shortened: string;
  widerIntro: string;
  widerType: string;
  widerCategory: string;
  widerTime: string;
  widerAll: string;
  tips: string;
  emptyQuery: string;
  tooLong: string;
  badPage: string;
  badType: string;
  badCategory: string;
  badFrom: string;
  badTo: string;
  badRange: string;
}

export interface UiStrings {
  /** The language's own name, as the switcher shows it. */
  languageName: string;
  /** The language's home page. */
  homeUrl: string;
  /** Accessible name of the switcher link: "Read this page in …". */
  switchTo: string;
  portalOf: (siteName: string) => string;
  skipLink: string;
  staffTools: string;
  readingTools: string;
  textSmaller: string;
  textDefault: string;
  textLarger: string;
  highContrast: string;
  emblemAlt: string;
  searchLabel: string;
  searchPlaceholder: string;
  searchButton: string;
  /** Where the header's search box sends the query: the search page of this language. */
  searchUrl: string;
  /** The search page. */
  search: SearchText;
  mainMenu: string;
  menuOpen: string;
  menuClose: string;
  login: string;
  sidebar: string;
  visits: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  responsible: string;
  sourceNote: (siteName: string) => string;
  archive: string;
  sitemap: string;
  breadcrumb: string;
  youAreHere: string;
  home: string;
  pagination: string;
  previous: string;
  next: string;
  pageN: (n: number) => string;
  pageTitle: (title: string, n: number) => string;
  featured: string;
  underConstruction: string;
  subcategories: string;
  noArticles: string;
  categoryFeed: (name: string) => string;
  galleryDefault: string;
  galleryOpen: (caption: string) => string;
  galleryPosition: (n: number, total: number) => string;
  galleryPrevious: string;
  galleryNext: string;
  close: string;
  postedBy: string;
  publishedOn: string;
  views: string;
  tags: string;
  source: string;
  back: string;
  print: string;
  shareGroup: string;
  shareFacebook: string;
  newWindow: string;
  shareApps: string;
  copyLink: string;
  related: string;
  othersIn: (category: string) => string;
  notFoundTitle: string;
  tooManyTitle: string;
  serverErrorTitle: string;
  badRequestTitle: string;
  errorTitle: string;
  notFoundMessage: string;
  notFoundHelp: string;
  backHome: string;
}

const vi: UiStrings = {
  languageName: 'Tiếng Việt',
  homeUrl: '/',
  switchTo: 'Xem trang bằng tiếng Việt',
  portalOf: (siteName) => `Cổng thông tin điện tử ${siteName}`,
  skipLink: 'Bỏ qua để đến nội dung chính',
  staffTools: 'Công cụ cán bộ',
  readingTools: 'Cỡ chữ và độ tương phản',
  textSmaller: 'Giảm cỡ chữ',
  textDefault: 'Cỡ chữ mặc định',
  textLarger: 'Tăng cỡ chữ',
  highContrast: 'Tương phản cao',
  emblemAlt: 'Quốc huy nước Cộng hòa xã hội chủ nghĩa Việt Nam',
  searchLabel: 'Tìm kiếm trên trang',
  searchPlaceholder: 'Tìm kiếm…',
  searchButton: 'Tìm',
  searchUrl: '/tim-kiem',
  search: {
    title: 'Tìm kiếm',
    titleWithQuery: (query) => `Tìm kiếm: ${query}`,
    description: (siteName) => `Tìm tin bài và thông tin trên ${siteName}, gõ có dấu hay không dấu đều được.`,
    formLabel: 'Tìm kiếm nâng cao',
    queryLabel: 'Từ khóa',
    submit: 'Tìm kiếm',
    hint: 'Gõ có dấu hay không dấu đều được ("hoi nghi" tìm ra "Hội nghị"). Đặt cụm từ trong ngoặc kép để tìm đúng cụm.',
    filters: 'Bộ lọc',
    type: 'Loại nội dung',
    typeAll: 'Tất cả',
    category: 'Chuyên mục',
    categoryAll: 'Mọi chuyên mục',
    from: 'Từ ngày',
    to: 'Đến ngày',
    inFile: 'Trong tệp đính kèm:',
    noResults: (query) => `Không tìm thấy kết quả nào cho "${query}".`,
    results: (_count, shown, query, isMore) => `${isMore ? `Hơn ${shown}` : shown} kết quả cho "${query}"`,
    pageOf: (page, pageCount) => ` (trang ${page}/${pageCount})`,
    pageEmpty: (page, pageCount) => `Trang ${page} không có kết quả nào: kết quả chỉ có ${pageCount} trang.`,
    capped: (count) => `Chỉ ${count} kết quả mới nhất được xếp hạng: hãy thêm từ hoặc chọn khoảng thời gian để tìm bài cũ hơn.`,
    shortened: 'Từ khóa có nhiều từ: chỉ 10 từ đầu được dùng để tìm.',
    widerIntro: 'Có thể bộ lọc đã làm hẹp kết quả:',
    widerType: 'Tìm trong mọi loại nội dung',
    widerCategory: 'Tìm trong mọi chuyên mục',
    widerTime: 'Tìm ở mọi thời gian',
    widerAll: 'Bỏ mọi bộ lọc',
    tips: 'Gợi ý: kiểm tra chính tả, dùng ít từ hơn, hoặc gõ không dấu để tìm rộng hơn.',
    emptyQuery: 'Hãy nhập từ khóa cần tìm: ít nhất một chữ hoặc một số.',
    tooLong: 'Từ khóa tìm kiếm quá dài: tối đa 200 ký tự.',
    badPage: 'Số trang không hợp lệ.',
    badType: 'Loại nội dung được chọn không có trên trang này.',
    badCategory: 'Chuyên mục được chọn không có trên trang này.',
    badFrom: 'Ngày bắt đầu không hợp lệ: hãy chọn một ngày (dd/mm/yyyy).',
    badTo: 'Ngày kết thúc không hợp lệ: hãy chọn một ngày (dd/mm/yyyy).',
    badRange: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.',
  },
  mainMenu: 'Menu chính',
  menuOpen: '☰ Danh mục',
  menuClose: '✕ Đóng danh mục',
  login: 'Đăng nhập',
  sidebar: 'Thông tin bên lề',
  visits: 'Lượt truy cập',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  fax: 'Fax',
  email: 'Email',
  responsible: 'Chịu trách nhiệm chính',
  sourceNote: (siteName) => `Ghi rõ nguồn "${siteName}" khi phát hành lại thông tin từ trang này.`,
  archive: 'Lưu trữ tin bài',
  sitemap: 'Sơ đồ trang',
  breadcrumb: 'Đường dẫn',
  youAreHere: 'Bạn đang ở:',
  home: 'Trang chủ',
  pagination: 'Phân trang',
  previous: '« Trước',
  next: 'Sau »',
  pageN: (n) => `Trang ${n}`,
  pageTitle: (title, n) => `${title} - Trang ${n}`,
  featured: 'Tin nổi bật',
  underConstruction: 'Trang thông tin đang được xây dựng. Nội dung sẽ sớm được cập nhật.',
  subcategories: 'Chuyên mục con',
  noArticles: 'Chuyên mục chưa có bài viết.',
  categoryFeed: (name) => `Nhận tin mục ${name} qua RSS`,
  galleryDefault: 'Một số hình ảnh',
  galleryOpen: (caption) => `Xem ảnh lớn: ${caption}`,
  galleryPosition: (n, total) => `Ảnh ${n} trên ${total}`,
  galleryPrevious: '‹ Ảnh trước',
  galleryNext: 'Ảnh sau ›',
  close: 'Đóng',
  postedBy: 'Đăng bởi:',
  publishedOn: 'Ngày đăng:',
  views: 'Lượt xem:',
  tags: 'Từ khoá:',
  source: 'Nguồn:',
  back: '‹ Quay về',
  print: 'In bài viết',
  shareGroup: 'Chia sẻ bài viết',
  shareFacebook: 'Chia sẻ Facebook',
  newWindow: ' (mở cửa sổ mới)',
  shareApps: 'Chia sẻ qua Zalo, ứng dụng khác',
  copyLink: 'Sao chép liên kết',
  related: 'Bài liên quan',
  othersIn: (category) => `Các tin khác trong mục ${category}`,
  notFoundTitle: 'Không tìm thấy trang',
  tooManyTitle: 'Quá nhiều yêu cầu',
  serverErrorTitle: 'Hệ thống đang gặp sự cố',
  badRequestTitle: 'Yêu cầu không hợp lệ',
  errorTitle: 'Lỗi',
  notFoundMessage: 'Không tìm thấy trang bạn yêu cầu.',
  notFoundHelp: 'Hãy kiểm tra lại địa chỉ, hoặc về trang chủ.',
  backHome: 'Về trang chủ',
};

const en: UiStrings = {
  languageName: 'English',
  homeUrl: '/en',
  switchTo: 'View this page in English',
  portalOf: (siteName) => `Official web portal of ${siteName}`,
  skipLink: 'Skip to main content',
  staffTools: 'Staff tools',
  readingTools: 'Text size and contrast',
  textSmaller: 'Smaller text',
  textDefault: 'Default text size',
  textLarger: 'Larger text',
  highContrast: 'High contrast',
  emblemAlt: 'National emblem of the Socialist Republic of Viet Nam',
  searchLabel: 'Search this site',
  searchPlaceholder: 'Search…',
  searchButton: 'Search',
  searchUrl: '/en/tim-kiem',
  search: {
    title: 'Search',
    titleWithQuery: (query) => `Search: ${query}`,
    description: (siteName) => `Search the English pages of ${siteName}.`,
    formLabel: 'Advanced search',
    queryLabel: 'Words',
    submit: 'Search',
    hint: 'All words are required. Put words in quotes to find them together.',
    filters: 'Filters',
    type: 'Type',
    typeAll: 'All',
    category: 'Section',
    categoryAll: 'All sections',
    from: 'From',
    to: 'To',
    inFile: 'In the attached file:',
    noResults: (query) => `No results for "${query}".`,
    results: (count, shown, query, isMore) => `${isMore ? `More than ${shown}` : shown} ${count === 1 && !isMore ? 'result' : 'results'} for "${query}"`,
    pageOf: (page, pageCount) => ` (page ${page} of ${pageCount})`,
    pageEmpty: (page, pageCount) => `Page ${page} has no results: there are only ${pageCount} pages.`,
    capped: (count) => `Only the ${count} newest results are ranked: add words or choose dates to find older pages.`,
    shortened: 'Only the first 10 words were used.',
    widerIntro: 'A filter may have narrowed the search:',
    widerType: 'Search all types',
    widerCategory: 'Search all sections',
    widerTime: 'Search all dates',
    widerAll: 'Remove all filters',
    tips: 'Tip: check the spelling or use fewer words.',
    emptyQuery: 'Please type what to search for: at least one letter or digit.',
    tooLong: 'The search is too long: at most 200 characters.',
    badPage: 'That page number is not valid.',
    badType: 'That type of content is not on this site.',
    badCategory: 'That section is not on this site.',
    badFrom: 'The start date is not valid.',
    badTo: 'The end date is not valid.',
    badRange: 'The start date must be on or before the end date.',
  },
  mainMenu: 'Main menu',
  menuOpen: '☰ Menu',
  menuClose: '✕ Close menu',
  login: 'Staff login',
  sidebar: 'More information',
  visits: 'Visits',
  address: 'Address',
  phone: 'Phone',
  fax: 'Fax',
  email: 'Email',
  responsible: 'Responsible for content',
  sourceNote: (siteName) => `Please credit "${siteName}" when republishing information from this site.`,
  archive: 'Article archive',
  sitemap: 'Sitemap',
  breadcrumb: 'Breadcrumb',
  youAreHere: 'You are here:',
  home: 'Home',
  pagination: 'Pagination',
  previous: '« Previous',
  next: 'Next »',
  pageN: (n) => `Page ${n}`,
  pageTitle: (title, n) => `${title} - Page ${n}`,
  featured: 'Featured',
  underConstruction: 'This section is being prepared. Content will be added soon.',
  subcategories: 'Subcategories',
  noArticles: 'There are no articles in this section yet.',
  categoryFeed: (name) => `Follow ${name} by RSS`,
  galleryDefault: 'Photos',
  galleryOpen: (caption) => `View large photo: ${caption}`,
  galleryPosition: (n, total) => `Photo ${n} of ${total}`,
  galleryPrevious: '‹ Previous photo',
  galleryNext: 'Next photo ›',
  close: 'Close',
  postedBy: 'Posted by:',
  publishedOn: 'Published:',
  views: 'Views:',
  tags: 'Tags:',
  source: 'Source:',
  back: '‹ Back',
  print: 'Print this article',
  shareGroup: 'Share this article',
  shareFacebook: 'Share on Facebook',
  newWindow: ' (opens in a new window)',
  shareApps: 'Share with Zalo or another app',
  copyLink: 'Copy link',
  related: 'Related articles',
  othersIn: (category) => `More in ${category}`,
  notFoundTitle: 'Page not found',
  tooManyTitle: 'Too many requests',
  serverErrorTitle: 'The system is having a problem',
  badRequestTitle: 'Invalid request',
  errorTitle: 'Error',
  notFoundMessage: 'The page you asked for could not be found.',
  notFoundHelp: 'Please check the address, or go to the home page.',
  backHome: 'Go to the home page',
};

export const UI_STRINGS: Record<Language, UiStrings> = { vi, en };

export function uiStrings(language: Language | undefined): UiStrings {
  return UI_STRINGS[language ?? 'vi'];
}
