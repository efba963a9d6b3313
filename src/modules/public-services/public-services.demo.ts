/**
 * The demo agency's procedures (a provincial Department of Labour, Invalids and Social
 * Affairs): fifteen common ones across six fields, described in our own words after the
 * national database's records, each linking to its page on the national portal. Written
 * through the real service as the operator, so they are published, searchable and
 * counted in the site's content version like staff's own.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { uploadToLibrary } from '../media/index.js';
import { DEMO_FORMS, formDocx } from './demo-forms.js';
import { ensureDefaultProcedureFields, listProcedureFields } from './procedure-fields.js';
import { nationalPortalUrl } from './procedure-rules.js';
import { attachProcedureFile, createProcedure, type ProcedureInput } from './public-services.service.js';

const SO = 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum';
const DIRECT = 'Nộp trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả của Trung tâm Phục vụ hành chính công tỉnh.\nNộp qua dịch vụ bưu chính công ích.\nNộp trực tuyến trên Cổng Dịch vụ công quốc gia.';
const STEPS = (receive: string, handle: string) =>
  `<ol><li><p><strong>Bước 1:</strong> ${receive}</p></li><li><p><strong>Bước 2:</strong> Bộ phận một cửa kiểm tra hồ sơ; hồ sơ chưa đầy đủ được hướng dẫn bổ sung một lần bằng văn bản.</p></li><li><p><strong>Bước 3:</strong> ${handle}</p></li><li><p><strong>Bước 4:</strong> Trả kết quả tại nơi nộp hồ sơ, qua bưu chính hoặc trên Cổng Dịch vụ công.</p></li></ol>`;

interface DemoProcedure extends ProcedureInput {
  field: string;
  code: string;
}

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    field: 'Việc làm',
    code: '1.000105',
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: STEPS('Người sử dụng lao động nộp hồ sơ đề nghị cấp giấy phép lao động chậm nhất 15 ngày trước ngày người nước ngoài dự kiến bắt đầu làm việc.', 'Sở Lao động - Thương binh và Xã hội xem xét và cấp giấy phép lao động; trường hợp không cấp thì trả lời bằng văn bản, nêu rõ lý do.'),
    documents: [
      'Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động (Mẫu số 11/PLI) (1 bản chính)',
      'Giấy chứng nhận sức khỏe do cơ sở y tế có thẩm quyền cấp trong vòng 12 tháng (1 bản chính)',
      'Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người phạm tội, cấp không quá 6 tháng (1 bản chính)',
      'Văn bằng, chứng chỉ hoặc giấy tờ chứng minh kinh nghiệm chuyên môn (1 bản sao)',
      '02 ảnh màu cỡ 4 cm x 6 cm, phông nền trắng, chụp không quá 6 tháng',
      'Hộ chiếu còn giá trị theo quy định của pháp luật (1 bản sao)',
    ].join('\n'),
    timeLimit: '05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',
    timeLimitDays: 5,
    fee: 'Theo quy định của Hội đồng nhân dân tỉnh',
    result: 'Giấy phép lao động',
    legalBasis: 'Bộ luật Lao động số 45/2019/QH14\nNghị định 152/2020/NĐ-CP quy định về người lao động nước ngoài làm việc tại Việt Nam\nNghị định 70/2023/NĐ-CP sửa đổi, bổ sung Nghị định 152/2020/NĐ-CP',
    onlineLevel: 'full',
  },
  {
    field: 'Việc làm',
    code: '1.001978',
    name: 'Giải quyết hưởng trợ cấp thất nghiệp',
    level: 'province',
    agency: 'Trung tâm Dịch vụ việc làm tỉnh Kon Tum',
    methods: 'Người lao động nộp trực tiếp tại Trung tâm Dịch vụ việc làm nơi muốn nhận trợ cấp.\nNộp trực tuyến trên Cổng Dịch vụ công quốc gia.',
    stepsHtml: STEPS('Trong 03 tháng kể từ ngày chấm dứt hợp đồng lao động, người lao động nộp hồ sơ tại Trung tâm Dịch vụ việc làm.', 'Trung tâm xem xét, trình Giám đốc Sở quyết định hưởng trợ cấp thất nghiệp; Bảo hiểm xã hội chi trả tháng đầu trong 05 ngày làm việc kể từ ngày có quyết định.'),
    documents: 'Đề nghị hưởng trợ cấp thất nghiệp (Mẫu số 03) (1 bản chính)\nQuyết định thôi việc, thông báo hoặc thỏa thuận chấm dứt hợp đồng lao động (1 bản sao)\nSổ bảo hiểm xã hội (1 bản chính)',
    timeLimit: '20 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 20,
    fee: 'Không',
    result: 'Quyết định hưởng trợ cấp thất nghiệp',
    legalBasis: 'Luật Việc làm số 38/2013/QH13\nNghị định 28/2015/NĐ-CP quy định chi tiết Luật Việc làm về bảo hiểm thất nghiệp',
    onlineLevel: 'full',
  },
  {
    field: 'Việc làm',
    code: '1.001865',
    name: 'Thông báo về việc tìm kiếm việc làm hằng tháng của người đang hưởng trợ cấp thất nghiệp',
    level: 'province',
    agency: 'Trung tâm Dịch vụ việc làm tỉnh Kon Tum',
    methods: 'Người lao động trực tiếp đến Trung tâm Dịch vụ việc làm.\nGửi thông báo trực tuyến trên Cổng Dịch vụ công quốc gia.',
    stepsHtml: '<p>Hằng tháng, trong thời gian hưởng trợ cấp, người lao động thông báo với Trung tâm Dịch vụ việc làm về việc tìm kiếm việc làm theo lịch hẹn ghi trong phiếu hẹn trả kết quả.</p>',
    documents: 'Thông báo về việc tìm kiếm việc làm (Mẫu số 16) (1 bản chính)',
    timeLimit: 'Trong ngày làm việc',
    timeLimitDays: 0,
    fee: 'Không',
    result: 'Trung tâm Dịch vụ việc làm ghi nhận thông báo',
    legalBasis: 'Luật Việc làm số 38/2013/QH13\nNghị định 28/2015/NĐ-CP',
    onlineLevel: 'full',
  },
  {
    field: 'Lao động, tiền lương',
    code: '2.001955',
    name: 'Đăng ký nội quy lao động của doanh nghiệp',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: STEPS('Trong 10 ngày kể từ ngày ban hành nội quy lao động, người sử dụng lao động nộp hồ sơ đăng ký.', 'Nếu nội quy có quy định trái pháp luật, Sở thông báo, hướng dẫn người sử dụng lao động sửa đổi, bổ sung và đăng ký lại.'),
    documents: 'Văn bản đề nghị đăng ký nội quy lao động (1 bản chính)\nNội quy lao động (1 bản chính)\nVăn bản góp ý của tổ chức đại diện người lao động tại cơ sở, nếu có (1 bản sao)\nCác văn bản của người sử dụng lao động có quy định liên quan đến kỷ luật lao động và trách nhiệm vật chất, nếu có (1 bản sao)',
    timeLimit: '07 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 7,
    fee: 'Không',
    result: 'Văn bản thông báo về việc đăng ký nội quy lao động',
    legalBasis: 'Bộ luật Lao động số 45/2019/QH14\nNghị định 145/2020/NĐ-CP quy định chi tiết Bộ luật Lao động về điều kiện lao động và quan hệ lao động',
    onlineLevel: 'full',
  },
  {
    field: 'Lao động, tiền lương',
    code: '1.009469',
    name: 'Gửi thang lương, bảng lương, định mức lao động của doanh nghiệp',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: '<p>Doanh nghiệp xây dựng thang lương, bảng lương, định mức lao động, tham khảo ý kiến tổ chức đại diện người lao động, công bố công khai tại nơi làm việc trước khi thực hiện và gửi đến cơ quan quản lý nhà nước về lao động khi có yêu cầu.</p>',
    documents: 'Thang lương, bảng lương của doanh nghiệp (1 bản chính)\nĐịnh mức lao động (1 bản chính)',
    timeLimit: 'Không quy định',
    fee: 'Không',
    result: 'Cơ quan quản lý nhà nước về lao động tiếp nhận',
    legalBasis: 'Bộ luật Lao động số 45/2019/QH14\nNghị định 145/2020/NĐ-CP',
    onlineLevel: 'full',
  },
  {
    field: 'Giáo dục nghề nghiệp',
    code: '1.000479',
    name: 'Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp đối với trung tâm giáo dục nghề nghiệp, trường trung cấp, doanh nghiệp',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: STEPS('Cơ sở giáo dục nghề nghiệp nộp hồ sơ đăng ký hoạt động giáo dục nghề nghiệp.', 'Sở thẩm định hồ sơ, kiểm tra thực tế các điều kiện bảo đảm và cấp giấy chứng nhận; không cấp thì trả lời bằng văn bản.'),
    documents: 'Văn bản đề nghị cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp (1 bản chính)\nQuyết định thành lập hoặc cho phép thành lập (1 bản sao)\nBáo cáo thực trạng cơ sở vật chất, thiết bị, đội ngũ nhà giáo, chương trình, giáo trình (1 bản chính)',
    timeLimit: '10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',
    timeLimitDays: 10,
    fee: 'Không',
    result: 'Giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp',
    legalBasis: 'Luật Giáo dục nghề nghiệp số 74/2014/QH13\nNghị định 15/2019/NĐ-CP quy định chi tiết Luật Giáo dục nghề nghiệp',
    onlineLevel: 'partial',
  },
  {
    field: 'Giáo dục nghề nghiệp',
    code: '2.000192',
    name: 'Hỗ trợ đào tạo trình độ sơ cấp, đào tạo dưới 3 tháng cho lao động nông thôn',
    level: 'district',
    agency: 'Phòng Lao động - Thương binh và Xã hội cấp huyện',
    methods: 'Nộp trực tiếp tại Bộ phận một cửa của Ủy ban nhân dân cấp huyện.',
    stepsHtml: '<p>Người lao động đăng ký học nghề với Ủy ban nhân dân cấp xã hoặc cơ sở đào tạo; cơ sở đào tạo tổng hợp danh sách, tổ chức lớp và đề nghị thanh toán kinh phí hỗ trợ theo kế hoạch được giao.</p>',
    documents: 'Giấy đề nghị học nghề (1 bản chính)\nBản sao giấy tờ chứng minh thuộc đối tượng được hỗ trợ, nếu có (1 bản sao)',
    timeLimit: 'Theo kế hoạch đào tạo được phê duyệt',
    fee: 'Không',
    result: 'Người lao động được tham gia khóa đào tạo và hỗ trợ chi phí',
    legalBasis: 'Quyết định 46/2015/QĐ-TTg quy định chính sách hỗ trợ đào tạo trình độ sơ cấp, đào tạo dưới 3 tháng',
    onlineLevel: 'partial',
  },
  {
    field: 'Người có công',
    code: '1.010801',
    name: 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: STEPS('Người được cử thờ cúng liệt sĩ nộp hồ sơ tại Ủy ban nhân dân cấp xã nơi cư trú.', 'Ủy ban nhân dân cấp xã xác nhận, gửi Phòng Lao động - Thương binh và Xã hội; Sở ra quyết định trợ cấp thờ cúng liệt sĩ.'),
    documents: 'Văn bản ủy quyền của thân nhân liệt sĩ hoặc biên bản họp gia đình cử người thờ cúng (Mẫu số 11) (1 bản chính)\nBằng Tổ quốc ghi công (1 bản sao)',
    timeLimit: '12 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 12,
    fee: 'Không',
    result: 'Quyết định trợ cấp thờ cúng liệt sĩ',
    legalBasis: 'Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14\nNghị định 131/2021/NĐ-CP\nNghị định 75/2021/NĐ-CP',
    onlineLevel: 'partial',
  },
  {
    field: 'Người có công',
    code: '1.010823',
    name: 'Giải quyết chế độ ưu đãi đối với con đẻ của người hoạt động kháng chiến bị nhiễm chất độc hóa học',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: STEPS('Cá nhân nộp hồ sơ tại Ủy ban nhân dân cấp xã nơi thường trú.', 'Sở giới thiệu giám định tại Hội đồng giám định y khoa và ra quyết định trợ cấp theo kết quả giám định.'),
    documents: 'Tờ khai đề nghị giải quyết chế độ (Mẫu số 06) (1 bản chính)\nGiấy khai sinh (1 bản sao)\nGiấy tờ chứng minh cha hoặc mẹ là người hoạt động kháng chiến bị nhiễm chất độc hóa học (1 bản sao)',
    timeLimit: '35 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 35,
    fee: 'Không',
    result: 'Quyết định trợ cấp, phụ cấp hằng tháng',
    legalBasis: 'Nghị định 131/2021/NĐ-CP\nNghị định 75/2021/NĐ-CP',
    onlineLevel: 'partial',
  },
  {
    field: 'Người có công',
    code: '1.002745',
    name: 'Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ',
    level: 'province',
    agency: SO,
    methods: 'Nộp trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả của Trung tâm Phục vụ hành chính công tỉnh.',
    stepsHtml: '<p>Thân nhân liệt sĩ hoặc người thờ cúng liệt sĩ nộp đề nghị; Sở cấp giấy giới thiệu và chi hỗ trợ tiền đi lại, tiền ăn theo mức quy định.</p>',
    documents: 'Đơn đề nghị thăm viếng mộ liệt sĩ (Mẫu số 38) có xác nhận của Ủy ban nhân dân cấp xã (1 bản chính)',
    timeLimit: '01 ngày làm việc',
    timeLimitDays: 1,
    fee: 'Không',
    result: 'Giấy giới thiệu thăm viếng mộ liệt sĩ',
    legalBasis: 'Nghị định 131/2021/NĐ-CP\nNghị định 75/2021/NĐ-CP',
    onlineLevel: 'partial',
  },
  {
    field: 'Bảo trợ xã hội',
    code: '2.000286',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng',
    level: 'district',
    agency: 'Ủy ban nhân dân cấp huyện; Phòng Lao động - Thương binh và Xã hội',
    methods: 'Nộp trực tiếp tại Ủy ban nhân dân cấp xã.\nNộp trực tuyến trên Cổng Dịch vụ công quốc gia.',
    stepsHtml: STEPS('Đối tượng hoặc người giám hộ nộp tờ khai tại Ủy ban nhân dân cấp xã.', 'Hội đồng xét duyệt cấp xã xét duyệt, niêm yết công khai; Chủ tịch Ủy ban nhân dân cấp huyện quyết định trợ cấp xã hội hằng tháng.'),
    documents: 'Tờ khai đề nghị trợ giúp xã hội theo mẫu tại Nghị định 20/2021/NĐ-CP (1 bản chính)\nGiấy xác nhận khuyết tật, nếu là người khuyết tật (1 bản sao)',
    timeLimit: '22 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 22,
    fee: 'Không',
    result: 'Quyết định trợ cấp xã hội hằng tháng',
    legalBasis: 'Nghị định 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội',
    onlineLevel: 'full',
  },
  {
    field: 'Bảo trợ xã hội',
    code: '1.001758',
    name: 'Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội cấp tỉnh',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: '<p>Đối tượng hoặc người giám hộ làm đơn; Ủy ban nhân dân cấp xã, Phòng Lao động - Thương binh và Xã hội xem xét, đề nghị; Giám đốc Sở quyết định tiếp nhận vào cơ sở trợ giúp xã hội.</p>',
    documents: 'Tờ khai đề nghị tiếp nhận (1 bản chính)\nBản sao giấy khai sinh hoặc căn cước (1 bản sao)\nGiấy tờ liên quan khác, nếu có',
    timeLimit: '20 ngày làm việc',
    timeLimitDays: 20,
    fee: 'Không',
    result: 'Quyết định tiếp nhận vào cơ sở trợ giúp xã hội',
    legalBasis: 'Nghị định 20/2021/NĐ-CP',
    onlineLevel: 'partial',
  },
  {
    field: 'An toàn, vệ sinh lao động',
    code: '2.000134',
    name: 'Khai báo với Sở Lao động - Thương binh và Xã hội khi đưa vào sử dụng các loại máy, thiết bị có yêu cầu nghiêm ngặt về an toàn lao động',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: '<p>Trong 30 ngày kể từ khi đưa máy, thiết bị vào sử dụng, tổ chức, cá nhân gửi hồ sơ khai báo; Sở xác nhận đã khai báo.</p>',
    documents: 'Phiếu khai báo sử dụng đối tượng kiểm định (1 bản chính)\nGiấy chứng nhận kết quả kiểm định (1 bản sao)',
    timeLimit: '05 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 5,
    fee: 'Không',
    result: 'Xác nhận khai báo',
    legalBasis: 'Luật An toàn, vệ sinh lao động số 84/2015/QH13\nNghị định 44/2016/NĐ-CP',
    onlineLevel: 'full',
  },
  {
    field: 'Trẻ em',
    code: '1.004946',
    name: 'Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em',
    level: 'commune',
    agency: 'Ủy ban nhân dân cấp xã',
    methods: 'Thông báo trực tiếp, qua điện thoại hoặc Tổng đài quốc gia bảo vệ trẻ em 111.',
    stepsHtml: '<p>Cơ quan, tổ chức, cá nhân thông báo tin báo về trẻ em có nguy cơ hoặc đang bị tổn hại; Chủ tịch Ủy ban nhân dân cấp xã quyết định biện pháp can thiệp khẩn cấp trong 12 giờ.</p>',
    documents: 'Thông tin, tin báo, tố giác về trẻ em bị xâm hại (không yêu cầu giấy tờ)',
    timeLimit: '12 giờ kể từ khi nhận được thông tin',
    timeLimitDays: 0,
    fee: 'Không',
    result: 'Quyết định áp dụng biện pháp can thiệp khẩn cấp',
    legalBasis: 'Luật Trẻ em số 102/2016/QH13\nNghị định 56/2017/NĐ-CP',
    onlineLevel: 'partial',
  },
  {
    field: 'Quản lý lao động ngoài nước',
    code: '1.001823',
    name: 'Đăng ký hợp đồng lao động trực tiếp giao kết của người lao động đi làm việc ở nước ngoài',
    level: 'province',
    agency: SO,
    methods: DIRECT,
    stepsHtml: STEPS('Người lao động nộp hồ sơ đăng ký trước khi xuất cảnh.', 'Sở xem xét; trường hợp không chấp thuận thì trả lời bằng văn bản, nêu rõ lý do.'),
    documents: 'Hợp đồng lao động có bản dịch tiếng Việt (1 bản sao)\nVăn bản xác nhận việc làm hợp pháp của người lao động ở nước ngoài (1 bản sao)\nHộ chiếu còn giá trị (1 bản sao)',
    timeLimit: '05 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: 5,
    fee: 'Không',
    result: 'Văn bản xác nhận đăng ký hợp đồng lao động',
    legalBasis: 'Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng số 69/2020/QH14',
    onlineLevel: 'full',
  },
];

/** Creates and publishes the demo procedures on the site, with their forms in the media library; returns how many procedures it wrote. */
export async function seedDemoPublicServices(db: Kysely<Database>, input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  const scope = operatorScope(input.siteId, input.now);
  await ensureDefaultProcedureFields(db, { siteId: input.siteId, now: input.now });
  const fields = new Map((await listProcedureFields(db, input.siteId)).map((f) => [f.name, f.id]));
  const ids = new Map<string, string>();
  for (const { field, ...procedure } of DEMO_PROCEDURES) {
    const fieldId = fields.get(field);
    if (!fieldId) throw new Error(`demo procedure "${procedure.name}" names unknown field ${field}`);
    ids.set(procedure.code, (await createProcedure(db, scope, { ...procedure, fieldId, portalUrl: nationalPortalUrl(procedure.code), isPublishing: true })).id);
  }
  for (const form of DEMO_FORMS) {
    const procedureId = ids.get(form.code);
    if (!procedureId) throw new Error(`demo form "${form.fileName}" names unknown procedure ${form.code}`);
    const media = await uploadToLibrary(db, input.mediaDir, scope, { bytes: formDocx(form.title, form.lines), originalName: form.fileName });
    await attachProcedureFile(db, scope, { procedureId, mediaId: media.id });
  }
  return DEMO_PROCEDURES.length;
}
