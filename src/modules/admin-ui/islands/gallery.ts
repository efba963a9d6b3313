/**
 * An article's photo gallery: reorder, remove and add images without leaving the form.
 * Without this script the server-rendered list still posts its ids and captions.
 *
 * Contract with the server page (article form, which also has the csrf-token meta):
 *   <fieldset data-gallery data-upload-url="/admin/media">
 *     <legend>…</legend>
 *     <ol>
 *       <li>
 *         <input type="hidden" name="gallery_media_id" value="<uuid>">
 *         <img src="/admin/media/<uuid>/thumb" alt="…">
 *         <label>Chú thích <input type="text" name="gallery_caption" value="…"></label>
 *         <button type="button" data-move="up" hidden>Lên</button>
 *         <button type="button" data-move="down" hidden>Xuống</button>
 *         <button type="button" data-remove hidden>Gỡ</button>
 *       </li>
 *     </ol>
 *   </fieldset>
 * The buttons may be rendered `hidden` (they do nothing without script); the island shows
 * them. Order of the posted `gallery_media_id`/`gallery_caption` pairs is the gallery
 * order. New images are uploaded to `data-upload-url` (lib/upload.ts: fields `alt`, `file`;
 * answer `{ media: { id, thumbUrl, alt } }`) and appended with the markup above (classes
 * gallery__item, gallery__thumb, gallery__caption, gallery__actions). Every change fires
 * a bubbling `change` event, so the article form's autosave and leave-page guard see it.
 */
import './editor.css';
import { announce, el, liveRegion } from './lib/dom.js';
import { addDropZone, isImageFile } from './lib/drop-zone.js';
import { addUploadRow, uploadList } from './lib/upload-list.js';
import { uploadMedia, UploadError, type UploadedMedia } from './lib/upload.js';

const messages = {
  hint: 'Kéo thả ảnh vào đây để thêm vào bộ sưu tập, hoặc',
  pick: 'Chọn ảnh…',
  uploads: 'Ảnh đang tải lên bộ sưu tập',
  moved: (position: number, count: number) => `Đã chuyển ảnh tới vị trí ${position} trên ${count}.`,
  atTop: 'Ảnh đã ở đầu bộ sưu tập.',
  atBottom: 'Ảnh đã ở cuối bộ sưu tập.',
  removed: (count: number) => `Đã gỡ ảnh khỏi bộ sưu tập. Còn ${count} ảnh.`,
  added: (name: string, count: number) => `Đã thêm ảnh ${name}. Bộ sưu tập có ${count} ảnh.`,
  refused: (names: string) => `Không phải tệp ảnh, đã bỏ qua: ${names}.`,
  caption: 'Chú thích',
};

function enhanceGallery(fieldset: HTMLFieldSetElement): void {
  const uploadUrl = fieldset.dataset.uploadUrl;
  let list = fieldset.querySelector('ol');
  if (!list) {
    list = el('ol');
    fieldset.append(list);
  }
  const items = list;
  list.classList.add('gallery__list');
  const status = liveRegion('gallery__status');
  fieldset.append(status);
  for (const button of fieldset.querySelectorAll<HTMLButtonElement>('button[data-move], button[data-remove]')) button.hidden = false;

  const changed = () => fieldset.dispatchEvent(new Event('change', { bubbles: true }));
  /** Where focus goes when the last image is removed: the picker, else the fieldset. */
  let picker: HTMLElement | undefined;

  items.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button[data-move], button[data-remove]') : null;
    const item = button?.closest('li');
    if (!button || !item || item.parentElement !== items) return;
    if (button.hasAttribute('data-remove')) remove(item);
    else move(item, button, button.dataset.move === 'up' ? -1 : 1);
  });

  function move(item: HTMLLIElement, button: HTMLButtonElement, direction: -1 | 1): void {
    const neighbour = direction < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!neighbour) {
      announce(status, direction < 0 ? messages.atTop : messages.atBottom);
      return;
    }
    if (direction < 0) neighbour.before(item);
    else neighbour.after(item);
    // Moving an element in the DOM drops its focus; the author keeps pressing the same button.
    button.focus();
    const all = [...items.children];
    announce(status, messages.moved(all.indexOf(item) + 1, all.length));
    changed();
  }

  function remove(item: HTMLLIElement): void {
    // Focus goes to the item that takes this one's place, else the one before, else the picker.
    const next = (item.nextElementSibling ?? item.previousElementSibling)?.querySelector<HTMLButtonElement>('button[data-remove]');
    item.remove();
    if (next) next.focus();
    else if (picker) picker.focus();
    else {
      fieldset.tabIndex = -1;
      fieldset.focus();
    }
    announce(status, messages.removed(items.children.length));
    changed();
  }

  function append(media: UploadedMedia): void {
    const thumb = media.thumbUrl.startsWith('/') ? media.thumbUrl : `/admin/media/${encodeURIComponent(media.id)}/thumb`;
    items.append(
      el('li', { class: 'gallery__item' }, [
        el('input', { type: 'hidden', name: 'gallery_media_id', value: media.id }),
        el('img', { class: 'gallery__thumb', src: thumb, alt: media.alt }),
        el('label', { class: 'gallery__caption' }, [`${messages.caption} `, el('input', { type: 'text', name: 'gallery_caption', value: '' })]),
        el('span', { class: 'gallery__actions' }, [
          el('button', { type: 'button', 'data-move': 'up' }, ['Lên']),
          el('button', { type: 'button', 'data-move': 'down' }, ['Xuống']),
          el('button', { type: 'button', 'data-remove': true }, ['Gỡ']),
        ]),
      ]),
    );
    changed();
  }

  if (!uploadUrl) return;
  const uploads = () => uploadList(zone, messages.uploads);
  const { zone, input } = addDropZone({
    container: fieldset,
    hint: messages.hint,
    pickLabel: messages.pick,
    accept: 'image/*',
    isAccepted: isImageFile,
    onRefused: (files) => announce(status, messages.refused(files.map((file) => file.name).join(', '))),
    onFiles: (files) => {
      // One at a time, in the order chosen, so the gallery keeps that order.
      let queue = Promise.resolve();
      for (const file of files) {
        const row = addUploadRow(uploads(), file.name);
        queue = queue.then(() =>
          uploadMedia({ url: uploadUrl, file, onProgress: row.setProgress }).then(
            (media) => {
              row.element.remove();
              append(media);
              announce(status, messages.added(file.name, items.children.length));
            },
            (error: unknown) => row.fail(error instanceof UploadError ? error.message : String(error)),
          ),
        );
      }
    },
  });
  picker = input;
}

for (const fieldset of document.querySelectorAll<HTMLFieldSetElement>('fieldset[data-gallery]')) enhanceGallery(fieldset);
