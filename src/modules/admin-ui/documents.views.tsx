/**
 * What the legal documents screens (documents.routes.tsx, documents-import.routes.tsx)
 * share: their addresses, their flash messages, the multipart reader, the mapping of
 * the service's error fields onto the form's inputs, and the document's form fields.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { DOCUMENT_LIMITS, DOCUMENT_STATUS_LABELS, PUBLICATION_LABELS, formatDocumentDay, type DocumentListItem, type LegalDocumentForEditing, type Publication } from '../legal-documents/index.js';
import { PATHS, flashOf } from './staff-pages.js';
import { DescriptionList, Panel, RichTextField, Select, TextArea, TextField, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.documents;

export const DOCUMENT_PATHS = {
  list: BASE,
  create: `${BASE}/moi`,
  document: (id: string) => `${BASE}/${id}`,
  import: `${BASE}/nhap`,
  applyImport: `${BASE}/nhap/ap-dung`,
  importTemplate: `${BASE}/nhap/mau-nhap-van-ban.csv`,
  lists: `${BASE}/danh-muc`,
} as const;

/** Flash codes of these screens (`?tb=`); staff-pages' shared codes work too. */
const DOCUMENT_FLASHES: Record<string, FlashMessage> = {
  'vb-da-tao': { kind: 'success', message: 'Đã tạo văn bản (bản nháp).' },
  'vb-da-tao-xuat-ban': { kind: 'success', message: 'Đã tạo và xuất bản văn bản: văn bản hiện trên trang công khai ngay.' },
  'vb-da-luu': { kind: 'success', message: 'Đã lưu văn bản.' },
  'vb-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: văn bản hiện trên trang công khai ngay.' },
  'vb-da-go': { kind: 'success', message: 'Đã gỡ văn bản khỏi trang công khai.' },
  'vb-da-thay-the': { kind: 'success', message: 'Đã ghi nhận văn bản thay thế.' },
  'vb-bo-thay-the': { kind: 'success', message: 'Đã bỏ ghi nhận văn bản thay thế.' },
  'vb-da-dinh-kem': { kind: 'success', message: 'Đã đính kèm tệp.' },
  'vb-da-go-tep': { kind: 'success', message: 'Đã gỡ tệp khỏi văn bản (tệp vẫn còn trong thư viện).' },
  'vb-da-lien-quan': { kind: 'success', message: 'Đã thêm văn bản liên quan.' },
  'vb-bo-lien-quan': { kind: 'success', message: 'Đã bỏ văn bản liên quan.' },
  'dm-da-them': { kind: 'success', message: 'Đã thêm vào danh mục.' },
  'dm-da-luu': { kind: 'success', message: 'Đã lưu danh mục.' },
  'dm-da-xoa': { kind: 'success', message: 'Đã xoá khỏi danh mục.' },
};

export function documentFlashOf(request: FastifyRequest): FlashMessage | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const code = query.tb;
  if (code === 'vb-da-nhap') {
    const created = Number.parseInt(String(query.tao ?? '0'), 10) || 0;
    const skipped = Number.parseInt(String(query.bo ?? '0'), 10) || 0;
    return { kind: 'success', message: `Đã nhập ${formatNumber(created)} văn bản${skipped ? `; bỏ qua ${formatNumber(skipped)} dòng có lỗi` : ''}.` };
  }
  return (typeof code === 'string' ? DOCUMENT_FLASHES[code] : undefined) ?? flashOf(request);
}

export function PublicationBadge({ publication }: { publication: Publication }) {
  return <span class={`badge badge--${publication}`}>{PUBLICATION_LABELS[publication]}</span>;
}

/** The service names fields as the use-cases take them; the form's inputs have these names. */
const INPUT_OF_FIELD: Record<string, string> = { bodyHtml: 'body_html', replacedById: 'replacedByNumber', relatedId: 'relatedNumber', isDeclaredExpired: 'status' };

export function formErrorsOf(error: AppError): FieldError[] {
  const field = error.field ? (INPUT_OF_FIELD[error.field] ?? error.field) : undefined;
  return [{ field, message: error.help ? `${error.message} ${error.help}` : error.message }];
}

/** Whether an error belongs on the form (what the staff member can fix), not on an error page. */
export function isShownOnForm(error: unknown): error is AppError {
  return error instanceof AppError && error.isPublic && error.code !== 'NOT_FOUND' && error.code !== 'FORBIDDEN' && error.code !== 'UNAUTHENTICATED' && error.code !== 'CSRF_INVALID';
}

/** The form's values as text: what was stored, or what was typed when the form comes back with an error. */
export type FormValues = Record<string, string>;

const DATE_HELP = 'Ngày/tháng/năm, ví dụ 16/01/2022.';

