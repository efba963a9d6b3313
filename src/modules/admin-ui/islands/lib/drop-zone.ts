/**
 * Drag-and-drop of files onto an element, plus a visible file picker inside it, so the
 * same thing works from the keyboard. Drop is an addition, never the only way.
 */
import { el } from './dom.js';

export interface DropZoneOptions {
  /** Where the zone goes: appended to this element. */
  container: HTMLElement;
  /** The text in the zone, e.g. "Kéo thả ảnh vào đây, hoặc". */
  hint: string;
  /** The picker's visible label, e.g. "Chọn ảnh…". */
  pickLabel: string;
  /** The picker's accept attribute ("image/*"); '' accepts anything. */
  accept: string;
  /** Which dropped files to take (the picker already filters by `accept`). */
  isAccepted: (file: File) => boolean;
  onFiles: (files: File[]) => void;
  /** Told when some dropped files were not taken. */
  onRefused?: (files: File[]) => void;
}

export function addDropZone({ container, hint, pickLabel, accept, isAccepted, onFiles, onRefused }: DropZoneOptions): { zone: HTMLElement; input: HTMLInputElement } {
  const input = el('input', { type: 'file', multiple: true, accept: accept || undefined, class: 'drop-zone__input' });
  const zone = el('div', { class: 'drop-zone' }, [el('span', { class: 'drop-zone__hint' }, [hint, ' ']), el('label', { class: 'drop-zone__pick' }, [pickLabel, input])]);
  container.append(zone);

  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    // Cleared so that picking the same file again fires change again.
    input.value = '';
    if (files.length) onFiles(files);
  });
  acceptDrops(zone, (files) => {
    const taken = files.filter(isAccepted);
    const refused = files.filter((file) => !isAccepted(file));
    if (taken.length) onFiles(taken);
    if (refused.length) onRefused?.(refused);
  });
  return { zone, input };
}

/** Makes `target` take dropped files, with the class `is-dragover` while files hover it. */
export function acceptDrops(target: HTMLElement, onFiles: (files: File[]) => void): void {
  // dragenter/dragleave fire for every child crossed; count them to know when we left.
  let depth = 0;
  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  target.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    target.classList.add('is-dragover');
  });
  target.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    // Without this the browser opens the file instead of dropping it here.
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) target.classList.remove('is-dragover');
  });
  target.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    target.classList.remove('is-dragover');
    onFiles([...(event.dataTransfer?.files ?? [])]);
  });
}

export const isImageFile = (file: File) => file.type.startsWith('image/');
