/**
 * The words of the agency pages in both languages. Kept here, not in the public site's
 * dictionary: they are this module's. Both dictionaries have every key.
 */
import type { Language } from '../../platform/i18n/languages.js';

export interface AgencyStrings {
  overview: string;
  overviewDescription: (siteName: string) => string;
  introduction: string;
  functions: string;
  governedBy: string;
  orgChart: string;
  orgChartDescription: (siteName: string) => string;
  chartLabel: string;
  unitsByKind: string;
  noUnits: string;
  leaders: string;
  leadersDescription: (siteName: string) => string;
  noLeaders: string;
  contact: string;
  contactDescription: (siteName: string) => string;
  agencyContacts: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  map: string;
  mapLink: string;
  officeHours: string;
  contactOfficials: string;
  contactOfficialsCaption: string;
  unitsDirectory: string;
  unitsDirectoryCaption: string;
  noContacts: string;
  otherContacts: string;
  name: string;
  position: string;
  unit: string;
  fieldsInCharge: string;
  parentUnit: string;
  subUnits: string;
  people: string;
  peopleCaption: (unit: string) => string;
  noPeople: string;
  unitFunctions: string;
  noFunctions: string;
  unitContacts: string;
  photoOf: (name: string) => string;
  seeAlso: string;
  updatedOn: string;
  notYet: string;
}

const vi: AgencyStrings = {
  overview: 'Giới thiệu',
  overviewDescription: (siteName) => `Giới thiệu ${siteName}: vị trí, chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức.`,
  introduction: 'Giới thiệu chung',
  functions: 'Vị trí, chức năng, nhiệm vụ và quyền hạn',
  governedBy: 'Cơ quan chủ quản',
  orgChart: 'Cơ cấu tổ chức',
  orgChartDescription: (siteName) => `Sơ đồ cơ cấu tổ chức của ${siteName}: Ban Giám đốc, các phòng chuyên môn và đơn vị trực thuộc, chức năng và nhiệm vụ của từng đơn vị.`,
  chartLabel: 'Sơ đồ tổ chức',
  unitsByKind: 'Danh sách đơn vị',
  noUnits: 'Chưa có thông tin cơ cấu tổ chức.',
  leaders: 'Lãnh đạo',
  leadersDescription: (siteName) => `Lãnh đạo ${siteName}: chức vụ, lĩnh vực phụ trách, điện thoại và thư điện tử công vụ.`,
  noLeaders: 'Chưa có thông tin lãnh đạo.',
  contact: 'Liên hệ',
  contactDescription: (siteName) => `Địa chỉ, điện thoại, fax, thư điện tử của ${siteName} và cán bộ đầu mối liên hệ của từng đơn vị.`,
  agencyContacts: 'Thông tin liên hệ',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  fax: 'Fax',
  email: 'Thư điện tử',
  map: 'Bản đồ',
  mapLink: 'Xem vị trí trên bản đồ',
  officeHours: 'Giờ làm việc',
  contactOfficials: 'Cán bộ đầu mối liên hệ',
  contactOfficialsCaption: 'Cán bộ đầu mối liên hệ theo đơn vị',
  unitsDirectory: 'Điện thoại các đơn vị',
  unitsDirectoryCaption: 'Điện thoại và thư điện tử của các đơn vị',
  noContacts: 'Chưa có cán bộ đầu mối nào được công bố.',
  otherContacts: 'Cán bộ khác',
  name: 'Họ và tên',
  position: 'Chức vụ',
  unit: 'Đơn vị',
  fieldsInCharge: 'Lĩnh vực phụ trách',
  parentUnit: 'Trực thuộc',
  subUnits: 'Đơn vị trực thuộc',
  people: 'Lãnh đạo và cán bộ',
  peopleCaption: (unit) => `Lãnh đạo và cán bộ của ${unit}`,
  noPeople: 'Chưa có thông tin cán bộ của đơn vị.',
  unitFunctions: 'Chức năng, nhiệm vụ',
  noFunctions: 'Chưa có thông tin chức năng, nhiệm vụ.',
  unitContacts: 'Liên hệ',
  photoOf: (name) => `Ảnh ${name}`,
  seeAlso: 'Xem thêm',
  updatedOn: 'Cập nhật',
  notYet: 'Chưa có thông tin.',
};

const en: AgencyStrings = {
  overview: 'About us',
  overviewDescription: (siteName) => `About ${siteName}: its position, functions, tasks and powers, and its organisation.`,
  introduction: 'Overview',
  functions: 'Position, functions, tasks and powers',
  governedBy: 'Governing body',
  orgChart: 'Organisational structure',
  orgChartDescription: (siteName) => `Organisation chart of ${siteName}: the Board of Directors, specialised divisions and affiliated units, and what each unit does.`,
  chartLabel: 'Organisation chart',
  unitsByKind: 'Units by kind',
  noUnits: 'No information on the organisation yet.',
  leaders: 'Leadership',
  leadersDescription: (siteName) => `Leaders of ${siteName}: positions, fields in charge, official phone and e-mail.`,
  noLeaders: 'No information on the leadership yet.',
  contact: 'Contact',
  contactDescription: (siteName) => `Address, phone, fax and e-mail of ${siteName}, and the contact officials of each unit.`,
  agencyContacts: 'Contact details',
  address: 'Address',
  phone: 'Phone',
  fax: 'Fax',
  email: 'E-mail',
  map: 'Map',
  mapLink: 'See the location on a map',
  officeHours: 'Office hours',
  contactOfficials: 'Contact officials',
  contactOfficialsCaption: 'Contact officials by unit',
  unitsDirectory: 'Unit phone numbers',
  unitsDirectoryCaption: 'Phone and e-mail of each unit',
  noContacts: 'No contact officials have been published yet.',
  otherContacts: 'Other officials',
  name: 'Name',
  position: 'Position',
  unit: 'Unit',
  fieldsInCharge: 'Fields in charge',
  parentUnit: 'Part of',
  subUnits: 'Units under it',
  people: 'Leaders and officials',
  peopleCaption: (unit) => `Leaders and officials of ${unit}`,
  noPeople: 'No officials of this unit have been published yet.',
  unitFunctions: 'Functions and tasks',
  noFunctions: 'No information on its functions and tasks yet.',
  unitContacts: 'Contact',
  photoOf: (name) => `Photo of ${name}`,
  seeAlso: 'See also',
  updatedOn: 'Last updated',
  notYet: 'No information yet.',
};

export function agencyStrings(language: Language): AgencyStrings {
  return language === 'en' ? en : vi;
}
