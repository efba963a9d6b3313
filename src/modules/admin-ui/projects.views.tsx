/**
 * What the projects screens (projects.routes.tsx) show: their addresses, flash messages,
 * the mapping of the service's error fields onto the form's inputs, the item's form
 * fields and its read-only view for staff who may not change a published item.
 */
import type { FastifyRequest } from 'fastify';
import { formatNumber } from '../../platform/i18n/vi.js';
import {
  KIND_WORDS,
  PROJECT_KINDS,
  PROJECT_KIND_LABELS,
  PROJECT_LIMITS,
  PROJECT_STATUSES,
  PROJECT_STATUS_LABELS,
  PUBLICATION_LABELS,
  STATUSES_OF_KIND,
  formatMoney,
  formatVietnamTimeInput,
  type ProjectFields,
  type ProjectForEditing,
  type Publication,
} from '../projects/index.js';
import { formatDocumentDay } from '../legal-documents/index.js';
import { PATHS, flashOf } from './staff-pages.js';
import { DescriptionList, Panel, RichTextField, Select, TextArea, TextField, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.projects;

export const PROJECT_PATHS = {
  list: BASE,
  create: `${BASE}/moi`,
  project: (id: string) => `${BASE}/${id}`,
} as const;

/** Flash codes of these screens (`?tb=`); staff-pages' shared codes work too. */
const PROJECT_FLASHES: Record<string, FlashMessage> = {
  'da-da-tao': { kind: 'success', message: 'Đã tạo (bản nháp).' },
  'da-da-tao-xuat-ban': { kind: 'success', message: 'Đã tạo và xuất bản: mục này hiện trên trang công khai ngay.' },
  'da-da-luu': { kind: 'success', message: 'Đã lưu.' },
  'da-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: mục này hiện trên trang công khai ngay.' },
  'da-da-go': { kind: 'success', message: 'Đã gỡ khỏi trang công khai.' },
  'da-da-dinh-kem': { kind: 'success', message: 'Đã đính kèm tệp.' },
  'da-da-go-tep': { kind: 'success', message: 'Đã gỡ tệp (tệp vẫn còn trong thư viện).' },
};

export function projectFlashOf(request: FastifyRequest): FlashMessage | undefined {
  const code = ((request.query ?? {}) as Record<string, unknown>).tb;
  return (typeof code === 'string' ? PROJECT_FLASHES[code] : undefined) ?? flashOf(request);
}

export function ProjectPublicationBadge({ publication }: { publication: Publication }) {
  return <span class={`badge badge--${publication}`}>{PUBLICATION_LABELS[publication]}</span>;
}

/** The service names fields as the use-cases take them; the form's inputs have these names. */
const INPUT_OF_FIELD: Record<string, string> = { descriptionHtml: 'body_html' };

export function inputNameOf(field: string | undefined): string | undefined {
  return field ? (INPUT_OF_FIELD[field] ?? field) : undefined;
}

/** The form's values as text: what was stored, or what was typed when the form comes back with an error. */
export type FormValues = Record<string, string>;

export const FORM_FIELDS = ['kind', 'name', 'slug', 'owner', 'budget', 'fundingSource', 'location', 'startsOn', 'endsOn', 'closesAt', 'status', 'winner', 'winningPrice', 'body_html'] as const;

export function valuesOfFields(fields: ProjectFields): FormValues {
  return {
    kind: fields.kind,
    name: fields.name,
    slug: fields.slug,
    owner: fields.owner,
    budget: fields.budget === null ? '' : formatNumber(fields.budget),
    fundingSource: fields.fundingSource,
    location: fields.location,
    startsOn: formatDocumentDay(fields.startsOn),
    endsOn: formatDocumentDay(fields.endsOn),
    closesAt: formatVietnamTimeInput(fields.closesAt),
    status: fields.status,
    winner: fields.winner,
    winningPrice: fields.winningPrice === null ? '' : formatNumber(fields.winningPrice),
    body_html: fields.descriptionHtml,
  };
}

/** "Hoàn thành (dự án đầu tư, mua sắm công)": one choice per status, saying which kinds use it. */
function statusOptions(selected: string | undefined) {
  return PROJECT_STATUSES.map((status) => ({
    value: status,
    label: `${PROJECT_STATUS_LABELS[status]} (${PROJECT_KINDS.filter((k) => STATUSES_OF_KIND[k].includes(status))
      .map((k) => PROJECT_KIND_LABELS[k].toLowerCase())
      .join(', ')})`,
    isSelected: status === selected,
  }));
}

const DATE_HELP = 'Ngày/tháng/năm, ví dụ 16/01/2026.';
const MONEY_HELP = 'Bằng đồng: 12.500.000.000, hoặc viết gọn 12,5 tỷ, 850 triệu.';

