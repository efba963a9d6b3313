/**
 * What the agency staff screens (agency.routes.tsx) show: their addresses, flash
 * messages, the forms of the profile, a unit and an official, and a revisions table.
 */
import type { FastifyRequest } from 'fastify';
import { formatNumber } from '../../platform/i18n/vi.js';
import { AGENCY_LIMITS, PUBLICATION_LABELS, UNIT_KINDS, UNIT_KIND_LABELS, type AgencyRevision, type Publication, type StaffUnitItem, type TreeNode } from '../agency/index.js';
import { PATHS, flashOf } from './staff-pages.js';
import { Checkbox, DataTable, Panel, RichTextField, Select, TextArea, TextField, Time, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.agency;

export const AGENCY_ADMIN_PATHS = {
  home: BASE,
  profile: `${BASE}/thong-tin`,
  units: `${BASE}/don-vi`,
  newUnit: `${BASE}/don-vi/moi`,
  unit: (id: string) => `${BASE}/don-vi/${id}`,
  officials: `${BASE}/can-bo`,
  newOfficial: `${BASE}/can-bo/moi`,
  official: (id: string) => `${BASE}/can-bo/${id}`,
} as const;

const FLASHES: Record<string, FlashMessage> = {
  'cq-da-luu-thong-tin': { kind: 'success', message: 'Đã lưu thông tin cơ quan: trang công khai đã cập nhật.' },
  'cq-da-tao': { kind: 'success', message: 'Đã tạo (bản nháp).' },
  'cq-da-tao-xuat-ban': { kind: 'success', message: 'Đã tạo và xuất bản: thông tin hiện trên trang công khai ngay.' },
  'cq-da-luu': { kind: 'success', message: 'Đã lưu.' },
  'cq-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: thông tin hiện trên trang công khai ngay.' },
  'cq-da-go': { kind: 'success', message: 'Đã gỡ khỏi trang công khai.' },
  'cq-da-xoa': { kind: 'success', message: 'Đã xoá.' },
  'cq-da-doi-anh': { kind: 'success', message: 'Đã tải ảnh lên và gắn cho cán bộ.' },
};

export function agencyFlashOf(request: FastifyRequest): FlashMessage | undefined {
  const code = ((request.query ?? {}) as Record<string, unknown>).tb;
  return (typeof code === 'string' ? FLASHES[code] : undefined) ?? flashOf(request);
}

export function PublicationBadge({ publication }: { publication: Publication }) {
  return <span class={`badge badge--${publication}`}>{PUBLICATION_LABELS[publication]}</span>;
}

export type FormValues = Record<string, string>;

/** Units as options, indented by depth ("— — Sàn giao dịch"), the tree's order. */
export function unitOptions(tree: TreeNode<StaffUnitItem>[], selected: string, exceptId?: string): { value: string; label: string; isSelected: boolean }[] {
  const options: { value: string; label: string; isSelected: boolean }[] = [];
  const walk = (nodes: TreeNode<StaffUnitItem>[], depth: number) => {
    for (const node of nodes) {
      if (node.id === exceptId) continue; // a unit cannot hang under itself or its own units
      options.push({ value: node.id, label: `${'— '.repeat(depth)}${node.name}${node.publication === 'published' ? '' : ` (${PUBLICATION_LABELS[node.publication].toLowerCase()})`}`, isSelected: node.id === selected });
      walk(node.children, depth + 1);
    }
  };
  walk(tree, 0);
  return options;
}

