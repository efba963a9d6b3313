/**
 * The demo agency's information: Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum, its
 * units (Ban Giám đốc, Văn phòng, Thanh tra, four specialised divisions, three affiliated
 * centres, one of them with a unit of its own), its leaders and contact officials, in
 * Vietnamese and English. Names, phones and texts are invented. Written through the real
 * service, so everything is published, searchable and counted in the content version like
 * staff's own; the leaders' photos are silhouettes drawn here and rendered by sharp.
 */
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { importImage } from '../media/index.js';
import type { UnitKind } from './agency-rules.js';
import { createOfficial, createUnit, saveAgencyProfile } from './agency.service.js';

interface DemoUnit {
  key: string;
  parent?: string;
  kind: UnitKind;
  name: string;
  nameEn: string;
  slug: string;
  phone?: string;
  email?: string;
  functions: string[];
  functionsEn: string[];
}

interface DemoOfficial {
  unit: string;
  fullName: string;
  positionTitle: string;
  positionEn: string;
  phone: string;
  email: string;
  fields?: string[];
  fieldsEn?: string[];
  leaderOrder?: number;
  isContactPoint?: boolean;
  /** Drawn photo: background colour and whether the figure wears a tie. */
  photo?: { background: string; hasTie: boolean };
}

const paragraphs = (items: string[]) => items.map((p) => `<p>${p}</p>`).join('');
const list = (intro: string, items: string[]) => `<p>${intro}</p><ul>${items.map((i) => `<li><p>${i}</p></li>`).join('')}</ul>`;

