/**
 * The body of the seed-like article: a long year-end report of a provincial Department of
 * Labour, Invalids and Social Affairs (the page in DESIGN.md's seed), with headings, lists,
 * a statistics table per section and inline photos, grown until it reaches a target size.
 * Real agencies publish reports of this length; the page around it adds menus and sidebars.
 */

const OPENING = [
  'Sáng ngày 13/01/2022, Sở Lao động - Thương binh và Xã hội đã tổ chức Hội nghị Tổng kết công tác lao động, người có công và xã hội năm 2021 và triển khai nhiệm vụ công tác năm 2022.',
  'Đồng chí A Kang, Giám đốc Sở chủ trì Hội nghị. Tham dự Hội nghị có các đồng chí lãnh đạo Sở; lãnh đạo các phòng chuyên môn, đơn vị trực thuộc Sở và lãnh đạo Phòng Lao động - Thương binh và Xã hội các huyện, thành phố.',
  'Hội nghị đã nghe thông qua dự thảo Báo cáo kết quả thực hiện nhiệm vụ công tác lao động, người có công và xã hội năm 2021; phương hướng, nhiệm vụ trọng tâm năm 2022 cùng các ý kiến tham gia của các đại biểu tham dự.',
];

const SUMMARY =
  'Trong năm 2021, trên cơ sở chỉ đạo, hướng dẫn của Bộ Lao động - Thương binh và Xã hội và Ủy ban nhân dân tỉnh, cùng với sự nỗ lực cao của tập thể lãnh đạo và công chức, viên chức, người lao động, mặc dù gặp nhiều khó khăn do đại dịch COVID-19 diễn ra nhưng các chỉ tiêu kế hoạch của ngành đều cơ bản hoàn thành, nhiều chỉ tiêu đạt và vượt kế hoạch như: giải quyết việc làm cho 6.518/5.700 người, đạt 114,35% kế hoạch; tỷ lệ lao động qua đào tạo 55,7%, đạt 103,1% kế hoạch; tỷ lệ bao phủ bảo hiểm xã hội 17,69%, mức giảm tỷ lệ hộ nghèo 4,11%, đạt 102,75% kế hoạch.';

const CLOSING =
  'Với những kết quả đạt được cùng những khó khăn, hạn chế nêu trên, để hoàn thành các chỉ tiêu kế hoạch đã đề ra trong năm 2022, đồng chí A Kang, Giám đốc Sở quán triệt trong thời gian tới, toàn ngành cần tiếp tục nỗ lực, đoàn kết, tranh thủ sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp; xây dựng kế hoạch cụ thể, triển khai đồng bộ, quyết liệt các nhiệm vụ để đảm bảo hoàn thành các chỉ tiêu, kế hoạch được giao trong năm 2022.';

interface Section {
  title: string;
  results: string[];
  limits: string;
  tasks: string[];
  indicators: Array<[label: string, plan: string, done: string, ratio: string]>;
}