export function ProfileFields({ values, errors }: { values: FormValues; errors?: FieldError[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <p>Địa chỉ, điện thoại, fax và thư điện tử của cơ quan sửa ở mục Thông tin trang; ở đây là phần giới thiệu và những gì trang Liên hệ cần thêm.</p>
      <RichTextField name="overviewHtml" label="Giới thiệu chung" value={values.overviewHtml} error={error('overviewHtml')} rows={8} />
      <RichTextField name="functionsHtml" label="Vị trí, chức năng, nhiệm vụ và quyền hạn" value={values.functionsHtml} error={error('functionsHtml')} rows={12} />
      <TextArea name="officeHours" label="Giờ làm việc" value={values.officeHours} rows={3} maxLength={AGENCY_LIMITS.fields} help="Mỗi dòng một ý, ví dụ: Sáng: 7 giờ 00 đến 11 giờ 30." error={error('officeHours')} />
      <TextField name="mapUrl" label="Liên kết bản đồ" type="url" value={values.mapUrl} maxLength={AGENCY_LIMITS.url} help="Địa chỉ https:// của vị trí cơ quan trên một trang bản đồ." error={error('mapUrl')} />
      <h2>Tiếng Anh</h2>
      <p>Trang tiếng Anh (/en/co-quan, /en/lien-he) dùng các mục dưới đây; mục để trống thì hiện bản tiếng Việt.</p>
      <RichTextField name="overviewEnHtml" label="Giới thiệu chung (tiếng Anh)" value={values.overviewEnHtml} error={error('overviewEnHtml')} rows={8} />
      <RichTextField name="functionsEnHtml" label="Chức năng, nhiệm vụ (tiếng Anh)" value={values.functionsEnHtml} error={error('functionsEnHtml')} rows={12} />
      <TextField name="addressEn" label="Địa chỉ (tiếng Anh)" value={values.addressEn} maxLength={AGENCY_LIMITS.line} error={error('addressEn')} />
      <TextArea name="officeHoursEn" label="Giờ làm việc (tiếng Anh)" value={values.officeHoursEn} rows={3} maxLength={AGENCY_LIMITS.fields} error={error('officeHoursEn')} />
    </>
  );
}

export function UnitFormFields({ values, errors, tree, unitId }: { values: FormValues; errors?: FieldError[]; tree: TreeNode<StaffUnitItem>[]; unitId?: string }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextField name="name" label="Tên đơn vị" value={values.name} isRequired maxLength={AGENCY_LIMITS.name} help="Ví dụ: Phòng Lao động - Việc làm." error={error('name')} />
      <Select name="kind" label="Loại đơn vị" options={UNIT_KINDS.map((kind) => ({ value: kind, label: UNIT_KIND_LABELS.vi[kind].one, isSelected: kind === (values.kind || 'phong_chuyen_mon') }))} help="Sơ đồ tổ chức xếp các đơn vị cùng loại vào một cột." error={error('kind')} />
      <Select name="parentId" label="Trực thuộc" options={[{ value: '', label: '(Không: đơn vị cấp cao nhất)', isSelected: !values.parentId }, ...unitOptions(tree, values.parentId ?? '', unitId)]} help="Ví dụ: các phòng trực thuộc Ban Giám đốc." error={error('parentId')} />
      <TextField name="position" label="Thứ tự" type="number" value={values.position} isShort inputMode="numeric" help="Số nhỏ đứng trước trong cùng cấp." error={error('position')} />
      <RichTextField name="functionsHtml" label="Chức năng, nhiệm vụ" value={values.functionsHtml} error={error('functionsHtml')} rows={10} />
      <TextField name="phone" label="Điện thoại" type="tel" value={values.phone} maxLength={AGENCY_LIMITS.phone} isShort error={error('phone')} />
      <TextField name="email" label="Thư điện tử" type="email" value={values.email} maxLength={AGENCY_LIMITS.email} error={error('email')} />
      <h2>Tiếng Anh</h2>
      <TextField name="nameEn" label="Tên tiếng Anh" value={values.nameEn} maxLength={AGENCY_LIMITS.name} help="Để trống: trang tiếng Anh hiện tên tiếng Việt." error={error('nameEn')} />
      <RichTextField name="functionsEnHtml" label="Chức năng, nhiệm vụ (tiếng Anh)" value={values.functionsEnHtml} error={error('functionsEnHtml')} rows={8} />
      <TextField name="slug" label="Địa chỉ (slug)" value={values.slug} maxLength={AGENCY_LIMITS.slug} help="Để trống khi tạo: tự đặt theo tên. Chữ thường không dấu, chữ số và dấu gạch ngang. Đổi địa chỉ của đơn vị đã xuất bản thì địa chỉ cũ tự chuyển sang địa chỉ mới." error={error('slug')} />
    </>
  );
}