export const DEMO_UNITS: DemoUnit[] = [
  {
    key: 'bgd',
    kind: 'ban_giam_doc',
    name: 'Ban Giám đốc Sở',
    nameEn: 'Board of Directors',
    slug: 'ban-giam-doc',
    phone: '0260 3862 345',
    email: 'sldtbxh@kontum.gov.vn',
    functions: ['Ban Giám đốc gồm Giám đốc và các Phó Giám đốc. Giám đốc Sở chịu trách nhiệm trước Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh và trước pháp luật về toàn bộ hoạt động của Sở; các Phó Giám đốc giúp Giám đốc phụ trách từng lĩnh vực công tác theo phân công.'],
    functionsEn: ['The Board consists of the Director and the Deputy Directors. The Director answers to the Provincial People’s Committee, its Chairman and the law for all of the Department’s work; each Deputy Director helps the Director in the fields assigned to them.'],
  },
  {
    key: 'vp',
    parent: 'bgd',
    kind: 'van_phong',
    name: 'Văn phòng Sở',
    nameEn: 'Department Office',
    slug: 'van-phong-so',
    phone: '0260 3862 347',
    email: 'vanphong.sldtbxh@kontum.gov.vn',
    functions: ['Tham mưu, tổng hợp tình hình hoạt động của Sở; xây dựng chương trình, kế hoạch công tác; công tác tổ chức cán bộ, thi đua khen thưởng, hành chính, văn thư, lưu trữ, cải cách hành chính và chuyển đổi số; quản lý tài sản, bảo đảm điều kiện làm việc của cơ quan.'],
    functionsEn: ['Advises the Board and reports on the Department’s work; prepares work programmes and plans; handles personnel, emulation and awards, administration, records and archives, administrative reform and digital transformation; manages the Department’s property and working conditions.'],
  },
  {
    key: 'tt',
    parent: 'bgd',
    kind: 'van_phong',
    name: 'Thanh tra Sở',
    nameEn: 'Department Inspectorate',
    slug: 'thanh-tra-so',
    phone: '0260 3862 349',
    email: 'thanhtra.sldtbxh@kontum.gov.vn',
    functions: ['Thanh tra hành chính và thanh tra chuyên ngành về lao động, người có công và xã hội; tiếp công dân, giải quyết khiếu nại, tố cáo; phòng, chống tham nhũng, tiêu cực theo quy định của pháp luật.'],
    functionsEn: ['Carries out administrative and specialised inspections of labour, people with meritorious services and social affairs; receives citizens and handles complaints and denunciations; prevents corruption as the law provides.'],
  },
  {
    key: 'khtc',
    parent: 'bgd',
    kind: 'phong_chuyen_mon',
    name: 'Phòng Kế hoạch - Tài chính',
    nameEn: 'Planning and Finance Division',
    slug: 'phong-ke-hoach-tai-chinh',
    phone: '0260 3862 351',
    email: 'khtc.sldtbxh@kontum.gov.vn',
    functions: ['Tham mưu xây dựng kế hoạch phát triển ngành, dự toán ngân sách hằng năm; quản lý, cấp phát, thanh quyết toán kinh phí thực hiện chính sách người có công, bảo trợ xã hội, giáo dục nghề nghiệp; theo dõi các chỉ tiêu kế hoạch của ngành.'],
    functionsEn: ['Prepares the sector’s development plans and yearly budget estimates; manages, allocates and settles the funds for policies on people with meritorious services, social protection and vocational training; monitors the sector’s plan targets.'],
  },
  {
    key: 'ldvl',
    parent: 'bgd',
    kind: 'phong_chuyen_mon',
    name: 'Phòng Lao động - Việc làm - Giáo dục nghề nghiệp',
    nameEn: 'Labour, Employment and Vocational Training Division',
    slug: 'phong-lao-dong-viec-lam-giao-duc-nghe-nghiep',
    phone: '0260 3862 353',
    email: 'ldvl.sldtbxh@kontum.gov.vn',
    functions: ['Tham mưu quản lý nhà nước về việc làm, an toàn, vệ sinh lao động, tiền lương, quan hệ lao động, đưa người lao động đi làm việc ở nước ngoài theo hợp đồng và giáo dục nghề nghiệp; theo dõi thị trường lao động của tỉnh.'],
    functionsEn: ['Advises on employment, occupational safety and health, wages, labour relations, contract work abroad and vocational training; follows the province’s labour market.'],
  },
  {
    key: 'ncc',
    parent: 'bgd',
    kind: 'phong_chuyen_mon',
    name: 'Phòng Người có công',
    nameEn: 'Division for People with Meritorious Services',
    slug: 'phong-nguoi-co-cong',
    phone: '0260 3862 355',
    email: 'ncc.sldtbxh@kontum.gov.vn',
    functions: ['Tham mưu thực hiện chính sách ưu đãi người có công với cách mạng; công tác mộ, nghĩa trang liệt sĩ, tìm kiếm, quy tập hài cốt liệt sĩ; phong trào Đền ơn đáp nghĩa trên địa bàn tỉnh.'],
    functionsEn: ['Carries out preferential policies for people with meritorious services to the revolution; looks after martyrs’ graves and cemeteries and the search for martyrs’ remains; leads the “Repaying gratitude” movement in the province.'],
  },
  {
    key: 'btxh',
    parent: 'bgd',
    kind: 'phong_chuyen_mon',
    name: 'Phòng Bảo trợ xã hội - Trẻ em - Bình đẳng giới',
    nameEn: 'Social Protection, Children and Gender Equality Division',
    slug: 'phong-bao-tro-xa-hoi-tre-em-binh-dang-gioi',
    phone: '0260 3862 357',
    email: 'btxh.sldtbxh@kontum.gov.vn',
    functions: ['Tham mưu về trợ giúp xã hội, giảm nghèo, bảo vệ, chăm sóc trẻ em, bình đẳng giới, phòng, chống tệ nạn xã hội; hướng dẫn, kiểm tra việc chi trả trợ cấp xã hội hằng tháng tại các huyện, thành phố.'],
    functionsEn: ['Advises on social assistance, poverty reduction, child protection and care, gender equality and the fight against social evils; guides and checks the monthly payment of social allowances in the districts and the city.'],
  },
  {
    key: 'dvvl',
    parent: 'bgd',
    kind: 'don_vi_truc_thuoc',
    name: 'Trung tâm Dịch vụ việc làm',
    nameEn: 'Employment Service Centre',
    slug: 'trung-tam-dich-vu-viec-lam',
    phone: '0260 3913 686',
    email: 'ttdvvl@kontum.gov.vn',
    functions: ['Tư vấn, giới thiệu việc làm miễn phí cho người lao động; cung ứng, tuyển lao động theo yêu cầu của doanh nghiệp; tiếp nhận hồ sơ và giải quyết bảo hiểm thất nghiệp; thu thập, phân tích thông tin thị trường lao động.'],
    functionsEn: ['Gives workers free job counselling and placement; recruits workers for employers; receives and settles unemployment insurance claims; gathers and analyses labour market information.'],
  },
  {
    key: 'san',
    parent: 'dvvl',
    kind: 'khac',
    name: 'Sàn giao dịch việc làm',
    nameEn: 'Job Exchange',
    slug: 'san-giao-dich-viec-lam',
    phone: '0260 3913 688',
    functions: ['Tổ chức phiên giao dịch việc làm định kỳ vào ngày 15 hằng tháng và các phiên lưu động tại các huyện, nơi người lao động gặp trực tiếp doanh nghiệp tuyển dụng.'],
    functionsEn: ['Holds a job fair on the 15th of every month, and mobile fairs in the districts, where workers meet employers face to face.'],
  },
  {
    key: 'bttx',
    parent: 'bgd',
    kind: 'don_vi_truc_thuoc',
    name: 'Trung tâm Bảo trợ xã hội tổng hợp',
    nameEn: 'Social Protection Centre',
    slug: 'trung-tam-bao-tro-xa-hoi-tong-hop',
    phone: '0260 3864 120',
    email: 'ttbtxh@kontum.gov.vn',
    functions: ['Tiếp nhận, nuôi dưỡng, chăm sóc người cao tuổi cô đơn, trẻ em mồ côi, người khuyết tật không nơi nương tựa; cung cấp dịch vụ công tác xã hội và phục hồi chức năng.'],
    functionsEn: ['Takes in, houses and cares for lonely elderly people, orphans and people with disabilities who have no one to rely on; provides social work and rehabilitation services.'],
  },
  {
    key: 'cncn',
    parent: 'bgd',
    kind: 'don_vi_truc_thuoc',
    name: 'Cơ sở cai nghiện ma túy tỉnh',
    nameEn: 'Provincial Drug Rehabilitation Centre',
    slug: 'co-so-cai-nghien-ma-tuy',
    phone: '0260 3866 210',
    email: 'cscnmt@kontum.gov.vn',
    functions: ['Tổ chức cai nghiện ma túy tự nguyện và bắt buộc; tư vấn, hỗ trợ học nghề, tạo việc làm giúp người sau cai nghiện hòa nhập cộng đồng.'],
    functionsEn: ['Runs voluntary and compulsory drug rehabilitation; gives counselling, vocational training and job support so that people after rehabilitation return to their communities.'],
  },
];

