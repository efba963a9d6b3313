/**
 * What the public services screens (public-services.routes.tsx,
 * public-services-import.routes.tsx) share: their addresses, their flash messages, the
 * mapping of the service's error fields onto the form's inputs, and the procedure's form.
 */
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import {
  LEVEL_LABELS,
  MAX_CODE_LENGTH,
  MAX_URL_LENGTH,
  ONLINE_LEVELS,
  ONLINE_LEVEL_LABELS,
  PROCEDURE_LEVELS,
  PROCEDURE_LIMITS,
  documentLine,
  type ProcedureField,
  type ProcedureFields,
  type ProcedureForEditing,
} from '../public-services/index.js';
import { PATHS, flashOf } from './staff-pages.js';
import { DescriptionList, Panel, RichTextField, Select, TextArea, TextField, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.publicServices;

export const PROCEDURE_PATHS = {
  list: BASE,
  create: `${BASE}/moi`,
  procedure: (id: string) => `${BASE}/${id}`,
  import: `${BASE}/nhap`,
  applyImport: `${BASE}/nhap/ap-dung`,
  importTemplate: `${BASE}/nhap/mau-nhap-thu-tuc.csv`,
  fields: `${BASE}/linh-vuc`,
} as const;

/** Flash codes of these screens (`?tb=`); staff-pages' shared codes work too. */
const PROCEDURE_FLASHES: Record<string, FlashMessage> = {
  'tt-da-tao': { kind: 'success', message: 'Đã tạo thủ tục (bản nháp).' },
  'tt-da-tao-xuat-ban': { kind: 'success', message: 'Đã tạo và xuất bản thủ tục: thủ tục hiện trên trang công khai ngay.' },
  'tt-da-luu': { kind: 'success', message: 'Đã lưu thủ tục.' },
  'tt-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: thủ tục hiện trên trang công khai ngay.' },
  'tt-da-go': { kind: 'success', message: 'Đã gỡ thủ tục khỏi trang công khai.' },
  'tt-da-dinh-kem': { kind: 'success', message: 'Đã đính kèm mẫu đơn, tờ khai.' },
  'tt-da-go-tep': { kind: 'success', message: 'Đã gỡ tệp khỏi thủ tục (tệp vẫn còn trong thư viện).' },
  'lv-da-them': { kind: 'success', message: 'Đã thêm lĩnh vực.' },
  'lv-da-luu': { kind: 'success', message: 'Đã lưu lĩnh vực.' },
  'lv-da-xoa': { kind: 'success', message: 'Đã xoá lĩnh vực.' },
};

export function procedureFlashOf(request: FastifyRequest): FlashMessage | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const code = query.tb;
  if (code === 'tt-da-nhap') {
    const created = Number.parseInt(String(query.tao ?? '0'), 10) || 0;
    const skipped = Number.parseInt(String(query.bo ?? '0'), 10) || 0;
    return { kind: 'success', message: `Đã nhập ${formatNumber(created)} thủ tục${skipped ? `; bỏ qua ${formatNumber(skipped)} dòng có lỗi` : ''}.` };
  }
  return (typeof code === 'string' ? PROCEDURE_FLASHES[code] : undefined) ?? flashOf(request);
}

/** The service names fields as the use-cases take them; the form's inputs have these names. */
const INPUT_OF_FIELD: Record<string, string> = { stepsHtml: 'steps_html' };

export function procedureErrorsOf(error: AppError): FieldError[] {
  const field = error.field ? (INPUT_OF_FIELD[error.field] ?? error.field) : undefined;
  return [{ field, message: error.help ? `${error.message} ${error.help}` : error.message }];
}

/** The form's values as text: what was stored, or what was typed when the form comes back with an error. */
export type ProcedureFormValues = Record<string, string>;

export const PROCEDURE_FORM_FIELDS = ['code', 'name', 'slug', 'fieldId', 'level', 'agency', 'onlineLevel', 'methods', 'steps_html', 'documents', 'timeLimit', 'timeLimitDays', 'fee', 'result', 'legalBasis', 'portalUrl'] as const;

export function valuesOfProcedure(fields: ProcedureFields): ProcedureFormValues {
  return {
    code: fields.code,
    name: fields.name,
    slug: fields.slug,
    fieldId: fields.fieldId ?? '',
    level: fields.level,
    agency: fields.agency,
    onlineLevel: fields.onlineLevel,
    methods: fields.methods,
    steps_html: fields.stepsHtml,
    documents: fields.documents.map(documentLine).join('\n'),
    timeLimit: fields.timeLimit,
    timeLimitDays: fields.timeLimitDays === null ? '' : String(fields.timeLimitDays),
    fee: fields.fee,
    result: fields.result,
    legalBasis: fields.legalBasis,
    portalUrl: fields.portalUrl,
  };
}

