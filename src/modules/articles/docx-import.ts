/**
 * Turns a Word (.docx) file into an article draft: a title and a sanitised body whose
 * images are already media records. mammoth reads the document; this module decides the
 * title, maps Word's styles onto the body allow-list and hands each image to the caller's
 * `storeImage` (the media library), so it knows nothing about storage or HTTP.
 */
import mammoth from 'mammoth';
import { AppError, InvalidInputError, PayloadTooLargeError } from '../../platform/errors.js';
import { sanitizeBody } from './sanitize-body.js';

export interface DocxImage {
  bytes: Buffer;
  contentType: string;
  /** Word's "Alt Text" description (or its title), '' when the author gave none. */
  altText: string;
}

export interface DocxImportResult {
  /** NFC, at most TITLE_MAX_LENGTH characters; '' when the document has no text at all. */
  title: string;
  /** Sanitised like every stored body (sanitizeBody). */
  bodyHtml: string;
  /** Vietnamese notes for the editor: what was guessed, skipped or needs checking. */
  warnings: string[];
}

const TITLE_MAX_LENGTH = 200;

/** A .docx is a zip; these bound what we let mammoth inflate in memory. */
const MAX_ZIP_ENTRIES = 10_000;
const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

const messages = {
  notDocx: 'Tệp không phải là tài liệu Word (.docx) hoặc đã bị hỏng.',
  notDocxHelp: 'Hãy mở tệp bằng Microsoft Word hoặc LibreOffice, chọn "Lưu thành" định dạng Word (.docx) rồi tải lên lại.',
  oldDoc: 'Tệp không phải là tài liệu Word (.docx) mà ở định dạng Word cũ (.doc), chưa nhập trực tiếp được.',
  tooLarge: 'Tệp Word quá lớn khi giải nén, không thể nhập.',
  tooLargeHelp: 'Hãy giảm dung lượng ảnh trong tài liệu (Nén ảnh trong Word) hoặc chia tài liệu thành nhiều phần.',
  titleGuessed: 'Tài liệu không có đoạn kiểu "Title" hay "Heading" ở đầu; đã lấy đoạn văn đầu tiên làm tiêu đề, hãy kiểm tra lại.',
  noTitle: 'Tài liệu không có chữ nào để làm tiêu đề; hãy nhập tiêu đề.',
  titleShortened: `Tiêu đề dài hơn ${TITLE_MAX_LENGTH} ký tự nên đã được rút gọn.`,
  imageSkipped: (n: number, reason: string) => `Ảnh thứ ${n} không nhập được và đã bị bỏ qua: ${reason}`,
  imagesWithoutAlt: (count: number) => `${count} ảnh chưa có mô tả (văn bản thay thế); hãy bổ sung để người dùng trình đọc màn hình hiểu được nội dung ảnh.`,
  wordNote: (message: string) => `Một phần tài liệu có thể chưa được nhập đúng (${message}).`,
};

/**
 * Word's built-in heading levels move down one, because the article title is the page's h1;
 * any further "Title" paragraph becomes a section heading. Matching is case-insensitive, and
 * Word stores built-in style names in English whatever the interface language.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h2:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  "p[style-name='Heading 4'] => h4:fresh",
  "p[style-name='Heading 5'] => h4:fresh",
  "p[style-name='Heading 6'] => h4:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
  'b => strong',
  'i => em',
  'u => u',
  'strike => s',
];

/**
 * Imports a .docx as a title and a sanitised body; images go through `storeImage`.
 * @throws INVALID_INPUT when the bytes are not a readable .docx
 * @throws PAYLOAD_TOO_LARGE when the document inflates beyond the limit
 * @throws whatever `storeImage` throws, except 4xx AppErrors, which skip that image with a warning
 */
export async function importDocx(bytes: Buffer, { storeImage }: { storeImage: (image: DocxImage) => Promise<{ id: string }> }): Promise<DocxImportResult> {
  checkDocxContainer(bytes);

  const warnings: string[] = [];
  let title = '';
  let imageNumber = 0;
  let imagesWithoutAlt = 0;
  // A failure of the caller's storage is not a broken document: it is rethrown as it is.
  let storageFailure: { error: unknown } | undefined;

  const convertImage = mammoth.images.imgElement(async (image: MammothImage) => {
    const number = ++imageNumber;
    const altText = (image.altText ?? '').trim().normalize('NFC');
    try {
      const { id } = await storeImage({ bytes: await image.readAsBuffer(), contentType: image.contentType, altText });
      if (!altText) imagesWithoutAlt++;
      // No src: the sanitiser keeps only the media reference, the presenter adds the rest.
      return { src: '', 'data-media-id': id, alt: altText } as { src: string };
    } catch (error) {
      if (error instanceof AppError && error.isPublic) {
        warnings.push(messages.imageSkipped(number, error.message));
        return { src: '' };
      }
      storageFailure ??= { error };
      throw error;
    }
  });

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        styleMap: STYLE_MAP,
        convertImage,
        externalFileAccess: false,
        // MUST run on the document model, before HTML: the title paragraph is found by its
        // Word style and removed, which the HTML no longer tells apart from other headings.
        transformDocument: (document: DocxElement) => {
          const found = takeTitle(document);
          title = found.title;
          if (found.isGuessed) warnings.push(messages.titleGuessed);
          return document;
        },
      },
    );
    // mammoth turns a failing image converter into a message and carries on.
    if (storageFailure) throw storageFailure.error;
    html = result.value;
    warnings.push(...wordNotes(result.messages));
  } catch (error) {
    if (storageFailure) throw storageFailure.error;
    throw new InvalidInputError(messages.notDocx, { help: messages.notDocxHelp, field: 'file', cause: error });
  }

  if (!title) warnings.push(messages.noTitle);
  if (title.length > TITLE_MAX_LENGTH) {
    title = shorten(title, TITLE_MAX_LENGTH);
    warnings.push(messages.titleShortened);
  }
  if (imagesWithoutAlt) warnings.push(messages.imagesWithoutAlt(imagesWithoutAlt));

  return { title, bodyHtml: sanitizeBody(toFigures(html)), warnings };
}