export const DEMO_OFFICIALS: DemoOfficial[] = [
  {
    unit: 'bgd',
    fullName: 'A Kang',
    positionTitle: 'Giám đốc Sở',
    positionEn: 'Director',
    phone: '0260 3862 345',
    email: 'akang.sldtbxh@kontum.gov.vn',
    fields: ['Lãnh đạo, điều hành chung mọi hoạt động của Sở', 'Tổ chức cán bộ, kế hoạch, tài chính', 'Thanh tra, phòng, chống tham nhũng'],
    fieldsEn: ['Overall leadership of the Department', 'Personnel, planning and finance', 'Inspection and anti-corruption'],
    leaderOrder: 1,
    photo: { background: '#d8e3ef', hasTie: true },
  },
  {
    unit: 'bgd',
    fullName: 'Nguyễn Hữu Phước',
    positionTitle: 'Phó Giám đốc Sở',
    positionEn: 'Deputy Director',
    phone: '0260 3862 360',
    email: 'nhphuoc.sldtbxh@kontum.gov.vn',
    fields: ['Lao động, việc làm, giáo dục nghề nghiệp', 'An toàn, vệ sinh lao động', 'Phụ trách Trung tâm Dịch vụ việc làm'],
    fieldsEn: ['Labour, employment and vocational training', 'Occupational safety and health', 'Oversees the Employment Service Centre'],
    leaderOrder: 2,
    photo: { background: '#e3e8d8', hasTie: true },
  },
  {
    unit: 'bgd',
    fullName: 'Y Liên',
    positionTitle: 'Phó Giám đốc Sở',
    positionEn: 'Deputy Director',
    phone: '0260 3862 361',
    email: 'ylien.sldtbxh@kontum.gov.vn',
    fields: ['Bảo trợ xã hội, giảm nghèo', 'Trẻ em, bình đẳng giới', 'Phòng, chống tệ nạn xã hội'],
    fieldsEn: ['Social protection and poverty reduction', 'Children and gender equality', 'Fight against social evils'],
    leaderOrder: 3,
    photo: { background: '#efe0d8', hasTie: false },
  },
  {
    unit: 'bgd',
    fullName: 'Trần Thị Minh Nguyệt',
    positionTitle: 'Phó Giám đốc Sở',
    positionEn: 'Deputy Director',
    phone: '0260 3862 362',
    email: 'ttmnguyet.sldtbxh@kontum.gov.vn',
    fields: ['Người có công', 'Cải cách hành chính, chuyển đổi số', 'Thi đua, khen thưởng'],
    fieldsEn: ['People with meritorious services', 'Administrative reform and digital transformation', 'Emulation and awards'],
    leaderOrder: 4,
    photo: { background: '#e6dcef', hasTie: false },
  },
  { unit: 'vp', fullName: 'Phạm Quốc Bảo', positionTitle: 'Chánh Văn phòng', positionEn: 'Chief of Office', phone: '0260 3862 347', email: 'pqbao.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'vp', fullName: 'Lê Thị Hồng Nhung', positionTitle: 'Chuyên viên, đầu mối tiếp nhận văn bản và phản ánh', positionEn: 'Officer, contact point for documents and feedback', phone: '0260 3862 348', email: 'lthnhung.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'tt', fullName: 'Đinh Văn Tâm', positionTitle: 'Chánh Thanh tra', positionEn: 'Chief Inspector', phone: '0260 3862 349', email: 'dvtam.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'khtc', fullName: 'Vũ Thị Thanh Bình', positionTitle: 'Trưởng phòng', positionEn: 'Head of Division', phone: '0260 3862 351', email: 'vttbinh.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'ldvl', fullName: 'Hoàng Thị Lan', positionTitle: 'Trưởng phòng', positionEn: 'Head of Division', phone: '0260 3862 353', email: 'htlan.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'ncc', fullName: 'A Thái', positionTitle: 'Trưởng phòng', positionEn: 'Head of Division', phone: '0260 3862 355', email: 'athai.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'btxh', fullName: 'Nguyễn Thị Kim Oanh', positionTitle: 'Trưởng phòng', positionEn: 'Head of Division', phone: '0260 3862 357', email: 'ntkoanh.sldtbxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'dvvl', fullName: 'Võ Minh Tuấn', positionTitle: 'Giám đốc Trung tâm', positionEn: 'Director of the Centre', phone: '0260 3913 686', email: 'vmtuan.ttdvvl@kontum.gov.vn', isContactPoint: true },
  { unit: 'bttx', fullName: 'Y Blúp', positionTitle: 'Giám đốc Trung tâm', positionEn: 'Director of the Centre', phone: '0260 3864 120', email: 'yblup.ttbtxh@kontum.gov.vn', isContactPoint: true },
  { unit: 'cncn', fullName: 'Lương Văn Sơn', positionTitle: 'Giám đốc Cơ sở', positionEn: 'Director of the Centre', phone: '0260 3866 210', email: 'lvson.cscnmt@kontum.gov.vn', isContactPoint: true },
];

export const DEMO_PROFILE = {
  overviewHtml: paragraphs([
    'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, được thành lập cùng với việc tái lập tỉnh Kon Tum năm 1991.',
    'Sở phục vụ người lao động, người có công, trẻ em, người cao tuổi, người khuyết tật và các hộ nghèo trên địa bàn một thành phố và chín huyện, trong đó có nhiều xã vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số.',
  ]),
  overviewEnHtml: paragraphs([
    'The Kon Tum Department of Labour, Invalids and Social Affairs is a specialised agency of the Provincial People’s Committee, founded when Kon Tum province was re-established in 1991.',
    'It serves workers, people with meritorious services, children, the elderly, people with disabilities and poor households in one city and nine districts, many of them remote communes of ethnic minority people.',
  ]),
  functionsHtml:
    '<h3>Vị trí và chức năng</h3>' +
    paragraphs(['Sở là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về lao động, việc làm, giáo dục nghề nghiệp, tiền lương, bảo hiểm xã hội, an toàn, vệ sinh lao động, người có công, bảo trợ xã hội, trẻ em, bình đẳng giới và phòng, chống tệ nạn xã hội. Sở có tư cách pháp nhân, con dấu và tài khoản riêng.']) +
    '<h3>Nhiệm vụ và quyền hạn</h3>' +
    list('Sở có các nhiệm vụ, quyền hạn chủ yếu sau:', [
      'Trình Ủy ban nhân dân tỉnh dự thảo quyết định, kế hoạch, chương trình phát triển ngành lao động, người có công và xã hội hằng năm và 5 năm.',
      'Tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được phê duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật trong lĩnh vực được giao.',
      'Hướng dẫn, kiểm tra việc thực hiện chính sách đối với người lao động, người có công, đối tượng bảo trợ xã hội và trẻ em.',
      'Thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo; quản lý tổ chức bộ máy, biên chế và tài chính của Sở theo quy định.',
    ]),
  functionsEnHtml:
    '<h3>Position and functions</h3>' +
    paragraphs(['The Department is a specialised agency of the Provincial People’s Committee. It advises the Committee on, and manages for it, labour, employment, vocational training, wages, social insurance, occupational safety and health, people with meritorious services, social protection, children, gender equality and the fight against social evils. It has its own legal status, seal and accounts.']) +
    '<h3>Tasks and powers</h3>' +
    list('Its main tasks and powers are:', [
      'To submit to the Provincial People’s Committee draft decisions, plans and yearly and five-year programmes of the sector.',
      'To carry out the legal documents, plans and programmes once approved, and to inform the public about the law in its fields.',
      'To guide and check how policies for workers, people with meritorious services, social protection beneficiaries and children are carried out.',
      'To inspect, settle complaints and denunciations, and manage its own organisation, staff and finances as provided by law.',
    ]),
  addressEn: '75 Phan Dinh Phung Street, Quyet Thang Ward, Kon Tum City, Kon Tum Province',
  mapUrl: 'https://www.openstreetmap.org/?mlat=14.3545&mlon=108.0076#map=17/14.3545/108.0076',
  officeHours: 'Sáng: 7 giờ 00 đến 11 giờ 30\nChiều: 13 giờ 00 đến 17 giờ 00\nTừ thứ Hai đến thứ Sáu, trừ ngày lễ',
  officeHoursEn: 'Morning: 7:00 to 11:30\nAfternoon: 13:00 to 17:00\nMonday to Friday, except public holidays',
};

/** A head-and-shoulders silhouette, 3:4, as a photo placeholder of a leader. */
export function portraitSvg(input: { background: string; hasTie: boolean }): string {
  const suit = input.hasTie ? '#27384d' : '#6b3f5e';
  const tie = input.hasTie ? '<path d="M300 560 l-22 40 l22 150 l22 -150 z" fill="#9b1c2c"/>' : '<path d="M250 560 q50 60 100 0 l-10 -10 q-40 40 -80 0 z" fill="#f3e9dc"/>';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" viewBox="0 0 600 800">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="${input.background}"/></linearGradient></defs>
<rect width="600" height="800" fill="url(#g)"/>
<path d="M60 800 C70 640 170 570 300 560 C430 570 530 640 540 800 Z" fill="${suit}"/>
<path d="M255 540 h90 v40 q-45 30 -90 0 z" fill="#c99b7c"/>
${tie}
<ellipse cx="300" cy="390" rx="118" ry="145" fill="#d8ab8b"/>
<path d="M182 370 C180 250 250 215 305 215 C370 215 425 260 418 370 C400 310 350 290 300 292 C245 292 205 315 182 370 Z" fill="#2a2420"/>
</svg>`;
}

/** Writes the demo agency; returns how many units, officials and profiles it wrote. */
export async function seedDemoAgency(db: Kysely<Database>, input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  const scope = operatorScope(input.siteId, input.now);
  await saveAgencyProfile(db, scope, DEMO_PROFILE);
  const ids = new Map<string, string>();
  for (const unit of DEMO_UNITS) {
    const { id } = await createUnit(db, scope, {
      name: unit.name,
      nameEn: unit.nameEn,
      slug: unit.slug,
      kind: unit.kind,
      parentId: unit.parent ? ids.get(unit.parent) : null,
      functionsHtml: paragraphs(unit.functions),
      functionsEnHtml: paragraphs(unit.functionsEn),
      phone: unit.phone ?? '',
      email: unit.email ?? '',
      position: DEMO_UNITS.filter((u) => u.parent === unit.parent).indexOf(unit),
      isPublishing: true,
    });
    ids.set(unit.key, id);
  }
  for (const official of DEMO_OFFICIALS) {
    const photo = official.photo && (await importImage(db, input.mediaDir, { siteId: input.siteId, bytes: await sharp(Buffer.from(portraitSvg(official.photo))).jpeg({ quality: 82 }).toBuffer(), alt: `Ảnh ${official.positionTitle} ${official.fullName}` }, input.now));
    await createOfficial(db, scope, {
      unitId: ids.get(official.unit),
      fullName: official.fullName,
      positionTitle: official.positionTitle,
      positionEn: official.positionEn,
      phone: official.phone,
      email: official.email,
      photoMediaId: photo ? photo.id : null,
      fieldsInCharge: (official.fields ?? []).join('\n'),
      fieldsInChargeEn: (official.fieldsEn ?? []).join('\n'),
      isLeader: official.leaderOrder !== undefined,
      leaderOrder: official.leaderOrder ?? 0,
      isContactPoint: Boolean(official.isContactPoint),
      isPublishing: true,
    });
  }
  return 1 + DEMO_UNITS.length + DEMO_OFFICIALS.length;
}
