/**
 * Importing procedures from a sheet, in two steps like the legal documents' import: the
 * upload shows previewProcedureImport's table (nothing written), and a confirmation
 * imports the valid rows with applyProcedureImport. Between the two, the uploaded bytes
 * wait on the server (DATA_DIR/tmp/nhap-thu-tuc, under a random token bound to the staff
 * member and the site, for 30 minutes): what is applied is the very file that was
 * previewed, read and checked again, never rows sent back by the browser.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { SHEET_LIMITS } from '../legal-documents/index.js';
import { PROCEDURE_IMPORT_COLUMNS, applyProcedureImport, documentLine, nationalPortalUrl, previewProcedureImport, type ProcedureImportColumn, type ProcedureImportPreview } from '../public-services/index.js';
import { staffOf, type AdminUiDeps, type StaffRequestContext } from './admin-ui.routes.js';
import { isShownOnForm } from './documents.views.js';
import { readUpload } from './multipart-upload.js';
import { pendingSheetStore } from './pending-sheets.js';
import { PROCEDURE_PATHS, procedureErrorsOf, procedureFlashOf } from './public-services.views.js';
import { seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { Checkbox, ErrorSummary, Form, FormActions, LinkButton, Panel, SubmitButton, errorFor, type FieldError } from './views/components.js';

const messages = {
  noFile: 'Chưa chọn tệp bảng tính (.csv hoặc .xlsx).',
  expired: 'Bản xem trước đã hết hạn (sau 30 phút) hoặc không còn nữa.',
  expiredHelp: 'Hãy tải tệp lên lại để xem trước rồi xác nhận.',
} as const;

/** The template: a UTF-8 CSV (with BOM, so Excel reads the accents) of the headers and one example. */
export function procedureTemplateCsv(): string {
  const example: Record<ProcedureImportColumn, string> = {
    code: '1.001978',
    name: 'Giải quyết hưởng trợ cấp thất nghiệp',
    field: 'Việc làm',
    level: 'Cấp tỉnh',
    agency: 'Trung tâm Dịch vụ việc làm tỉnh',
    onlineLevel: 'Toàn trình',
    methods: 'Nộp trực tiếp tại Trung tâm Dịch vụ việc làm\nNộp trực tuyến trên Cổng Dịch vụ công quốc gia',
    steps: 'Bước 1: Nộp hồ sơ\nBước 2: Trung tâm xem xét, trình quyết định\nBước 3: Trả kết quả',
    documents: 'Đề nghị hưởng trợ cấp thất nghiệp (Mẫu số 03) (1 bản chính)\nQuyết định thôi việc (1 bản sao)\nSổ bảo hiểm xã hội (1 bản chính)',
    timeLimit: '20 ngày làm việc kể từ ngày nhận đủ hồ sơ',
    timeLimitDays: '20',
    fee: 'Không',
    result: 'Quyết định hưởng trợ cấp thất nghiệp',
    legalBasis: 'Luật Việc làm số 38/2013/QH13\nNghị định 28/2015/NĐ-CP',
    portalUrl: nationalPortalUrl('1.001978'),
  };
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return `\ufeff${PROCEDURE_IMPORT_COLUMNS.map((c) => cell(c.header)).join(',')}\r\n${PROCEDURE_IMPORT_COLUMNS.map((c) => cell(example[c.key])).join(',')}\r\n`;
}

function UploadForm({ staff, errors }: { staff: StaffRequestContext; errors?: FieldError[] }) {
  const error = errorFor(errors, 'file');
  return (
    <Form action={PROCEDURE_PATHS.import} csrfToken={staff.csrfToken} enctype="multipart/form-data">
      <div class={error ? 'field field--error' : 'field'}>
        <label class="field__label" for="import-file">
          Tệp bảng tính (.csv hoặc .xlsx)
        </label>
        <p class="field__help" id="import-file-help">
          Dòng đầu là tên cột: {PROCEDURE_IMPORT_COLUMNS.map((c) => `${c.header}${c.isRequired ? ' (bắt buộc)' : ''}`).join(', ')}. Thành phần hồ sơ: mỗi giấy tờ một dòng trong ô. Tối đa {formatNumber(SHEET_LIMITS.rows)} dòng, {formatNumber(SHEET_LIMITS.bytes / 1024 / 1024)} MB. Tệp CSV cần bảng mã UTF-8.
        </p>
        {error && (
          <p class="field__error" id="import-file-error">
            <span class="visually-hidden">Lỗi: </span>
            {error}
          </p>
        )}
        <input
          id="import-file"
          class="input"
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          aria-describedby={error ? 'import-file-error import-file-help' : 'import-file-help'}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <FormActions>
        <SubmitButton label="Xem trước" />
      </FormActions>
    </Form>
  );
}