const SECTIONS: Section[] = [
  {
    title: 'Lao động, việc làm và giáo dục nghề nghiệp',
    results: [
      'Công tác giáo dục nghề nghiệp triển khai kịp thời, đảm bảo nội dung để các cơ sở giáo dục nghề nghiệp nắm bắt thực hiện đúng tiến độ; xây dựng, chỉnh sửa chương trình, giáo trình, tiếp cận kịp thời kiến thức khoa học kỹ thuật mới và nhu cầu sử dụng lao động sau đào tạo.',
      'Bước đầu đã có một số đơn vị triển khai công tác gắn kết giữa đào tạo nghề nghiệp với các tổ chức, doanh nghiệp, góp phần nâng cao chất lượng đào tạo và tạo việc làm cho người lao động sau học nghề.',
      'Trung tâm Dịch vụ việc làm tỉnh tổ chức 24 phiên giao dịch việc làm, trong đó 16 phiên trực tuyến, tư vấn cho 3.215 lượt người, giới thiệu việc làm cho 1.208 người; giải quyết hưởng trợ cấp thất nghiệp cho 2.036 người với tổng số tiền 31,4 tỷ đồng.',
    ],
    limits: 'Công tác đưa người lao động đi làm việc ở nước ngoài theo hợp đồng đạt thấp do các thị trường tạm dừng tiếp nhận vì dịch bệnh; chất lượng nguồn nhân lực chưa đáp ứng yêu cầu của doanh nghiệp.',
    tasks: ['Phấn đấu giải quyết việc làm cho 5.800 lao động', 'Nâng tỷ lệ lao động qua đào tạo lên 57%', 'Đưa 150 lao động đi làm việc ở nước ngoài theo hợp đồng', 'Tổ chức ít nhất 12 phiên giao dịch việc làm'],
    indicators: [
      ['Giải quyết việc làm (người)', '5.700', '6.518', '114,35%'],
      ['Tỷ lệ lao động qua đào tạo', '54%', '55,7%', '103,1%'],
      ['Tuyển sinh giáo dục nghề nghiệp (người)', '4.500', '4.812', '106,93%'],
      ['Xuất khẩu lao động (người)', '200', '37', '18,5%'],
    ],
  },
  {
    title: 'Người có công với cách mạng',
    results: [
      'Các chế độ, chính sách, dự án ưu đãi đối với người có công với cách mạng được thực hiện đầy đủ, kịp thời theo quy định; đã tham mưu thực hiện chi trả trợ cấp ưu đãi người có công qua hệ thống bưu điện toàn tỉnh.',
      'Nhân dịp Tết Nguyên đán và kỷ niệm 74 năm Ngày Thương binh - Liệt sĩ, toàn tỉnh đã tặng 12.486 suất quà với tổng kinh phí 6,2 tỷ đồng; hỗ trợ xây mới và sửa chữa 86 nhà ở cho người có công.',
    ],
    limits: 'Công tác điều dưỡng tập trung trong và ngoài tỉnh đối với người có công đạt thấp do phải tạm dừng để phòng, chống dịch COVID-19; việc xác định danh tính hài cốt liệt sĩ còn thiếu thông tin còn chậm.',
    tasks: ['Giải quyết kịp thời hồ sơ xác nhận người có công', 'Tổ chức điều dưỡng cho 1.500 người có công', 'Tu bổ, nâng cấp các nghĩa trang liệt sĩ', 'Đẩy mạnh phong trào Đền ơn đáp nghĩa'],
    indicators: [
      ['Hồ sơ người có công được giải quyết', '1.200', '1.346', '112,17%'],
      ['Người có công được điều dưỡng', '1.500', '412', '27,47%'],
      ['Nhà ở người có công được hỗ trợ', '80', '86', '107,5%'],
    ],
  },
  {
    title: 'Giảm nghèo và bảo trợ xã hội',
    results: [
      'Kịp thời tham mưu Ủy ban nhân dân tỉnh chỉ đạo triển khai thực hiện chính sách trợ giúp xã hội cho đối tượng bảo trợ xã hội theo quy định tại Nghị định số 20/2021/NĐ-CP của Chính phủ.',
      'Tổng số đối tượng bảo trợ xã hội đang hưởng trợ cấp hằng tháng là 18.624 người; đã hỗ trợ 4.215 người lao động và người sử dụng lao động gặp khó khăn do đại dịch COVID-19 theo Nghị quyết số 68/NQ-CP với tổng kinh phí 9,8 tỷ đồng.',
      'Tỷ lệ hộ nghèo toàn tỉnh giảm từ 17,12% xuống còn 13,01%, mức giảm 4,11%, đạt 102,75% kế hoạch; các chính sách hỗ trợ hộ nghèo về y tế, giáo dục, nhà ở, tín dụng được thực hiện đầy đủ.',
    ],
    limits: 'Việc xã hội hóa nguồn lực hỗ trợ cho người yếu thế, đặc biệt là người khuyết tật còn gặp khó khăn; một bộ phận hộ nghèo còn tư tưởng trông chờ, ỷ lại vào sự hỗ trợ của Nhà nước.',
    tasks: ['Giảm tỷ lệ hộ nghèo từ 3% trở lên', 'Chi trả trợ cấp đúng đối tượng, đúng thời hạn', 'Rà soát hộ nghèo, hộ cận nghèo theo chuẩn nghèo đa chiều giai đoạn 2022 - 2025'],
    indicators: [
      ['Mức giảm tỷ lệ hộ nghèo', '4%', '4,11%', '102,75%'],
      ['Đối tượng bảo trợ xã hội hưởng trợ cấp (người)', '18.000', '18.624', '103,47%'],
      ['Tỷ lệ bao phủ bảo hiểm xã hội', '17%', '17,69%', '104,06%'],
    ],
  },
  {
    title: 'Bảo vệ, chăm sóc trẻ em và bình đẳng giới',
    results: [
      'Công tác bảo vệ, chăm sóc trẻ em được thực hiện đầy đủ, kịp thời theo quy định; 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế; 92,3% xã, phường, thị trấn đạt tiêu chuẩn xã, phường phù hợp với trẻ em.',
      'Tháng hành động vì trẻ em được tổ chức theo hình thức phù hợp với tình hình dịch bệnh; đã trao 1.650 suất quà cho trẻ em có hoàn cảnh đặc biệt khó khăn với tổng giá trị 825 triệu đồng.',
    ],
    limits: 'Không tổ chức được các Tháng hành động thuộc các lĩnh vực của ngành nên công tác tuyên truyền phần nào còn hạn chế, chủ yếu qua hình thức gián tiếp.',
    tasks: ['Duy trì tỷ lệ trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế', 'Giảm tỷ lệ trẻ em bị xâm hại', 'Lồng ghép bình đẳng giới trong xây dựng chính sách'],
    indicators: [
      ['Xã, phường phù hợp với trẻ em', '90%', '92,3%', '102,56%'],
      ['Trẻ em hoàn cảnh đặc biệt được trợ giúp', '95%', '97,1%', '102,21%'],
    ],
  },
  {
    title: 'Thanh tra, giải quyết khiếu nại, tố cáo và cải cách hành chính',
    results: [
      'Công tác giải quyết đơn thư khiếu nại, tố cáo được giải quyết theo đúng thẩm quyền quy định, hiện tại không có đơn thư khiếu nại khiếu kiện kéo dài.',
      'Sở đã tiếp nhận và giải quyết 9.412 hồ sơ thủ tục hành chính, 100% đúng hạn; 68 thủ tục được cung cấp dịch vụ công trực tuyến mức độ 3 và 4 trên Cổng Dịch vụ công của tỉnh.',
    ],
    limits: 'Tỷ lệ hồ sơ nộp trực tuyến còn thấp so với số thủ tục đã cung cấp trực tuyến; một số cán bộ chưa khai thác hết chức năng của hệ thống quản lý văn bản điều hành.',
    tasks: ['Thanh tra, kiểm tra việc chấp hành pháp luật lao động tại 60 doanh nghiệp', 'Nâng tỷ lệ hồ sơ trực tuyến lên 50%', 'Số hóa kết quả giải quyết thủ tục hành chính'],
    indicators: [
      ['Hồ sơ thủ tục hành chính giải quyết đúng hạn', '100%', '100%', '100%'],
      ['Doanh nghiệp được thanh tra, kiểm tra', '50', '54', '108%'],
    ],
  },
];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

