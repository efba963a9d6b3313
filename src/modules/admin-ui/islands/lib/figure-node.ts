/**
 * The editor's only image: `<figure><img data-media-id alt><figcaption>…</figcaption></figure>`,
 * the stored form of an inline image (articles/sanitize-body.ts). The caption is the
 * node's editable text; the description (alt) is edited with the "Sửa mô tả ảnh" button.
 * In the editor the image shows from /admin/media/<id>/thumb; the HTML it produces has no
 * src. While an image is still uploading the node has `pendingId` instead of `mediaId`
 * and shows a <progress data-upload-token="…">; such figures are never stored.
 */
import { Node, mergeAttributes, type Editor } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import type { NodeView } from '@tiptap/pm/view';
import { el } from './dom.js';

const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FigureAttributes {
  mediaId: string | null;
  pendingId: string | null;
  alt: string;
}

export const thumbUrl = (mediaId: string) => `/admin/media/${encodeURIComponent(mediaId)}/thumb`;

function attributesOf(img: Element | null): FigureAttributes | false {
  if (!img) return false;
  const mediaId = img.getAttribute('data-media-id');
  const pendingId = img.getAttribute('data-pending-upload');
  if (mediaId && MEDIA_ID.test(mediaId)) return { mediaId: mediaId.toLowerCase(), pendingId: null, alt: img.getAttribute('alt') ?? '' };
  if (pendingId) return { mediaId: null, pendingId, alt: img.getAttribute('alt') ?? '' };
  return false;
}

const IMAGE_SELECTOR = 'img[data-media-id], img[data-pending-upload]';

export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  // Backspace at the caption's start must not pull the caption into the paragraph above
  // (and drop the image): an isolating node is a boundary editing commands do not cross.
  isolating: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      mediaId: { default: null, rendered: false },
      pendingId: { default: null, rendered: false },
      alt: { default: '', rendered: false },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (element) => attributesOf(element.querySelector(IMAGE_SELECTOR)),
        contentElement: (element) => element.querySelector('figcaption') ?? element.ownerDocument.createElement('figcaption'),
      },
      { tag: 'img[data-media-id]', getAttrs: (element) => attributesOf(element) },
      { tag: 'img[data-pending-upload]', getAttrs: (element) => attributesOf(element) },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { mediaId, pendingId, alt } = node.attrs as FigureAttributes;
    if (mediaId) return ['figure', mergeAttributes(HTMLAttributes), ['img', { 'data-media-id': mediaId, alt }], ['figcaption', 0]];
    return ['figure', { 'data-pending-figure': '' }, ['img', { 'data-pending-upload': pendingId ?? '', alt }], ['figcaption', 0]];
  },

  addKeyboardShortcuts() {
    return {
      // Enter in a caption leaves it for a new paragraph below instead of splitting the
      // figure (which would duplicate the image).
      Enter: ({ editor }) => {
        const { $from } = editor.state.selection;
        if ($from.parent.type.name !== this.name) return false;
        const after = $from.after();
        return editor
          .chain()
          .insertContentAt(after, { type: 'paragraph' })
          .command(({ tr }) => {
            tr.setSelection(TextSelection.create(tr.doc, after + 1));
            return true;
          })
          .scrollIntoView()
          .run();
      },
      // At the caption's start, Backspace selects the whole figure; a second one deletes it.
      Backspace: ({ editor }) => {
        const { selection } = editor.state;
        const { $from, empty } = selection;
        if (!empty || $from.parent.type.name !== this.name || $from.parentOffset !== 0) return false;
        editor.view.dispatch(editor.state.tr.setSelection(NodeSelection.create(editor.state.doc, $from.before())));
        return true;
      },
    };
  },

  addNodeView() {
    return ({ node, editor, getPos }) => new FigureView(node, editor, getPos);
  },
});

/** Asks for a description; undefined when the author cancelled. */
function askForAlt(current: string): string | undefined {
  const answer = window.prompt('Mô tả ảnh cho người không xem được ảnh (văn bản thay thế). Để trống nếu ảnh chỉ để trang trí.', current);
  return answer === null ? undefined : answer.trim();
}

class FigureView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  private readonly media: HTMLElement;
  private readonly altNote: HTMLElement;
  private node: ProseMirrorNode;

  constructor(
    node: ProseMirrorNode,
    private readonly editor: Editor,
    private readonly getPos: () => number | undefined,
  ) {
    this.node = node;
    this.media = el('div', { class: 'editor-figure__media', contenteditable: 'false' });
    this.contentDOM = el('figcaption', { class: 'editor-figure__caption', 'data-placeholder': 'Chú thích ảnh (không bắt buộc)' });
    this.altNote = el('span', { class: 'editor-figure__alt' });
    const editAlt = el('button', { type: 'button', class: 'editor-figure__button' }, ['Sửa mô tả ảnh']);
    const remove = el('button', { type: 'button', class: 'editor-figure__button' }, ['Xoá ảnh']);
    editAlt.addEventListener('click', () => this.editAlt());
    remove.addEventListener('click', () => this.remove());
    const tools = el('div', { class: 'editor-figure__tools', contenteditable: 'false' }, [this.altNote, editAlt, remove]);
    this.dom = el('figure', { class: 'editor-figure' }, [this.media, this.contentDOM, tools]);
    this.render();
  }

  update(node: ProseMirrorNode): boolean {
    if (node.type !== this.node.type) return false;
    const before = this.node.attrs as FigureAttributes;
    this.node = node;
    const after = node.attrs as FigureAttributes;
    if (before.mediaId !== after.mediaId || before.pendingId !== after.pendingId || before.alt !== after.alt) this.render();
    this.contentDOM.classList.toggle('is-empty', node.content.size === 0);
    return true;
  }

  /** Clicks and keys on the buttons are theirs, not the editor's. */
  stopEvent(event: Event): boolean {
    return event.target instanceof Element && !this.contentDOM.contains(event.target) && event.target.closest('button') !== null;
  }

  /** Only the caption is ProseMirror's to read back; the rest is drawn here. */
  ignoreMutation(mutation: MutationRecord | { type: 'selection'; target: globalThis.Node }): boolean {
    return mutation.type !== 'selection' && !this.contentDOM.contains(mutation.target);
  }

  private render(): void {
    const { mediaId, pendingId, alt } = this.node.attrs as FigureAttributes;
    this.contentDOM.classList.toggle('is-empty', this.node.content.size === 0);
    if (mediaId) {
      this.media.replaceChildren(el('img', { src: thumbUrl(mediaId), alt, 'data-media-id': mediaId }));
    } else {
      this.media.replaceChildren(
        el('span', { class: 'editor-figure__placeholder' }, [
          el('span', {}, ['Đang tải ảnh lên…']),
          el('progress', { max: '1', 'data-upload-token': pendingId ?? '', 'aria-label': 'Tiến độ tải ảnh lên' }),
        ]),
      );
    }
    this.altNote.textContent = alt ? `Mô tả: ${alt}` : 'Ảnh chưa có mô tả.';
    this.altNote.classList.toggle('is-missing', !alt);
  }

  private editAlt(): void {
    const alt = askForAlt((this.node.attrs as FigureAttributes).alt);
    const pos = this.getPos();
    if (alt === undefined || pos === undefined) return;
    this.editor.view.dispatch(this.editor.state.tr.setNodeMarkup(pos, undefined, { ...this.node.attrs, alt }));
    this.editor.commands.focus();
  }

  private remove(): void {
    const pos = this.getPos();
    if (pos === undefined) return;
    this.editor.chain().focus().deleteRange({ from: pos, to: pos + this.node.nodeSize }).run();
  }
}