/** The parts of mammoth's image element we use (its typings omit altText). */
interface MammothImage {
  contentType: string;
  altText?: string;
  readAsBuffer: () => Promise<Buffer>;
}

/** mammoth's document model, as far as the title search reads it. */
interface DocxElement {
  type: string;
  styleId?: string | null;
  styleName?: string | null;
  value?: string;
  children?: DocxElement[];
}

const isTitleStyle = (p: DocxElement) => /^title$/i.test(p.styleName ?? '') || p.styleId === 'Title';
const isHeadingStyle = (p: DocxElement) => /^heading [1-6]$/i.test(p.styleName ?? '') || /^Heading[1-6]$/.test(p.styleId ?? '');

/**
 * The title is, in order: the first paragraph in Word's "Title" style; a heading that opens
 * the document (both removed from the body); else the first paragraph's text, which stays
 * in the body. A heading further down is a section, not the title.
 */
function takeTitle(document: DocxElement): { title: string; isGuessed: boolean } {
  const blocks = document.children ?? [];
  const nonEmpty = blocks.filter((block) => block.type !== 'paragraph' || textOf(block) || hasImage(block));
  const first = nonEmpty[0];
  const chosen = blocks.find((block) => block.type === 'paragraph' && isTitleStyle(block) && textOf(block)) ?? (first && first.type === 'paragraph' && isHeadingStyle(first) ? first : undefined);
  if (chosen) {
    document.children = blocks.filter((block) => block !== chosen);
    return { title: textOf(chosen), isGuessed: false };
  }
  const firstParagraph = blocks.find((block) => block.type === 'paragraph' && textOf(block));
  return firstParagraph ? { title: textOf(firstParagraph), isGuessed: true } : { title: '', isGuessed: false };
}

function textOf(element: DocxElement): string {
  const parts: string[] = [];
  const walk = (node: DocxElement) => {
    if (node.type === 'text') parts.push(node.value ?? '');
    else if (node.type === 'tab' || node.type === 'break') parts.push(' ');
    for (const child of node.children ?? []) walk(child);
  };
  walk(element);
  return parts.join('').replace(/\s+/g, ' ').trim().normalize('NFC');
}

function hasImage(element: DocxElement): boolean {
  return element.type === 'image' || (element.children ?? []).some(hasImage);
}

/** At most `max` characters, cut at a word boundary when one is near the end. */
function shorten(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).trim();
}

/**
 * A paragraph holding only an image becomes a figure, with the following "Caption"
 * paragraph as its figcaption, the shape the editor uses. mammoth writes this markup
 * itself (attributes quoted and escaped), so a pattern can read it; the result still goes
 * through the sanitiser.
 */
function toFigures(html: string): string {
  return html
    .replace(/<p>(<img [^>]*\/>)<\/p>(?:<p class="caption">(.*?)<\/p>)?/g, (_all, img: string, caption: string | undefined) => `<figure>${img}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`)
    .replace(/<p class="caption">/g, '<p>');
}

/**
 * mammoth's messages are English and mostly about styles we map to plain paragraphs on
 * purpose; only the others are worth an editor's attention.
 */
function wordNotes(notes: Array<{ type: string; message: string }>): string[] {
  const kept = notes.filter((note) => !/^Unrecognised (paragraph|run|table) style/i.test(note.message));
  return [...new Set(kept.map((note) => messages.wordNote(note.message)))];
}

/**
 * Refuses what is not a .docx before mammoth sees it: not a zip, an old binary .doc, a zip
 * without a Word part (.xlsx, .odt), or one that declares more than we inflate. Declared
 * sizes can lie, so this bounds honest files and garbage, not a crafted zip bomb.
 * @throws INVALID_INPUT, PAYLOAD_TOO_LARGE
 */
function checkDocxContainer(bytes: Buffer): void {
  const refuse = (message = messages.notDocx) => new InvalidInputError(message, { help: messages.notDocxHelp, field: 'file' });
  // OLE2 compound file: Word 97–2003.
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) throw refuse(messages.oldDoc);
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) throw refuse();

  const entries = readZipDirectory(bytes);
  if (!entries) throw refuse();
  if (entries.isZip64) return; // sizes live in extra fields; mammoth decides
  if (!entries.names.some((name) => name.startsWith('word/'))) throw refuse();
  if (entries.names.length > MAX_ZIP_ENTRIES || entries.uncompressedBytes > MAX_UNCOMPRESSED_BYTES) {
    throw new PayloadTooLargeError(messages.tooLarge, { help: messages.tooLargeHelp, field: 'file' });
  }
}

/**
 * Entry names and declared sizes from a zip's central directory (APPNOTE.TXT 4.3.12 and
 * 4.3.16), or undefined when there is no readable directory.
 */
function readZipDirectory(bytes: Buffer): { names: string[]; uncompressedBytes: number; isZip64: boolean } | undefined {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) return { names: [], uncompressedBytes: 0, isZip64: true };

  const names: string[] = [];
  let uncompressedBytes = 0;
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return undefined;
    if (size === 0xffffffff) return { names, uncompressedBytes, isZip64: true };
    names.push(bytes.toString('utf8', at + 46, at + 46 + nameLength));
    uncompressedBytes += size;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { names, uncompressedBytes, isZip64: false };
}
