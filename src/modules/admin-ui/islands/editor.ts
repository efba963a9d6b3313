/**
 * Article body editor (TipTap) over a plain textarea. Without this script the page is a
 * textarea of HTML that posts as it is; with it, the same textarea is hidden and kept in
 * sync on every change, so a normal submit still posts the body.
 *
 * Contract with the server page:
 * - `<meta name="csrf-token" content="…">` in the head; every request here sends it as the
 *   `x-csrf-token` header, with the session cookie (same origin).
 * - `<form data-article-form data-upload-url="/admin/media" [data-autosave-url="…"]>`
 *   containing `<textarea name="body_html" id="…" data-editor>` with the stored
 *   (sanitised) HTML, and a `<label for="…">` naming it. The textarea must not be
 *   `required` (a hidden field cannot show the browser's message; the island removes it).
 *   `aria-describedby` and `aria-invalid` on the textarea are carried over to the editor.
 * - Optional `[data-autosave-status]` element inside the form: where the autosave line
 *   goes; without one a polite live region is added under the editor.
 * - Upload (button "Ảnh", pasted or dropped image files, data: images in pasted HTML):
 *   multipart POST to `data-upload-url`, fields `alt` then `file`; answer
 *   `{ media: { id, thumbUrl, alt } }` or `{ error: { code, message } }` (lib/upload.ts).
 *   Without `data-upload-url` images cannot be added.
 * - `GET /admin/media/<id>/thumb` shows an inline image in the editor (a redirect to a
 *   variant is fine). The textarea never gets a src: only
 *   `<figure><img data-media-id="<uuid>" alt="…"><figcaption>…</figcaption></figure>`.
 * - Autosave (lib/autosave.ts): POST of the form's fields as urlencoded to
 *   `data-autosave-url`; answer `{ savedAt: "<ISO>" }` or `{ error: { code, message } }`.
 * - While an image is uploading, submitting the form is held back with a message.
 * - The page links the island's stylesheet (editor.css, bundled beside editor.js).
 *
 * Keyboard: the toolbar is one tab stop (arrow keys move inside it, Escape returns to the
 * text), Alt+F10 in the text goes to the toolbar; the usual shortcuts (Ctrl+B/I/U, Ctrl+Z,
 * Ctrl+Shift+Z, Ctrl+, for subscript and Ctrl+. for superscript) work in the text.
 */
import { Editor } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import './editor.css';
import { guardForm } from './lib/autosave.js';
import { announce, el, liveRegion } from './lib/dom.js';
import { isImageFile } from './lib/drop-zone.js';
import { Figure, type FigureAttributes } from './lib/figure-node.js';
import { cleanPastedHtml } from './lib/paste-cleanup.js';
import { Subscript, Superscript } from './lib/script-marks.js';
import { completeHref, isSafeHref } from './lib/safe-url.js';
import { toStoredHtml } from './lib/stored-html.js';
import { makeRovingToolbar } from './lib/toolbar.js';
import { uploadMedia, UploadError, type UploadedMedia } from './lib/upload.js';

const messages = {
  toolbar: 'Định dạng nội dung',
  content: 'Nội dung bài viết',
  linkPrompt: 'Địa chỉ liên kết (https://…, mailto:…, tel:… hoặc đường dẫn trong trang bắt đầu bằng /). Để trống để bỏ liên kết.',
  linkRefused: 'Liên kết không được chấp nhận: chỉ dùng địa chỉ http://, https://, mailto:, tel: hoặc đường dẫn bắt đầu bằng /.',
  noUpload: 'Trang này chưa cho phép thêm ảnh vào nội dung.',
  uploadFailed: (name: string, reason: string) => `Không tải được ảnh ${name}: ${reason}`,
  droppedImages: (count: number) =>
    `${count} ảnh trong phần vừa dán không lấy được (ảnh nằm trong máy hoặc trên trang khác) nên đã bị bỏ qua. Hãy lưu ảnh thành tệp rồi dùng nút "Ảnh" hoặc kéo thả tệp vào đây.`,
  busy: 'Ảnh đang được tải lên. Hãy chờ tải xong rồi lưu.',
  refusedFiles: 'Chỉ thêm được tệp ảnh vào nội dung.',
};

interface ToolbarItem {
  label: string;
  text: string;
  shortcut?: string;
  run: (editor: Editor) => void;
  /** Present for toggles: the button gets aria-pressed. */
  isActive?: (editor: Editor) => boolean;
  isEnabled?: (editor: Editor) => boolean;
}