function figure(mediaId: string, caption: string): string {
  return `<figure><img data-media-id="${mediaId}" alt="${escapeHtml(caption)}"><figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

function indicatorTable(section: Section, round: number): string {
  const rows = section.indicators.map(([label, plan, done, ratio]) => `<tr><td>${escapeHtml(label)}</td><td>${plan}</td><td>${done}</td><td>${ratio}</td></tr>`).join('');
  return `<table><caption>Bảng ${round}. Kết quả thực hiện chỉ tiêu: ${escapeHtml(section.title.toLowerCase())}</caption><thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Kế hoạch</th><th scope="col">Thực hiện</th><th scope="col">Tỷ lệ</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function sectionHtml(section: Section, round: number, photoId: string): string {
  return [
    `<h2>${round}. ${escapeHtml(section.title)}</h2>`,
    `<h3>${round}.1. Kết quả đạt được</h3>`,
    ...section.results.map(paragraph),
    indicatorTable(section, round),
    figure(photoId, `Quang cảnh buổi làm việc về lĩnh vực ${section.title.toLowerCase()}`),
    `<h3>${round}.2. Tồn tại, hạn chế</h3>`,
    paragraph(section.limits),
    `<h3>${round}.3. Nhiệm vụ trọng tâm năm 2022</h3>`,
    `<ul>${section.tasks.map((task) => `<li>${escapeHtml(task)};</li>`).join('')}</ul>`,
    `<blockquote><p>${escapeHtml(`Ý kiến tham luận của đại biểu về ${section.title.toLowerCase()}: cần tăng cường phối hợp giữa các sở, ngành và địa phương để hoàn thành chỉ tiêu năm 2022.`)}</p></blockquote>`,
  ].join('\n');
}

/**
 * About `targetBytes` of sanitiser-clean HTML (UTF-8): the opening of the seed page, then
 * report sections cycled until the size is reached, then the closing paragraph.
 */
export function seedArticleBody(input: { targetBytes: number; speechPhotoId: string; sectionPhotoIds: string[] }): string {
  const parts = [...OPENING.map(paragraph), figure(input.speechPhotoId, 'Đ/c A Kang, Giám đốc Sở, phát biểu chỉ đạo tại Hội nghị'), paragraph(SUMMARY)];
  let size = Buffer.byteLength(parts.join('\n'));
  for (let round = 1; size < input.targetBytes; round++) {
    const section = SECTIONS[(round - 1) % SECTIONS.length]!;
    const html = sectionHtml(section, round, input.sectionPhotoIds[(round - 1) % input.sectionPhotoIds.length]!);
    parts.push(html);
    size += Buffer.byteLength(html) + 1;
  }
  parts.push(paragraph(CLOSING));
  return parts.join('\n');
}