/** The fields of a procedure's form (new or existing). */
export function ProcedureFormFields({ values, errors, fields }: { values: ProcedureFormValues; errors?: FieldError[]; fields: ProcedureField[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextArea name="name" label="Tên thủ tục" value={values.name} isRequired rows={2} maxLength={PROCEDURE_LIMITS.name} error={error('name')} />
      <TextField name="code" label="Mã thủ tục" value={values.code} isShort maxLength={MAX_CODE_LENGTH} help="Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.001234.000.00.00.H34 hoặc 2.000286. Không bắt buộc." error={error('code')} />
      <Select name="fieldId" label="Lĩnh vực" options={[{ value: '', label: '(Chưa chọn)', isSelected: !values.fieldId }, ...fields.map((f) => ({ value: f.id, label: f.name, isSelected: f.id === values.fieldId }))]} help="Cần có để xuất bản." error={error('fieldId')} />
      <Select name="level" label="Cấp thực hiện" options={PROCEDURE_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l], isSelected: l === (values.level || 'province') }))} error={error('level')} />
      <TextField name="agency" label="Cơ quan thực hiện" value={values.agency} maxLength={PROCEDURE_LIMITS.agency} help="Cần có để xuất bản." error={error('agency')} />
      <Select name="onlineLevel" label="Mức độ dịch vụ công trực tuyến" options={ONLINE_LEVELS.map((l) => ({ value: l, label: ONLINE_LEVEL_LABELS[l], isSelected: l === (values.onlineLevel || 'partial') }))} error={error('onlineLevel')} />
      <TextField name="portalUrl" label="Liên kết Cổng Dịch vụ công" type="url" value={values.portalUrl} maxLength={MAX_URL_LENGTH} help="Địa chỉ https của thủ tục trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn): nút “Nộp hồ sơ trực tuyến” dẫn tới đây." error={error('portalUrl')} />
      <TextArea
        name="documents"
        label="Thành phần hồ sơ"
        value={values.documents}
        rows={6}
        help="Mỗi giấy tờ một dòng, theo thứ tự; số bản ghi ở cuối dòng, ví dụ: Tờ khai đề nghị (Mẫu số 01) (1 bản chính, 1 bản sao). Cần có để xuất bản."
        error={error('documents')}
      />
      <TextField name="timeLimit" label="Thời hạn giải quyết" value={values.timeLimit} maxLength={PROCEDURE_LIMITS.timeLimit} help="Như văn bản ghi, ví dụ: 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ. Cần có để xuất bản." error={error('timeLimit')} />
      <TextField name="timeLimitDays" label="Số ngày làm việc" value={values.timeLimitDays} isShort inputMode="numeric" help="Không bắt buộc: để sắp xếp và lọc theo thời hạn." error={error('timeLimitDays')} />
      <TextField name="fee" label="Phí, lệ phí" value={values.fee} maxLength={PROCEDURE_LIMITS.fee} help='Ghi "Không" nếu không thu. Cần có để xuất bản.' error={error('fee')} />
      <TextArea name="methods" label="Cách thức thực hiện" value={values.methods} rows={3} maxLength={PROCEDURE_LIMITS.methods} help="Mỗi cách một dòng: trực tiếp, bưu chính, trực tuyến…" error={error('methods')} />
      <RichTextField name="steps_html" label="Trình tự thực hiện" value={values.steps_html} error={error('steps_html')} />
      <TextField name="result" label="Kết quả thực hiện" value={values.result} maxLength={PROCEDURE_LIMITS.result} error={error('result')} />
      <TextArea name="legalBasis" label="Căn cứ pháp lý" value={values.legalBasis} rows={4} maxLength={PROCEDURE_LIMITS.legalBasis} help="Mỗi văn bản một dòng. Số ký hiệu có trong mục Văn bản của trang tự thành liên kết." error={error('legalBasis')} />
      <TextField name="slug" label="Địa chỉ (slug)" value={values.slug} maxLength={PROCEDURE_LIMITS.slug} help="Để trống: tự đặt theo tên thủ tục. Chữ thường không dấu, chữ số và dấu gạch ngang." error={error('slug')} />
    </>
  );
}

/** A published procedure as an editor (who may not change it) sees it. */
export function ReadOnlyProcedure({ procedure, fields }: { procedure: ProcedureForEditing; fields: ProcedureField[] }) {
  const f = procedure.fields;
  return (
    <Panel title="Nội dung thủ tục">
      <p>Thủ tục đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa. Hãy nhờ họ sửa, hoặc gỡ thủ tục xuống trước.</p>
      <DescriptionList
        items={[
          { term: 'Tên thủ tục', details: f.name },
          { term: 'Mã thủ tục', details: f.code },
          { term: 'Lĩnh vực', details: fields.find((x) => x.id === f.fieldId)?.name ?? '' },
          { term: 'Cấp thực hiện', details: LEVEL_LABELS[f.level] },
          { term: 'Cơ quan thực hiện', details: f.agency },
          { term: 'Mức độ', details: ONLINE_LEVEL_LABELS[f.onlineLevel] },
          { term: 'Thành phần hồ sơ', details: f.documents.map(documentLine).join('; ') },
          { term: 'Thời hạn giải quyết', details: f.timeLimit },
          { term: 'Phí, lệ phí', details: f.fee },
          { term: 'Liên kết Cổng Dịch vụ công', details: f.portalUrl },
        ]}
      />
    </Panel>
  );
}