/** An upload started by this editor, keyed by the token its placeholder figure carries. */
interface PendingUpload {
  name: string;
  media?: UploadedMedia;
  failed?: boolean;
}

function newToken(): string {
  // getRandomValues works outside secure contexts too (randomUUID does not).
  return [...crypto.getRandomValues(new Uint8Array(12))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function hasText(html: string): boolean {
  return (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').trim() !== '';
}

function mountEditor(textarea: HTMLTextAreaElement, form: HTMLFormElement): void {
  const uploadUrl = form.dataset.uploadUrl;
  const pending = new Map<string, PendingUpload>();

  // 1. The page around the editor: toolbar, editing area, messages, the hidden picker.
  const toolbar = el('div', { class: 'editor__toolbar', role: 'toolbar', 'aria-label': messages.toolbar });
  const area = el('div', { class: 'editor__area' });
  const alert = liveRegion('editor__alert', 'alert');
  const note = liveRegion('editor__note');
  const autosaveStatus = form.querySelector<HTMLElement>('[data-autosave-status]') ?? liveRegion('editor__autosave');
  const picker = el('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, tabindex: '-1' });
  const wrapper = el('div', { class: 'editor' }, [toolbar, area, alert, note, picker]);
  if (!autosaveStatus.isConnected) wrapper.append(autosaveStatus);
  textarea.after(wrapper);
  textarea.hidden = true;
  textarea.required = false;

  const label = textarea.id ? form.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(textarea.id)}"]`) : null;
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const contentAttributes: Record<string, string> = { class: 'editor__content', 'aria-multiline': 'true', lang: 'vi', spellcheck: 'true' };
  if (label) contentAttributes['aria-labelledby'] = label.id;
  else contentAttributes['aria-label'] = messages.content;
  const describedBy = textarea.getAttribute('aria-describedby');
  if (describedBy) contentAttributes['aria-describedby'] = describedBy;
  if (textarea.getAttribute('aria-invalid') === 'true') contentAttributes['aria-invalid'] = 'true';

  const showAlert = (text: string) => announce(alert, text);

  // 2. Uploads: a placeholder figure per image at once, the media id when the server answers.
  function reconcileUploads(): void {
    const found: Array<{ pos: number; attrs: FigureAttributes; size: number }> = [];
    editor.state.doc.descendants((node, pos) => {
      if (node.type.name === 'figure' && node.attrs.pendingId) found.push({ pos, attrs: node.attrs as FigureAttributes, size: node.nodeSize });
      return !node.isTextblock;
    });
    if (!found.length) return;
    const tr = editor.state.tr;
    // From the end, so the positions found earlier stay valid.
    for (const { pos, attrs, size } of found.reverse()) {
      const upload = pending.get(attrs.pendingId!);
      if (!upload || upload.failed) tr.delete(pos, pos + size);
      else if (upload.media) tr.setNodeMarkup(pos, undefined, { ...attrs, mediaId: upload.media.id, pendingId: null, alt: attrs.alt || upload.media.alt });
    }
    if (!tr.docChanged) return;
    // Not an undo step of its own: undoing the insertion removes the whole image.
    tr.setMeta('addToHistory', false);
    editor.view.dispatch(tr);
  }

  function startUpload(token: string, blob: Blob, name: string, alt: string): void {
    const upload: PendingUpload = { name };
    pending.set(token, upload);
    uploadMedia({
      url: uploadUrl!,
      file: blob,
      fileName: name,
      alt,
      onProgress: (fraction) => {
        for (const bar of editor.view.dom.querySelectorAll<HTMLProgressElement>(`progress[data-upload-token="${CSS.escape(token)}"]`)) bar.value = fraction;
      },
    })
      .then((media) => {
        upload.media = media;
      })
      .catch((error: unknown) => {
        upload.failed = true;
        showAlert(messages.uploadFailed(name, error instanceof UploadError ? error.message : String(error)));
      })
      .finally(reconcileUploads);
  }

  function insertImages(files: File[], at?: number): void {
    if (!uploadUrl) {
      showAlert(messages.noUpload);
      return;
    }
    const tokens = files.map(() => newToken());
    const nodes = tokens.map((token) => ({ type: 'figure', attrs: { pendingId: token, alt: '' } }));
    files.forEach((file, i) => startUpload(tokens[i]!, file, file.name || 'anh.png', ''));
    const chain = editor.chain().focus();
    (at === undefined ? chain.insertContent(nodes) : chain.insertContentAt(at, nodes)).run();
  }

  const isUploading = () => [...pending.values()].some((upload) => !upload.media && !upload.failed);

  // 3. The toolbar: real buttons, pressed state for toggles, disabled when not possible now.
  const isInTable = (e: Editor) => e.isActive('table');
  const groups: ToolbarItem[][] = [
    [
      { label: 'Đoạn văn', text: '¶', run: (e) => e.chain().focus().setParagraph().run(), isActive: (e) => e.isActive('paragraph') },
      { label: 'Tiêu đề 2', text: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), isActive: (e) => e.isActive('heading', { level: 2 }) },
      { label: 'Tiêu đề 3', text: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), isActive: (e) => e.isActive('heading', { level: 3 }) },
      { label: 'Tiêu đề 4', text: 'H4', run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(), isActive: (e) => e.isActive('heading', { level: 4 }) },
    ],
    [
      { label: 'Đậm', text: 'B', shortcut: 'Ctrl+B', run: (e) => e.chain().focus().toggleBold().run(), isActive: (e) => e.isActive('bold') },
      { label: 'Nghiêng', text: 'I', shortcut: 'Ctrl+I', run: (e) => e.chain().focus().toggleItalic().run(), isActive: (e) => e.isActive('italic') },
      { label: 'Gạch chân', text: 'U', shortcut: 'Ctrl+U', run: (e) => e.chain().focus().toggleUnderline().run(), isActive: (e) => e.isActive('underline') },
    ],
    [
      { label: 'Danh sách chấm', text: '•≡', run: (e) => e.chain().focus().toggleBulletList().run(), isActive: (e) => e.isActive('bulletList') },
      { label: 'Danh sách số', text: '1≡', run: (e) => e.chain().focus().toggleOrderedList().run(), isActive: (e) => e.isActive('orderedList') },
      { label: 'Trích dẫn', text: '❝', run: (e) => e.chain().focus().toggleBlockquote().run(), isActive: (e) => e.isActive('blockquote') },
    ],
    [
      { label: 'Liên kết', text: 'Liên kết', run: editLink, isActive: (e) => e.isActive('link') },
      { label: 'Ảnh', text: 'Ảnh', run: () => picker.click(), isEnabled: () => Boolean(uploadUrl) },
      { label: 'Bảng', text: 'Bảng', run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), isEnabled: (e) => !isInTable(e) && e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }) },
      { label: 'Đường kẻ ngang', text: '―', run: (e) => e.chain().focus().setHorizontalRule().run() },
    ],
    [
      { label: 'Thêm hàng', text: '+ Hàng', run: (e) => e.chain().focus().addRowAfter().run(), isEnabled: isInTable },
      { label: 'Xoá hàng', text: '− Hàng', run: (e) => e.chain().focus().deleteRow().run(), isEnabled: isInTable },
      { label: 'Thêm cột', text: '+ Cột', run: (e) => e.chain().focus().addColumnAfter().run(), isEnabled: isInTable },
      { label: 'Xoá cột', text: '− Cột', run: (e) => e.chain().focus().deleteColumn().run(), isEnabled: isInTable },
      { label: 'Xoá bảng', text: '× Bảng', run: (e) => e.chain().focus().deleteTable().run(), isEnabled: isInTable },
    ],
    [
      { label: 'Hoàn tác', text: '↶', shortcut: 'Ctrl+Z', run: (e) => e.chain().focus().undo().run(), isEnabled: (e) => e.can().undo() },
      { label: 'Làm lại', text: '↷', shortcut: 'Ctrl+Shift+Z', run: (e) => e.chain().focus().redo().run(), isEnabled: (e) => e.can().redo() },
    ],
  ];

  const buttons: Array<{ button: HTMLButtonElement; item: ToolbarItem }> = [];
  for (const group of groups) {
    const box = el('div', { class: 'editor__group', role: 'group' });
    for (const item of group) {
      const title = item.shortcut ? `${item.label} (${item.shortcut})` : item.label;
      const button = el('button', { type: 'button', class: 'editor__button', 'aria-label': item.label, title, 'aria-pressed': item.isActive ? 'false' : undefined }, [item.text]);
      // mousedown would move focus (and the selection) out of the text before the click.
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => item.run(editor));
      box.append(button);
      buttons.push({ button, item });
    }
    toolbar.append(box);
  }
  const roving = makeRovingToolbar(toolbar, { onEscape: () => editor.commands.focus() });

  function refreshToolbar(): void {
    // Transactions may run while the editor is being built, before `editor` exists.
    if (!isReady) return;
    for (const { button, item } of buttons) {
      if (item.isActive) button.setAttribute('aria-pressed', String(item.isActive(editor)));
      button.disabled = item.isEnabled ? !item.isEnabled(editor) : false;
    }
    roving.refresh();
  }

  // 4. The editor itself.
  let isReady = false;
  const guard = guardForm(form, { status: autosaveStatus });
  const editor: Editor = new Editor({
    element: area,
    // The page's CSP has no 'unsafe-inline' for styles: TipTap's <style> would be refused.
    injectCSS: false,
    content: textarea.value,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        code: false,
        codeBlock: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          HTMLAttributes: { target: null, rel: null, class: null },
          isAllowedUri: (url) => isSafeHref(url),
        },
      }),
      // Stored tables carry no widths or colgroup: only the editing view sizes columns.
      Table.extend({
        renderHTML() {
          return ['table', ['tbody', 0]];
        },
      }).configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
      Figure,
      Subscript,
      Superscript,
    ],
    editorProps: {
      attributes: contentAttributes,
      transformPastedHTML: (html) => {
        const cleaned = cleanPastedHtml(html, { newToken });
        let dropped = cleaned.droppedImages;
        for (const image of cleaned.images) {
          if (uploadUrl) startUpload(image.token, image.blob, 'anh-dan', image.alt);
          else dropped++;
        }
        if (dropped) announce(note, messages.droppedImages(dropped));
        return cleaned.html;
      },
      handlePaste: (_view, event) => {
        const data = event.clipboardData;
        if (!data) return false;
        const files = [...data.files].filter(isImageFile);
        const html = data.getData('text/html');
        // Text copied with a picture of itself (Word, Excel) is pasted as text.
        if (!files.length || (html && hasText(html))) return false;
        insertImages(files);
        return true;
      },
      handleDrop: (view, event, _slice, moved) => {
        if (moved) return false;
        const files = [...(event.dataTransfer?.files ?? [])];
        if (!files.length) return false;
        const images = files.filter(isImageFile);
        if (images.length < files.length) showAlert(messages.refusedFiles);
        if (images.length) insertImages(images, view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos);
        return true;
      },
      handleKeyDown: (_view, event) => {
        if (event.altKey && event.key === 'F10') {
          event.preventDefault();
          toolbar.querySelector<HTMLButtonElement>('button[tabindex="0"]')?.focus();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      textarea.value = toStoredHtml(editor.getHTML());
      guard.markChanged();
      reconcileUploads();
    },
    onTransaction: () => refreshToolbar(),
  });

  isReady = true;
  if (label) label.addEventListener('click', () => editor.commands.focus());
  picker.addEventListener('change', () => {
    const files = [...(picker.files ?? [])].filter(isImageFile);
    picker.value = '';
    if (files.length) insertImages(files);
  });
  form.addEventListener('submit', (event) => {
    if (!isUploading()) return;
    event.preventDefault();
    showAlert(messages.busy);
  });

  function editLink(e: Editor): void {
    const previous = String(e.getAttributes('link').href ?? '');
    const typed = window.prompt(messages.linkPrompt, previous);
    if (typed === null) return;
    if (!typed.trim()) {
      e.chain().focus().extendMarkRange('link').unsetLink().run();
      return;
    }
    const href = completeHref(typed);
    if (!isSafeHref(href)) {
      showAlert(messages.linkRefused);
      e.commands.focus();
      return;
    }
    if (e.state.selection.empty && !e.isActive('link')) {
      e.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
    } else {
      e.chain().focus().extendMarkRange('link').setLink({ href }).run();
    }
  }

  refreshToolbar();
}

for (const textarea of document.querySelectorAll<HTMLTextAreaElement>('textarea[data-editor]')) {
  const form = textarea.closest<HTMLFormElement>('form[data-article-form]');
  if (form && !textarea.dataset.editorMounted) {
    textarea.dataset.editorMounted = 'true';
    mountEditor(textarea, form);
  }
}