export function OfficialFormFields({ values, errors, tree, photos }: { values: FormValues; errors?: FieldError[]; tree: TreeNode<StaffUnitItem>[]; photos: { value: string; label: string }[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextField name="fullName" label="Họ và tên" value={values.fullName} isRequired maxLength={AGENCY_LIMITS.name} error={error('fullName')} />
      <TextField name="positionTitle" label="Chức vụ" value={values.positionTitle} maxLength={AGENCY_LIMITS.line} help="Ví dụ: Phó Giám đốc Sở, Trưởng phòng." error={error('positionTitle')} />
      <Select name="unitId" label="Đơn vị" options={[{ value: '', label: '(Chưa chọn)', isSelected: !values.unitId }, ...unitOptions(tree, values.unitId ?? '')]} error={error('unitId')} />
      <TextField name="phone" label="Điện thoại cơ quan" type="tel" value={values.phone} maxLength={AGENCY_LIMITS.phone} isShort error={error('phone')} />
      <TextField name="email" label="Thư điện tử công vụ" type="email" value={values.email} maxLength={AGENCY_LIMITS.email} help="Chỉ ghi thư công vụ (…@….gov.vn): trang công khai hiện địa chỉ này." error={error('email')} />
      <Select name="photoMediaId" label="Ảnh" options={[{ value: '', label: '(Không có ảnh)' }, ...photos].map((o) => ({ ...o, isSelected: o.value === (values.photoMediaId ?? '') }))} help="Một ảnh trong thư viện của trang; sau khi lưu có thể tải ảnh mới lên." error={error('photoMediaId')} />
      <Checkbox name="isLeader" label="Lãnh đạo cơ quan (hiện ở trang Lãnh đạo)" isChecked={values.isLeader === '1'} error={error('isLeader')} />
      <TextField name="leaderOrder" label="Thứ tự trong trang Lãnh đạo" type="number" value={values.leaderOrder} isShort inputMode="numeric" help="Số nhỏ đứng trước: Giám đốc 1, các Phó Giám đốc 2, 3…" error={error('leaderOrder')} />
      <TextArea name="fieldsInCharge" label="Lĩnh vực phụ trách" value={values.fieldsInCharge} rows={4} maxLength={AGENCY_LIMITS.fields} help="Mỗi dòng một lĩnh vực." error={error('fieldsInCharge')} />
      <Checkbox name="isContactPoint" label="Cán bộ đầu mối liên hệ (hiện ở trang Liên hệ)" isChecked={values.isContactPoint === '1'} error={error('isContactPoint')} />
      <h2>Tiếng Anh</h2>
      <TextField name="positionEn" label="Chức vụ (tiếng Anh)" value={values.positionEn} maxLength={AGENCY_LIMITS.line} help="Ví dụ: Deputy Director. Để trống: trang tiếng Anh hiện chức vụ tiếng Việt." error={error('positionEn')} />
      <TextArea name="fieldsInChargeEn" label="Lĩnh vực phụ trách (tiếng Anh)" value={values.fieldsInChargeEn} rows={4} maxLength={AGENCY_LIMITS.fields} error={error('fieldsInChargeEn')} />
    </>
  );
}

/** What a revision's snapshot names it by, for the table. */
function revisionSummary(snapshot: Record<string, unknown>): string {
  const name = snapshot.name ?? snapshot.fullName;
  return typeof name === 'string' ? name : 'Thông tin cơ quan';
}

export function RevisionsPanel({ revisions }: { revisions: AgencyRevision[] }) {
  return (
    <Panel title="Các phiên bản" id="phien-ban">
      <DataTable
        caption={`${formatNumber(revisions.length)} phiên bản gần nhất, mới nhất trước`}
        columns={[
          { key: 'number', label: 'Số', isNumeric: true },
          { key: 'time', label: 'Lúc lưu' },
          { key: 'author', label: 'Người lưu' },
          { key: 'summary', label: 'Tên lúc lưu' },
        ]}
        rows={revisions.map((revision) => ({ number: formatNumber(revision.number), time: <Time value={revision.createdAt} />, author: revision.authorName, summary: revisionSummary(revision.snapshot) }))}
        empty="Chưa có phiên bản nào."
      />
    </Panel>
  );
}
