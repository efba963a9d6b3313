/**
 * Media library upload: several files at once, by picker or drag-and-drop, each with its
 * own progress bar and error. Without this script the form posts one file as usual.
 *
 * Contract with the server page (which has the csrf-token meta):
 *   <form data-uploader action="/admin/media" method="post" enctype="multipart/form-data">
 *     <input type="hidden" name="_csrf" value="…">
 *     <label>Tệp <input type="file" name="file" accept="image/*,…"></label>
 *     [other text fields, e.g. <input name="alt">, sent with every file]
 *     <button type="submit">Tải lên</button>
 *   </form>
 * The island makes the file input `multiple`, turns the whole form into a drop zone and,
 * on submit or drop, POSTs each file to the form's `action` with XHR (lib/upload.ts: the
 * form's text fields, then `file`; header x-csrf-token; answer `{ media: {…} }` or
 * `{ error: { code, message } }`), at most MAX_PARALLEL at a time. When every file has
 * gone up the page reloads to show them; when some failed, their errors stay on screen
 * with a button to reload.
 */
import './editor.css';
import { formFields } from './lib/autosave.js';
import { announce, el, liveRegion } from './lib/dom.js';
import { acceptDrops } from './lib/drop-zone.js';
import { addUploadRow, uploadList } from './lib/upload-list.js';
import { uploadMedia, UploadError } from './lib/upload.js';

const MAX_PARALLEL = 3;

const messages = {
  hint: 'Có thể kéo thả nhiều tệp vào khung này để tải lên cùng lúc.',
  uploads: 'Tệp đang tải lên',
  none: 'Hãy chọn hoặc kéo thả ít nhất một tệp.',
  refused: (names: string) => `Thư viện không nhận loại tệp này, đã bỏ qua: ${names}.`,
  progress: (done: number, total: number) => `Đang tải lên: xong ${done} trên ${total} tệp.`,
  finished: (total: number) => `Đã tải lên ${total} tệp. Đang tải lại trang…`,
  someFailed: (failed: number, total: number) => `${failed} trên ${total} tệp không tải lên được; xem lỗi của từng tệp bên dưới.`,
  reload: 'Tải lại trang để xem thư viện',
};

/** The `accept` attribute's rule (HTML, "the accept attribute"): MIME types, type/*, .extensions. */
function matchesAccept(file: File, accept: string): boolean {
  const tokens = accept
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  if (!tokens.length) return true;
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return tokens.some((token) => (token.startsWith('.') ? name.endsWith(token) : token.endsWith('/*') ? type.startsWith(token.slice(0, -1)) : type === token));
}

function enhanceUploader(form: HTMLFormElement): void {
  const fileInput = form.querySelector<HTMLInputElement>('input[type="file"]');
  const accept = fileInput?.accept ?? '';
  if (fileInput) fileInput.multiple = true;
  const status = liveRegion('uploader__status', 'alert');
  const hint = el('p', { class: 'drop-zone' }, [messages.hint]);
  form.append(hint, status);
  let isBusy = false;

  async function uploadAll(files: File[]): Promise<void> {
    const taken = files.filter((file) => matchesAccept(file, accept));
    const refused = files.filter((file) => !matchesAccept(file, accept));
    if (refused.length) announce(status, messages.refused(refused.map((file) => file.name).join(', ')));
    if (!taken.length) {
      if (!refused.length) announce(status, messages.none);
      return;
    }
    isBusy = true;
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"], button:not([type])');
    if (submit) submit.disabled = true;
    const list = uploadList(hint, messages.uploads);
    // The form's text fields (alt, _csrf…) go with every file; the file field is ours.
    const fields = [...formFields(form)].filter(([name]) => name !== fileInput?.name);
    const rows = taken.map((file) => ({ file, row: addUploadRow(list, file.name) }));
    let done = 0;
    let failed = 0;
    let next = 0;

    const worker = async () => {
      while (next < rows.length) {
        const { file, row } = rows[next++]!;
        try {
          await uploadMedia({ url: form.action, file, fields, onProgress: row.setProgress });
          row.succeed();
        } catch (error) {
          failed++;
          row.fail(error instanceof UploadError ? error.message : String(error));
        }
        done++;
        announce(status, messages.progress(done, rows.length));
      }
    };
    await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL, rows.length) }, worker));

    isBusy = false;
    if (submit) submit.disabled = false;
    if (fileInput) fileInput.value = '';
    if (!failed) {
      announce(status, messages.finished(rows.length));
      window.location.reload();
      return;
    }
    announce(status, messages.someFailed(failed, rows.length));
    const reload = el('button', { type: 'button', class: 'uploader__reload' }, [messages.reload]);
    reload.addEventListener('click', () => window.location.reload());
    list.after(reload);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (isBusy) return;
    void uploadAll([...(fileInput?.files ?? [])]);
  });
  acceptDrops(form, (files) => {
    if (!isBusy) void uploadAll(files);
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-uploader]')) enhanceUploader(form);