/** The columns the preview shows (the long text ones are left to the procedure's page). */
const SHOWN: ProcedureImportColumn[] = ['code', 'name', 'field', 'level', 'agency', 'onlineLevel', 'documents', 'timeLimit', 'fee'];

function PreviewTable({ preview }: { preview: ProcedureImportPreview }) {
  const header = (key: ProcedureImportColumn) => PROCEDURE_IMPORT_COLUMNS.find((c) => c.key === key)!.header;
  return (
    <div class="table-scroll" role="region" aria-labelledby="import-preview-caption" tabIndex={0}>
      <table class="data-table" id="import-preview">
        <caption id="import-preview-caption">
          {formatNumber(preview.rows.length)} dòng: {formatNumber(preview.validCount)} hợp lệ, {formatNumber(preview.errorCount)} có lỗi
        </caption>
        <thead>
          <tr>
            <th scope="col" class="cell--numeric">
              Dòng
            </th>
            <th scope="col">Kết quả</th>
            {SHOWN.map((key) => (
              <th scope="col">{header(key)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => {
            const isValid = row.errors.length === 0 && row.procedure !== null;
            const p = row.procedure;
            const shown: Record<string, string> = p ? { ...row.cells, code: p.code, name: p.name, field: p.fieldName, level: p.levelLabel, onlineLevel: p.onlineLevelLabel, timeLimit: p.timeLimit, fee: p.fee } : row.cells;
            const isFaulty = (key: string) => row.errors.some((e) => e.column === key);
            return (
              <tr class={isValid ? 'import-row' : 'import-row import-row--error upload-row--error'} data-line={row.line}>
                <th scope="row" class="cell--numeric">
                  {formatNumber(row.line)}
                </th>
                <td>
                  {isValid ? (
                    <span class="badge badge--published">Sẽ nhập</span>
                  ) : (
                    <>
                      <span class="badge badge--returned">Có lỗi, bỏ qua</span>
                      <ul class="field__error">
                        {row.errors.map((e) => (
                          <li>{e.message}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </td>
                {SHOWN.map((key) => (
                  <td class={isFaulty(key) ? 'field__error' : undefined}>
                    {key === 'documents' && p ? (
                      <ol>
                        {p.documents.map((d) => (
                          <li>{documentLine(d)}</li>
                        ))}
                      </ol>
                    ) : (
                      (shown[key] ?? '')
                    )}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function registerPublicServicesImportRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const store = pendingSheetStore(deps.mediaDir, 'nhap-thu-tuc');

  const uploadPage = (request: FastifyRequest, reply: FastifyReply, input: { errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'procedure.edit');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Nhập thủ tục hành chính từ bảng tính',
        path: PROCEDURE_PATHS.list,
        breadcrumbs: [{ href: PROCEDURE_PATHS.list, label: 'Thủ tục hành chính' }],
        flash: procedureFlashOf(request),
        actions: <LinkButton href={PROCEDURE_PATHS.importTemplate} label="Tải bảng mẫu (.csv)" />,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors.map((e) => ({ ...e, href: '#import-file' }))} title="Chưa đọc được bảng:" />}
            <p>Bước 1: tải bảng lên để xem trước từng dòng (chưa có gì được ghi). Bước 2: xác nhận để nhập các dòng hợp lệ thành bản nháp{hasPermission(staff.scope.actor, 'procedure.publish') ? ' hoặc xuất bản luôn' : ''}.</p>
            <UploadForm staff={staff} errors={input.errors} />
          </>
        ),
      },
      status,
    );
  };

  admin.get('/thu-tuc/nhap', (request, reply) => uploadPage(request, reply));

  admin.get('/thu-tuc/nhap/mau-nhap-thu-tuc.csv', async (request, reply) => {
    requirePermission(staffOf(request).scope.actor, 'procedure.edit');
    return reply.header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="mau-nhap-thu-tuc.csv"').type('text/csv; charset=utf-8').send(procedureTemplateCsv());
  });

  // The preview: the page answers the POST itself (nothing was written, nothing to redirect away from).
  admin.post('/thu-tuc/nhap', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'procedure.edit');
    let preview: ProcedureImportPreview;
    let token: string;
    let fileName: string;
    try {
      // One byte over the sheet limit lets readSheet say "too large" in its own words.
      const { file } = await readUpload(request, SHEET_LIMITS.bytes + 1);
      if (!file || file.bytes.length === 0) throw new InvalidInputError(messages.noFile, { field: 'file' });
      fileName = file.name.slice(0, 200);
      preview = await previewProcedureImport(deps.db, staff.scope, { bytes: file.bytes, fileName });
      token = preview.validCount > 0 ? await store.keep({ bytes: file.bytes, siteId: staff.scope.siteId, userId: staff.scope.actor.id, fileName }, staff.scope.now.getTime()) : '';
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return uploadPage(request, reply, { errors: procedureErrorsOf(error).map((e) => ({ ...e, field: 'file' })) }, error.status);
    }
    const canPublish = hasPermission(staff.scope.actor, 'procedure.publish');
    return sendStaffPage(reply, staff.frame, {
      title: 'Xem trước khi nhập thủ tục',
      path: PROCEDURE_PATHS.list,
      breadcrumbs: [
        { href: PROCEDURE_PATHS.list, label: 'Thủ tục hành chính' },
        { href: PROCEDURE_PATHS.import, label: 'Nhập từ bảng tính' },
      ],
      isWide: true,
      children: (
        <>
          <p>
            Tệp <strong>{fileName}</strong>: {formatNumber(preview.validCount)} dòng sẽ được nhập, {formatNumber(preview.errorCount)} dòng có lỗi sẽ bị bỏ qua. Chưa có gì được ghi.
          </p>
          {preview.ignoredHeaders.length > 0 && <p>Các cột không dùng đến (bỏ qua): {preview.ignoredHeaders.join(', ')}.</p>}
          <PreviewTable preview={preview} />
          {preview.validCount > 0 ? (
            <Panel title="Xác nhận nhập">
              <Form action={PROCEDURE_PATHS.applyImport} csrfToken={staff.csrfToken}>
                <input type="hidden" name="token" value={token} />
                {canPublish && <Checkbox name="isPublishing" label="Xuất bản luôn" help="Không chọn: các thủ tục được nhập thành bản nháp để xem lại trước khi xuất bản." />}
                <FormActions>
                  <SubmitButton label={`Nhập ${formatNumber(preview.validCount)} thủ tục hợp lệ`} />
                  <LinkButton href={PROCEDURE_PATHS.import} label="Huỷ, chọn tệp khác" />
                </FormActions>
              </Form>
            </Panel>
          ) : (
            <Panel title="Không có dòng nào nhập được">
              <p>Hãy sửa các lỗi trên trong bảng tính rồi tải lên lại.</p>
              <UploadForm staff={staff} />
            </Panel>
          )}
        </>
      ),
    });
  });

  admin.post('/thu-tuc/nhap/ap-dung', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const token = String(body.token ?? '');
    const isPublishing = body.isPublishing === '1';
    let created: number;
    let skipped: number;
    try {
      requirePermission(staff.scope.actor, 'procedure.edit');
      if (isPublishing) requirePermission(staff.scope.actor, 'procedure.publish');
      const sheet = await store.take(token, { siteId: staff.scope.siteId, userId: staff.scope.actor.id }, staff.scope.now.getTime());
      if (!sheet) throw new InvalidInputError(messages.expired, { field: 'file', help: messages.expiredHelp });
      const result = await applyProcedureImport(deps.db, staff.scope, { bytes: sheet.bytes, fileName: sheet.fileName, isPublishing });
      await store.drop(token);
      created = result.created.length;
      skipped = result.skipped.length;
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return uploadPage(request, reply, { errors: procedureErrorsOf(error).map((e) => ({ ...e, field: 'file' })) }, error.status);
    }
    return seeOther(reply, withFlash(`${PROCEDURE_PATHS.list}?tao=${created}&bo=${skipped}`, 'tt-da-nhap'));
  });
}
