/**
 * A visible row per file being uploaded: name, a <progress> and, at the end, the error
 * for that file. Used by the gallery and the media-library uploader (the editor shows
 * progress inside the image placeholder instead).
 */
import { el } from './dom.js';

export interface UploadRow {
  element: HTMLLIElement;
  setProgress: (fraction: number) => void;
  succeed: () => void;
  fail: (message: string) => void;
}

export function addUploadRow(list: HTMLElement, fileName: string): UploadRow {
  const progress = el('progress', { max: '1', value: '0', 'aria-label': `Tiến độ tải lên ${fileName}` });
  const status = el('span', { class: 'upload-row__status' }, ['Đang tải lên…']);
  const element = el('li', { class: 'upload-row' }, [el('span', { class: 'upload-row__name' }, [fileName]), progress, status]);
  list.append(element);
  return {
    element,
    setProgress: (fraction) => {
      progress.value = Math.min(1, Math.max(0, fraction));
    },
    succeed: () => {
      progress.value = 1;
      status.textContent = 'Đã tải lên.';
      element.classList.add('upload-row--done');
    },
    fail: (message) => {
      progress.remove();
      status.textContent = `Lỗi: ${message}`;
      element.classList.add('upload-row--error');
    },
  };
}

/** The list the rows go in, created after `anchor` the first time. */
export function uploadList(anchor: Element, label: string): HTMLOListElement {
  const next = anchor.nextElementSibling;
  if (next instanceof HTMLOListElement && next.classList.contains('upload-list')) return next;
  const list = el('ol', { class: 'upload-list', 'aria-label': label });
  anchor.after(list);
  return list;
}