/** The fields of an item's form (new or existing). Every kind's fields show: without script the form cannot change with the kind. */
export function ProjectFormFields({ values, errors }: { values: FormValues; errors?: FieldError[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <Select name="kind" label="Loại" isRequired placeholder="— Chọn loại —" options={PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k], isSelected: k === values.kind }))} error={error('kind')} />
      <TextArea name="name" label="Tên dự án, gói thầu hoặc nội dung mua sắm" value={values.name} isRequired rows={2} maxLength={PROJECT_LIMITS.name} error={error('name')} />
      <TextField name="owner" label="Chủ đầu tư, bên mời thầu hoặc đơn vị mua sắm" value={values.owner} maxLength={PROJECT_LIMITS.owner} help="Cần có để xuất bản." error={error('owner')} />
      <TextField name="budget" label="Tổng mức đầu tư, giá gói thầu hoặc dự toán (đồng)" value={values.budget} maxLength={60} inputMode="decimal" help={MONEY_HELP} error={error('budget')} />
      <TextField name="fundingSource" label="Nguồn vốn" value={values.fundingSource} maxLength={PROJECT_LIMITS.fundingSource} error={error('fundingSource')} />
      <TextField name="location" label="Địa điểm" value={values.location} maxLength={PROJECT_LIMITS.location} error={error('location')} />
      <TextField name="startsOn" label={`${KIND_WORDS.project.startsOn}, ${KIND_WORDS.tender.startsOn.toLowerCase()} hoặc ngày bắt đầu`} value={values.startsOn} isShort inputMode="numeric" placeholder="dd/mm/yyyy" help={DATE_HELP} error={error('startsOn')} />
      <TextField name="endsOn" label="Ngày hoàn thành, kết thúc (dự án, mua sắm)" value={values.endsOn} isShort inputMode="numeric" placeholder="dd/mm/yyyy" help={`${DATE_HELP} Không dùng cho đấu thầu.`} error={error('endsOn')} />
      <TextField name="closesAt" label="Thời điểm đóng thầu (đấu thầu)" value={values.closesAt} isShort placeholder="dd/mm/yyyy hh:mm" help="Giờ Việt Nam, ví dụ 20/12/2026 09:00. Cần có để xuất bản gói thầu; quá thời điểm này gói thầu tự hiện là đã đóng thầu." error={error('closesAt')} />
      <Select name="status" label="Tình trạng" placeholder="— Tình trạng đầu tiên của loại đã chọn —" options={statusOptions(values.status)} help="Mỗi loại dùng các tình trạng ghi trong ngoặc." error={error('status')} />
      <TextField name="winner" label="Nhà thầu trúng thầu (gói thầu đã có kết quả)" value={values.winner} maxLength={PROJECT_LIMITS.winner} error={error('winner')} />
      <TextField name="winningPrice" label="Giá trúng thầu (đồng)" value={values.winningPrice} maxLength={60} inputMode="decimal" help={MONEY_HELP} error={error('winningPrice')} />
      <RichTextField name="body_html" label="Thông tin chi tiết (không bắt buộc)" value={values.body_html} help="Quy mô, hình thức lựa chọn nhà thầu, thời gian thực hiện… Hồ sơ, quyết định dạng PDF hay Word thì đính kèm ở mục Tệp đính kèm." error={error('body_html')} />
      <TextField name="slug" label="Địa chỉ (slug)" value={values.slug} maxLength={PROJECT_LIMITS.slug} help="Để trống: tự đặt theo tên. Chữ thường không dấu, chữ số và dấu gạch ngang." error={error('slug')} />
    </>
  );
}

export function ReadOnlyProject({ project }: { project: ProjectForEditing }) {
  const f = project.fields;
  const words = KIND_WORDS[f.kind];
  return (
    <Panel title="Thông tin">
      <p>Mục này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa. Hãy nhờ họ sửa, hoặc gỡ xuống trước.</p>
      <DescriptionList
        items={[
          { term: 'Loại', details: PROJECT_KIND_LABELS[f.kind] },
          { term: 'Tên', details: f.name },
          { term: words.owner, details: f.owner },
          { term: words.budget, details: f.budget === null ? '' : formatMoney(f.budget) },
          { term: 'Nguồn vốn', details: f.fundingSource },
          { term: 'Địa điểm', details: f.location },
          { term: words.startsOn, details: formatDocumentDay(f.startsOn) },
          { term: words.endsOn, details: f.kind === 'tender' ? formatVietnamTimeInput(f.closesAt) : formatDocumentDay(f.endsOn) },
          { term: 'Tình trạng', details: PROJECT_STATUS_LABELS[project.status] },
          ...(f.kind === 'tender' && f.winner ? [{ term: 'Nhà thầu trúng thầu', details: f.winner }, { term: 'Giá trúng thầu', details: f.winningPrice === null ? '' : formatMoney(f.winningPrice) }] : []),
        ]}
      />
    </Panel>
  );
}
