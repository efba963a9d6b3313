/**
 * The indicators' staff screens (Chỉ tiêu): the list, a new indicator, and an indicator's
 * page with its fields, its table of targets and results by period and district, and the
 * publish / unpublish buttons. Each handler calls one use-case of the indicators module,
 * which checks the actor (indicator.edit, indicator.publish); a refusal on a field comes
 * back beside it with what was typed kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatNumber } from '../../platform/i18n/vi.js';
import {
  INDICATOR_LIMITS,
  PERIOD_KINDS,
  PERIOD_KIND_LABELS,
  VALUE_LIMITS,
  createIndicator,
  formatIndicatorNumber,
  formatPercentOfPlan,
  getIndicatorForEditing,
  listIndicatorRevisions,
  listIndicatorsForStaff,
  parseVietnameseNumber,
  percentOfPlan,
  periodLabel,
  publishIndicator,
  replaceIndicatorValues,
  unpublishIndicator,
  updateIndicator,
  type IndicatorFields,
  type IndicatorInput,
  type IndicatorValueInput,
} from '../indicators/index.js';
import type { Publication } from '../legal-documents/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { PublicationBadge, formErrorsOf, isShownOnForm, type FormValues } from './documents.views.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import {
  DataTable,
  EmptyState,
  ErrorSummary,
  Form,
  FormActions,
  LinkButton,
  Pagination,
  Panel,
  Select,
  SubmitButton,
  TextArea,
  TextField,
  Time,
  errorFor,
  type FieldError,
  type FlashMessage,
} from './views/components.js';

const BASE = PATHS.indicators;
export const INDICATOR_PATHS = {
  list: BASE,
  create: `${BASE}/moi`,
  indicator: (id: string) => `${BASE}/${id}`,
} as const;

const PAGE_SIZE = 20;
/** Empty rows offered under the stored ones for new periods or districts. */
const NEW_ROWS = 5;
/** Revisions listed on an indicator's page (newest first). */
const REVISIONS_SHOWN = 20;

const FLASHES: Record<string, FlashMessage> = {
  'ct-da-tao': { kind: 'success', message: 'Đã tạo chỉ tiêu (bản nháp). Hãy nhập số liệu bên dưới.' },
  'ct-da-luu': { kind: 'success', message: 'Đã lưu chỉ tiêu.' },
  'ct-da-luu-so-lieu': { kind: 'success', message: 'Đã lưu số liệu.' },
  'ct-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: chỉ tiêu hiện trên trang công khai ngay.' },
  'ct-da-go': { kind: 'success', message: 'Đã gỡ chỉ tiêu khỏi trang công khai.' },
};

const TABS: { view: string; label: string; publication?: Publication }[] = [
  { view: '', label: 'Tất cả' },
  { view: 'nhap', label: 'Bản nháp', publication: 'draft' },
  { view: 'da-xuat-ban', label: 'Đã xuất bản', publication: 'published' },
  { view: 'da-go', label: 'Đã gỡ xuống', publication: 'unpublished' },
];

const VALUE_COLUMNS = ['period', 'district', 'target', 'result', 'note'] as const;
type ValueColumn = (typeof VALUE_COLUMNS)[number];

type Body = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function many(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function flashOfIndicators(request: FastifyRequest): FlashMessage | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.tb;
  return (typeof code === 'string' ? FLASHES[code] : undefined) ?? flashOf(request);
}

function valuesOfFields(fields: IndicatorFields): FormValues {
  return { name: fields.name, slug: fields.slug, unit: fields.unit, description: fields.description, periodKind: fields.periodKind };
}

function inputOfBody(body: Body): IndicatorInput {
  const input: IndicatorInput = {};
  for (const name of ['name', 'slug', 'unit', 'description', 'periodKind'] as const) if (body[name] !== undefined) input[name] = one(body[name]);
  return input;
}

/** The rows the table form sent, as typed; a row left wholly empty is no row. */
interface SentRow {
  /** Its place in the form (0-based), to show an error beside it. */
  formIndex: number;
  cells: Record<ValueColumn, string>;
}

function rowsOfBody(body: Body): SentRow[] {
  const columns = Object.fromEntries(VALUE_COLUMNS.map((c) => [c, many(body[c])])) as Record<ValueColumn, string[]>;
  // Columns arrive as parallel lists; a forged form with more rows than the limit is refused by the service.
  const count = Math.min(Math.max(...VALUE_COLUMNS.map((c) => columns[c].length)), VALUE_LIMITS.rows + NEW_ROWS + 1);
  const rows: SentRow[] = [];
  for (let i = 0; i < count; i++) {
    const cells = Object.fromEntries(VALUE_COLUMNS.map((c) => [c, columns[c][i] ?? ''])) as Record<ValueColumn, string>;
    if (VALUE_COLUMNS.some((c) => cells[c].trim() !== '')) rows.push({ formIndex: i, cells });
  }
  return rows;
}