/** The fields of a document's form (new or existing). */
export function DocumentFields({ values, errors, types, fields, isReplaced }: { values: FormValues; errors?: FieldError[]; types: DocumentListItem[]; fields: DocumentListItem[]; isReplaced?: boolean }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextField name="number" label="Số ký hiệu" value={values.number} isRequired maxLength={DOCUMENT_LIMITS.number} help="Ví dụ: 20/2021/NĐ-CP, 26/2020/TT-BLĐTBXH, 1234/QĐ-UBND." error={error('number')} />
      <Select name="typeId" label="Loại văn bản" isRequired placeholder="— Chọn loại văn bản —" options={types.map((t) => ({ value: t.id, label: t.name, isSelected: t.id === values.typeId }))} error={error('typeId')} />
      <TextField name="issuer" label="Cơ quan ban hành" value={values.issuer} maxLength={DOCUMENT_LIMITS.issuer} help="Cần có để xuất bản." error={error('issuer')} />
      <TextField name="signer" label="Người ký" value={values.signer} maxLength={DOCUMENT_LIMITS.signer} error={error('signer')} />
      <TextField name="issuedOn" label="Ngày ban hành" value={values.issuedOn} isShort inputMode="numeric" placeholder="dd/mm/yyyy" help={`${DATE_HELP} Cần có để xuất bản.`} error={error('issuedOn')} />
      <TextField name="effectiveOn" label="Ngày hiệu lực" value={values.effectiveOn} isShort inputMode="numeric" placeholder="dd/mm/yyyy" help={DATE_HELP} error={error('effectiveOn')} />
      <TextField name="expiresOn" label="Ngày hết hiệu lực" value={values.expiresOn} isShort inputMode="numeric" placeholder="dd/mm/yyyy" help={`${DATE_HELP} Từ ngày này văn bản tự hiện là hết hiệu lực.`} error={error('expiresOn')} />
      <Select name="fieldId" label="Lĩnh vực" options={[{ value: '', label: '(Không chọn)', isSelected: !values.fieldId }, ...fields.map((f) => ({ value: f.id, label: f.name, isSelected: f.id === values.fieldId }))]} error={error('fieldId')} />
      <TextArea name="summary" label="Trích yếu" value={values.summary} isRequired rows={3} maxLength={DOCUMENT_LIMITS.summary} error={error('summary')} />
      <Select
        name="status"
        label="Tình trạng hiệu lực"
        options={[
          { value: 'in_force', label: DOCUMENT_STATUS_LABELS.in_force, isSelected: values.status !== 'expired' },
          { value: 'expired', label: DOCUMENT_STATUS_LABELS.expired, isSelected: values.status === 'expired' },
        ]}
        help={isReplaced ? 'Văn bản đang được ghi là bị thay thế (mục "Bị thay thế bởi"): người đọc thấy tình trạng "Bị thay thế".' : 'Văn bản bị thay thế: ghi ở mục "Bị thay thế bởi" sau khi lưu.'}
        error={error('status')}
      />
      <RichTextField name="body_html" label="Nội dung (không bắt buộc)" value={values.body_html} help="Toàn văn, nếu có. Tệp PDF hay Word của văn bản thì đính kèm ở mục Tệp đính kèm." error={error('body_html')} />
      <TextField name="slug" label="Địa chỉ (slug)" value={values.slug} maxLength={DOCUMENT_LIMITS.slug} help="Để trống: tự đặt theo số ký hiệu. Chữ thường không dấu, chữ số và dấu gạch ngang." error={error('slug')} />
    </>
  );
}

export function ReadOnlyDocument({ document, types, fields }: { document: LegalDocumentForEditing; types: DocumentListItem[]; fields: DocumentListItem[] }) {
  const f = document.fields;
  return (
    <Panel title="Nội dung văn bản">
      <p>Văn bản đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa. Hãy nhờ họ sửa, hoặc gỡ văn bản xuống trước.</p>
      <DescriptionList
        items={[
          { term: 'Số ký hiệu', details: f.number },
          { term: 'Loại văn bản', details: types.find((t) => t.id === f.typeId)?.name ?? '' },
          { term: 'Cơ quan ban hành', details: f.issuer },
          { term: 'Người ký', details: f.signer },
          { term: 'Ngày ban hành', details: formatDocumentDay(f.issuedOn) },
          { term: 'Ngày hiệu lực', details: formatDocumentDay(f.effectiveOn) },
          { term: 'Ngày hết hiệu lực', details: formatDocumentDay(f.expiresOn) },
          { term: 'Lĩnh vực', details: fields.find((x) => x.id === f.fieldId)?.name ?? '' },
          { term: 'Trích yếu', details: f.summary },
          { term: 'Tình trạng', details: DOCUMENT_STATUS_LABELS[document.status] },
        ]}
      />
    </Panel>
  );
}
