/**
 * What the consultation screens (consultations.routes.tsx) show: their addresses, flash
 * messages, the draft's form fields and the comments' table. Everything a citizen wrote
 * is escaped by JSX; the staff's rich text goes through the editor island and sanitizeBody.
 */
import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { CONSULTATION_LIMITS, ORG_TYPE_LABELS, PUBLICATION_LABELS, STATUS_LABELS, type ConsultationStatus, type Publication, type StaffComment } from '../consultations/index.js';
import { PATHS, flashOf } from './staff-pages.js';
import { DataTable } from './views/tables.js';
import { RichTextField, TextField, errorFor, type FieldError } from './views/forms.js';
import type { FlashMessage } from './views/components.js';
import { Time } from './views/components.js';

const BASE = PATHS.consultations;

export const CONSULTATION_PATHS = {
  list: BASE,
  create: `${BASE}/moi`,
  settings: `${BASE}/cai-dat`,
  item: (id: string) => `${BASE}/${id}`,
  comments: (id: string) => `${BASE}/${id}/gop-y`,
} as const;

const FLASHES: Record<string, FlashMessage> = {
  'dt-da-tao': { kind: 'success', message: 'Đã tạo dự thảo (bản nháp).' },
  'dt-da-tao-xuat-ban': { kind: 'success', message: 'Đã tạo và xuất bản: dự thảo hiện trên trang công khai.' },
  'dt-da-luu': { kind: 'success', message: 'Đã lưu.' },
  'dt-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: dự thảo hiện trên trang công khai; người dân góp ý được trong thời hạn lấy ý kiến.' },
  'dt-da-go': { kind: 'success', message: 'Đã gỡ dự thảo khỏi trang công khai.' },
  'dt-da-ket-thuc': { kind: 'success', message: 'Đã kết thúc lấy ý kiến: biểu mẫu góp ý không còn nhận góp ý.' },
  'dt-da-dinh-kem': { kind: 'success', message: 'Đã đính kèm tệp.' },
  'dt-da-go-tep': { kind: 'success', message: 'Đã gỡ tệp (tệp vẫn còn trong thư viện).' },
  'dt-da-luu-bao-cao': { kind: 'success', message: 'Đã lưu báo cáo tiếp thu, giải trình.' },
  'dt-da-cong-bo-bao-cao': { kind: 'success', message: 'Đã công bố báo cáo tiếp thu, giải trình trên trang dự thảo.' },
  'dt-da-xoa-du-lieu': { kind: 'success', message: 'Đã xoá họ tên và thông tin liên hệ của người góp ý.' },
  'dt-da-luu-cai-dat': { kind: 'success', message: 'Đã lưu thời gian lưu thông tin người góp ý.' },
};

export function consultationFlashOf(request: FastifyRequest): FlashMessage | undefined {
  const code = ((request.query ?? {}) as Record<string, unknown>).tb;
  return (typeof code === 'string' ? FLASHES[code] : undefined) ?? flashOf(request);
}

export function PublicationBadge({ publication }: { publication: Publication }) {
  return <span class={`badge badge--${publication}`}>{PUBLICATION_LABELS[publication]}</span>;
}

export function StatusText({ status }: { status: ConsultationStatus }) {
  return <span class={`badge badge--${status === 'open' ? 'published' : 'draft'}`}>{STATUS_LABELS[status]}</span>;
}

export const FORM_FIELDS = ['title', 'slug', 'issuingUnit', 'summaryHtml', 'opensAt', 'closesAt'] as const;
export type FormValues = Partial<Record<(typeof FORM_FIELDS)[number], string>>;

export function ConsultationFormFields({ values, errors }: { values: FormValues; errors?: FieldError[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextField name="title" label="Tên dự thảo" value={values.title} isRequired maxLength={CONSULTATION_LIMITS.title} error={error('title')} />
      <TextField name="issuingUnit" label="Cơ quan chủ trì soạn thảo" value={values.issuingUnit} maxLength={CONSULTATION_LIMITS.issuingUnit} error={error('issuingUnit')} />
      <TextField name="opensAt" label="Bắt đầu lấy ý kiến" value={values.opensAt} isRequired maxLength={40} help="Ngày giờ Việt Nam, ví dụ 01/12/2026 08:00." error={error('opensAt')} />
      <TextField name="closesAt" label="Kết thúc lấy ý kiến" value={values.closesAt} isRequired maxLength={40} help="Ngày giờ Việt Nam, ví dụ 31/12/2026 17:00. Đến thời điểm này biểu mẫu góp ý tự đóng." error={error('closesAt')} />
      <TextField name="slug" label="Địa chỉ trên trang (không bắt buộc)" value={values.slug} maxLength={CONSULTATION_LIMITS.slug} help="Chữ thường không dấu, số, dấu gạch ngang. Để trống để đặt theo tên." error={error('slug')} />
      <RichTextField name="summaryHtml" label="Tóm tắt dự thảo" value={values.summaryHtml} error={error('summaryHtml')} />
    </>
  );
}

/** The comments; `actionsFor` adds the personal-data buttons for 'personal_data.manage'. */
export function CommentsTable({ comments, caption, actionsFor }: { comments: StaffComment[]; caption: string; actionsFor?: (comment: StaffComment) => ComponentChildren }) {
  return (
    <DataTable
      caption={caption}
      columns={[
        { key: 'code', label: 'Mã biên nhận' },
        { key: 'received', label: 'Nhận lúc' },
        { key: 'who', label: 'Người góp ý' },
        { key: 'contact', label: 'Liên hệ' },
        { key: 'section', label: 'Điều, khoản' },
        { key: 'body', label: 'Nội dung' },
        ...(actionsFor ? [{ key: 'actions' as const, label: 'Dữ liệu cá nhân' }] : []),
      ]}
      rowHeader="code"
      rows={comments.map((c) => ({
        code: c.receiptCode,
        received: <Time value={c.receivedAt} />,
        who: c.isPersonalDataErased ? <em>Đã xoá</em> : <>{c.name}{c.orgType && <> ({ORG_TYPE_LABELS[c.orgType]})</>}</>,
        contact: c.isPersonalDataErased ? '' : [c.email, c.phone].filter(Boolean).join(' · '),
        section: c.section,
        body: (
          <>
            {c.body.split('\n').filter(Boolean).map((line) => (
              <p>{line}</p>
            ))}
          </>
        ),
        actions: actionsFor ? actionsFor(c) : '',
      }))}
      empty="Chưa có góp ý nào khớp."
    />
  );
}