/**
 * The service counts the rows it was given ("Dòng 3", field values.2.target); the form
 * may have had empty rows between them. Both are turned back into the form's rows.
 */
function formErrorsOfRows(errors: FieldError[], rows: SentRow[]): { errors: FieldError[]; rowErrors: Map<number, { column: string; message: string }> } {
  const rowErrors = new Map<number, { column: string; message: string }>();
  const formRow = (sent: number) => (rows[sent]?.formIndex ?? sent) + 1;
  const renumbered = errors.map((error) => {
    const message = error.message.replace(/^Dòng (\d+)/, (_m, n: string) => `Dòng ${formRow(Number(n) - 1)}`).replace(/dòng (\d+)/, (_m, n: string) => `dòng ${formRow(Number(n) - 1)}`);
    const at = /^values\.(\d+)\.(\w+)$/.exec(error.field ?? '');
    if (!at) return { ...error, message, href: '#bang-so-lieu' };
    const index = rows[Number(at[1])]?.formIndex ?? Number(at[1]);
    rowErrors.set(index, { column: at[2]!, message });
    return { field: `so-lieu-${index}-${at[2]}`, message, href: `#so-lieu-${index}-${at[2]}` };
  });
  return { errors: renumbered, rowErrors };
}

function IndicatorFieldsForm({ values, errors }: { values: FormValues; errors?: FieldError[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextField name="name" label="Tên chỉ tiêu" value={values.name} isRequired maxLength={INDICATOR_LIMITS.name} help="Ví dụ: Số lao động được tạo việc làm mới." error={error('name')} />
      <TextField name="unit" label="Đơn vị tính" value={values.unit} isRequired isShort maxLength={INDICATOR_LIMITS.unit} help="Ví dụ: người, %, hộ." error={error('unit')} />
      <Select
        name="periodKind"
        label="Kỳ số liệu"
        options={PERIOD_KINDS.map((kind) => ({ value: kind, label: PERIOD_KIND_LABELS[kind], isSelected: kind === (values.periodKind || 'year') }))}
        error={error('periodKind')}
      />
      <TextArea name="description" label="Mô tả" value={values.description} rows={3} maxLength={INDICATOR_LIMITS.description} help="Chỉ tiêu đo gì, nguồn số liệu, cách tính." error={error('description')} />
      <TextField name="slug" label="Địa chỉ (slug)" value={values.slug} maxLength={INDICATOR_LIMITS.slug} help="Để trống: tự đặt theo tên. Chữ thường không dấu, chữ số và dấu gạch ngang." error={error('slug')} />
    </>
  );
}

/** The table of values as inputs: one row per period and district, then empty rows to add. */
function ValuesTable({ rows, rowErrors, unit, isReadOnly }: { rows: Record<ValueColumn, string>[]; rowErrors: Map<number, { column: string; message: string }>; unit: string; isReadOnly: boolean }) {
  const labels: Record<ValueColumn, string> = { period: 'Kỳ', district: 'Địa bàn', target: `Kế hoạch (${unit})`, result: `Thực hiện (${unit})`, note: 'Ghi chú' };
  return (
    <div class="table-scroll" role="region" aria-labelledby="bang-so-lieu-caption" tabIndex={0}>
      <table class="data-table" id="bang-so-lieu">
        <caption id="bang-so-lieu-caption">Số liệu theo kỳ và địa bàn (để trống địa bàn: toàn tỉnh)</caption>
        <thead>
          <tr>
            <th scope="col">Dòng</th>
            {VALUE_COLUMNS.map((column) => (
              <th scope="col">{labels[column]}</th>
            ))}
            <th scope="col">% kế hoạch</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const problem = rowErrors.get(index);
            const target = parseVietnameseNumber(row.target);
            const result = parseVietnameseNumber(row.result);
            const percent = target.kind === 'number' && result.kind === 'number' ? formatPercentOfPlan(percentOfPlan(target.value, result.value)) : '';
            return (
              <tr class={problem ? 'row--invalid' : undefined}>
                <th scope="row">{formatNumber(index + 1)}</th>
                {VALUE_COLUMNS.map((column) => {
                  const id = `so-lieu-${index}-${column}`;
                  const isWrong = problem?.column === column;
                  return (
                    <td>
                      <label for={id} class="visually-hidden">{`${labels[column]}, dòng ${index + 1}`}</label>
                      <input
                        class={column === 'note' || column === 'district' ? 'input' : 'input input--short'}
                        id={id}
                        name={column}
                        value={row[column]}
                        disabled={isReadOnly || undefined}
                        inputMode={column === 'target' || column === 'result' ? 'decimal' : undefined}
                        maxLength={column === 'note' ? VALUE_LIMITS.note : column === 'district' ? VALUE_LIMITS.district : 40}
                        aria-invalid={isWrong ? 'true' : undefined}
                        aria-describedby={isWrong ? `${id}-loi` : undefined}
                      />
                      {isWrong && (
                        <p class="field__error" id={`${id}-loi`}>
                          {problem.message}
                        </p>
                      )}
                    </td>
                  );
                })}
                <td class="cell--numeric">{percent}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function registerIndicatorStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  admin.get(INDICATOR_PATHS.list.slice('/admin'.length), async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const tab = TABS.find((t) => t.view === (query.xem ?? '')) ?? TABS[0]!;
    const text = String(query.q ?? '').slice(0, 200);
    const page = Math.min(Math.max(1, Number.parseInt(String(query.trang ?? '1'), 10) || 1), 10_000);
    const result = await listIndicatorsForStaff(deps.db, staff.scope, { publication: tab.publication, query: text, page, pageSize: PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const href = (p: number) => `${INDICATOR_PATHS.list}?xem=${tab.view}&q=${encodeURIComponent(text)}&trang=${p}`;
    return sendStaffPage(reply, staff.frame, {
      title: 'Chỉ tiêu',
      path: INDICATOR_PATHS.list,
      flash: flashOfIndicators(request),
      actions: <LinkButton href={INDICATOR_PATHS.create} label="Thêm chỉ tiêu" variant="primary" />,
      children: (
        <>
          <nav class="tabs" aria-label="Lọc chỉ tiêu">
            <ul>
              {TABS.map((t) => (
                <li>
                  <a href={`${INDICATOR_PATHS.list}${t.view ? `?xem=${t.view}` : ''}`} aria-current={t.view === tab.view ? 'page' : undefined}>
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Form action={INDICATOR_PATHS.list} method="get" class="filter-form">
            {tab.view && <input type="hidden" name="xem" value={tab.view} />}
            <TextField name="q" label="Tìm theo tên, đơn vị, mô tả, địa bàn" type="search" value={text} />
            <SubmitButton label="Tìm" variant="secondary" />
          </Form>
          <DataTable
            caption={`${formatNumber(result.total)} chỉ tiêu${tab.publication ? ` (${tab.label.toLowerCase()})` : ''}`}
            columns={[
              { key: 'name', label: 'Tên chỉ tiêu' },
              { key: 'unit', label: 'Đơn vị tính' },
              { key: 'kind', label: 'Kỳ số liệu' },
              { key: 'publication', label: 'Công bố' },
              { key: 'updated', label: 'Sửa lần cuối' },
            ]}
            rowHeader="name"
            rows={result.items.map((item) => ({
              name: <a href={INDICATOR_PATHS.indicator(item.id)}>{item.name}</a>,
              unit: item.unit,
              kind: PERIOD_KIND_LABELS[item.periodKind],
              publication: <PublicationBadge publication={item.publication} />,
              updated: <Time value={item.updatedAt} />,
            }))}
            empty={<EmptyState title={text ? 'Không có chỉ tiêu nào khớp.' : 'Chưa có chỉ tiêu nào ở đây.'} action={text ? undefined : { href: INDICATOR_PATHS.create, label: 'Thêm chỉ tiêu' }} />}
          />
          <Pagination page={page} pageCount={pageCount} hrefFor={href} />
        </>
      ),
    });
  });

  const newIndicatorPage = (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm chỉ tiêu',
        path: INDICATOR_PATHS.list,
        breadcrumbs: [{ href: INDICATOR_PATHS.list, label: 'Chỉ tiêu' }],
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={INDICATOR_PATHS.list} csrfToken={staff.csrfToken} isNoValidate>
              <IndicatorFieldsForm values={input.values ?? { periodKind: 'year' }} errors={input.errors} />
              <FormActions>
                <SubmitButton label="Tạo và nhập số liệu" />
              </FormActions>
            </Form>
          </>
        ),
      },
      status,
    );
  };

  admin.get(INDICATOR_PATHS.create.slice('/admin'.length), async (request, reply) => {
    // The form is for those who may create: a refusal here, not after typing.
    await listIndicatorsForStaff(deps.db, staffOf(request).scope, { page: 1, pageSize: 1 });
    return newIndicatorPage(request, reply);
  });

  admin.post(INDICATOR_PATHS.list.slice('/admin'.length), async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      const { id } = await createIndicator(deps.db, staffOf(request).scope, inputOfBody(body));
      return seeOther(reply, withFlash(INDICATOR_PATHS.indicator(id), 'ct-da-tao'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return newIndicatorPage(request, reply, { values: inputOfBody(body) as FormValues, errors: formErrorsOf(error) }, error.status);
    }
  });

  interface PageInput {
    values?: FormValues;
    errors?: FieldError[];
    /** The table as typed, when it came back with an error. */
    rows?: Record<ValueColumn, string>[];
    rowErrors?: Map<number, { column: string; message: string }>;
  }

  const indicatorPage = async (request: FastifyRequest, reply: FastifyReply, indicatorId: string, input: PageInput = {}, status = 200) => {
    const staff = staffOf(request);
    const [indicator, revisions] = await Promise.all([getIndicatorForEditing(deps.db, staff.scope, indicatorId), listIndicatorRevisions(deps.db, staff.scope, indicatorId)]);
    const base = INDICATOR_PATHS.indicator(indicator.id);
    const values = { ...valuesOfFields(indicator.fields), ...input.values };
    const blank = (): Record<ValueColumn, string> => ({ period: '', district: '', target: '', result: '', note: '' });
    const stored = indicator.values.map((v) => ({
      period: v.period.includes('-Q') ? periodLabel(v.period) : v.period,
      district: v.district,
      target: v.target === null ? '' : formatIndicatorNumber(v.target),
      result: v.result === null ? '' : formatIndicatorNumber(v.result),
      note: v.note,
    }));
    const rows = input.rows ?? [...stored, ...(indicator.can.edit ? Array.from({ length: NEW_ROWS }, blank) : [])];
    const isPublic = indicator.publication === 'published';
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Chỉ tiêu: ${indicator.fields.name}`,
        heading: (
          <>
            {indicator.fields.name} <PublicationBadge publication={indicator.publication} />
          </>
        ),
        path: INDICATOR_PATHS.list,
        breadcrumbs: [{ href: INDICATOR_PATHS.list, label: 'Chỉ tiêu' }],
        flash: flashOfIndicators(request),
        isWide: true,
        actions: isPublic ? <LinkButton href={`/chi-tieu/${indicator.fields.slug}`} label="Xem trên trang" /> : undefined,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            {!indicator.can.edit && <p>Chỉ tiêu đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa. Hãy nhờ trưởng ban, hoặc đề nghị gỡ xuống trước.</p>}
            <Panel title="Số liệu" id="so-lieu">
              <p>
                Kỳ ghi theo dạng {indicator.fields.periodKind === 'year' ? '"2022"' : '"Quý 1/2022" hoặc "2022-Q1"'}; số ghi theo kiểu Việt Nam (6.518 hoặc 55,7). Tỷ lệ % kế hoạch được tính tự động từ kế hoạch và thực hiện. Xoá hết ô của một dòng để bỏ dòng đó.
              </p>
              <Form action={`${base}/so-lieu`} csrfToken={staff.csrfToken} isNoValidate>
                <ValuesTable rows={rows} rowErrors={input.rowErrors ?? new Map()} unit={indicator.fields.unit} isReadOnly={!indicator.can.edit} />
                {indicator.can.edit && (
                  <FormActions>
                    <SubmitButton label="Lưu số liệu" />
                  </FormActions>
                )}
              </Form>
              {indicator.values.length > 0 && (
                <p>
                  Kỳ mới nhất: {periodLabel(indicator.values.at(-1)!.period)}. Tổng {formatNumber(indicator.values.length)} dòng.
                </p>
              )}
            </Panel>
            <Panel title="Thông tin chỉ tiêu" id="thong-tin">
              <Form action={base} csrfToken={staff.csrfToken} isNoValidate>
                <IndicatorFieldsForm values={values} errors={input.errors} />
                {indicator.can.edit && (
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                )}
              </Form>
            </Panel>
            <Panel title="Lịch sử thay đổi" id="lich-su">
              <DataTable
                caption={`${formatNumber(revisions.length)} lần lưu`}
                isCaptionHidden
                id="bang-lich-su"
                columns={[
                  { key: 'number', label: 'Lần', isNumeric: true },
                  { key: 'time', label: 'Thời điểm' },
                  { key: 'author', label: 'Người lưu' },
                  { key: 'content', label: 'Nội dung lúc đó' },
                ]}
                rows={revisions.slice(0, REVISIONS_SHOWN).map((revision) => ({
                  number: formatNumber(revision.number),
                  time: <Time value={revision.createdAt} />,
                  author: revision.authorName,
                  content: `${revision.snapshot.fields.name} (${revision.snapshot.fields.unit}): ${formatNumber(revision.snapshot.values.length)} dòng số liệu${revision.snapshot.values.length ? `, kỳ mới nhất ${periodLabel(revision.snapshot.values.at(-1)!.period)}` : ''}`,
                }))}
                empty="Chưa có lần lưu nào được ghi lại."
              />
            </Panel>
            {(indicator.can.publish || indicator.can.unpublish) && (
              <Panel title="Công bố" id="cong-bo">
                {indicator.can.publish && (
                  <Form action={`${base}/xuat-ban`} csrfToken={staff.csrfToken}>
                    <p>Xuất bản để chỉ tiêu, biểu đồ và tệp dữ liệu mở hiện trên trang công khai tại /chi-tieu/{indicator.fields.slug}.</p>
                    <FormActions>
                      <SubmitButton label="Xuất bản" />
                    </FormActions>
                  </Form>
                )}
                {indicator.can.unpublish && (
                  <Form action={`${base}/go-xuong`} csrfToken={staff.csrfToken}>
                    <FormActions>
                      <SubmitButton label="Gỡ khỏi trang công khai" variant="secondary" />
                    </FormActions>
                  </Form>
                )}
              </Panel>
            )}
          </>
        ),
      },
      status,
    );
  };

  admin.get<{ Params: { id: string } }>(`${INDICATOR_PATHS.list.slice('/admin'.length)}/:id`, (request, reply) => indicatorPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>(`${INDICATOR_PATHS.list.slice('/admin'.length)}/:id`, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await updateIndicator(deps.db, staffOf(request).scope, { indicatorId: request.params.id, fields: inputOfBody(body) });
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return indicatorPage(request, reply, request.params.id, { values: inputOfBody(body) as FormValues, errors: formErrorsOf(error) }, error.status);
    }
    return seeOther(reply, withFlash(INDICATOR_PATHS.indicator(request.params.id), 'ct-da-luu'));
  });

  admin.post<{ Params: { id: string } }>(`${INDICATOR_PATHS.list.slice('/admin'.length)}/:id/so-lieu`, async (request, reply) => {
    const rows = rowsOfBody((request.body ?? {}) as Body);
    const values: IndicatorValueInput[] = rows.map((row) => row.cells);
    try {
      await replaceIndicatorValues(deps.db, staffOf(request).scope, { indicatorId: request.params.id, values });
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      const { errors, rowErrors } = formErrorsOfRows(formErrorsOf(error), rows);
      // Keep what was typed, in the form's own rows, with the empty rows it had.
      const typed = ((request.body ?? {}) as Body).period;
      const formRows = Array.from({ length: Math.min(many(typed).length, VALUE_LIMITS.rows + NEW_ROWS) }, (_, i) => rows.find((r) => r.formIndex === i)?.cells ?? { period: '', district: '', target: '', result: '', note: '' });
      return indicatorPage(request, reply, request.params.id, { errors, rows: formRows, rowErrors }, error.status);
    }
    return seeOther(reply, withFlash(INDICATOR_PATHS.indicator(request.params.id), 'ct-da-luu-so-lieu'));
  });

  admin.post<{ Params: { id: string } }>(`${INDICATOR_PATHS.list.slice('/admin'.length)}/:id/xuat-ban`, async (request, reply) => {
    try {
      await publishIndicator(deps.db, staffOf(request).scope, { indicatorId: request.params.id });
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return indicatorPage(request, reply, request.params.id, { errors: formErrorsOf(error) }, error.status);
    }
    return seeOther(reply, withFlash(INDICATOR_PATHS.indicator(request.params.id), 'ct-da-xuat-ban'));
  });

  admin.post<{ Params: { id: string } }>(`${INDICATOR_PATHS.list.slice('/admin'.length)}/:id/go-xuong`, async (request, reply) => {
    try {
      await unpublishIndicator(deps.db, staffOf(request).scope, { indicatorId: request.params.id });
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return indicatorPage(request, reply, request.params.id, { errors: formErrorsOf(error) }, error.status);
    }
    return seeOther(reply, withFlash(INDICATOR_PATHS.indicator(request.params.id), 'ct-da-go'));
  });
}
