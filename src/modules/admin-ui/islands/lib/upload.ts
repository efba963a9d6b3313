/**
 * One file to the media library with XMLHttpRequest (fetch cannot report upload
 * progress). The endpoint contract, shared by the three islands:
 * - POST multipart/form-data to the URL the page names, header `x-csrf-token`, the
 *   session cookie (same origin); the text fields come first and the file last, as
 *   field `file`, so the server has read `alt` (and any other field) before the file stream;
 * - success (2xx): `{ "media": { "id": "<uuid>", "thumbUrl": "…", "alt": "…" } }`;
 * - failure: `{ "error": { "code": "…", "message": "<Vietnamese, shown as it is>" } }`.
 */
import { CSRF_HEADER, readCsrfToken } from './csrf.js';

export interface UploadedMedia {
  id: string;
  /** A small variant for previews (the editor uses /admin/media/<id>/thumb instead). */
  thumbUrl: string;
  alt: string;
}

/** An upload that failed; `message` is Vietnamese and safe to show. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code = 'UPLOAD_FAILED',
  ) {
    super(message);
  }
}

const messages = {
  network: 'Mất kết nối khi tải tệp lên. Hãy kiểm tra mạng rồi thử lại.',
  tooLarge: 'Tệp quá lớn, máy chủ không nhận.',
  unexpected: (status: number) => `Máy chủ không nhận tệp (mã ${status}). Hãy thử lại sau.`,
};

export interface UploadOptions {
  url: string;
  file: Blob;
  /** The file name sent with the bytes; a pasted image has none of its own. */
  fileName?: string;
  alt?: string;
  /** Further text fields (a form's other inputs, its `alt` included); sent before the file. */
  fields?: Iterable<[string, string]>;
  /** Called with the fraction sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
}

export function uploadMedia({ url, file, fileName, alt, fields = [], onProgress }: UploadOptions): Promise<UploadedMedia> {
  const body = new FormData();
  // An explicit `alt` wins over a form's alt field; one of them is always sent.
  const text = [...fields].filter(([name]) => name !== 'file' && (alt === undefined || name !== 'alt'));
  if (!text.some(([name]) => name === 'alt')) text.push(['alt', alt ?? '']);
  for (const [name, value] of text) body.append(name, value);
  body.append('file', file, fileName ?? (file instanceof File ? file.name : 'anh-dan.png'));

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader(CSRF_HEADER, readCsrfToken());
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    });
    xhr.addEventListener('error', () => reject(new UploadError(messages.network, 'NETWORK')));
    xhr.addEventListener('abort', () => reject(new UploadError(messages.network, 'ABORTED')));
    xhr.addEventListener('load', () => {
      const answer = parseJson(xhr.responseText);
      const media = answer?.media;
      if (xhr.status >= 200 && xhr.status < 300 && media && typeof media.id === 'string') {
        onProgress?.(1);
        resolve({ id: media.id, thumbUrl: String(media.thumbUrl ?? ''), alt: String(media.alt ?? '') });
        return;
      }
      const error = answer?.error;
      if (error && typeof error.message === 'string') reject(new UploadError(error.message, String(error.code ?? 'UPLOAD_FAILED')));
      else reject(new UploadError(xhr.status === 413 ? messages.tooLarge : messages.unexpected(xhr.status)));
    });
    xhr.send(body);
  });
}

interface UploadAnswer {
  media?: { id?: unknown; thumbUrl?: unknown; alt?: unknown };
  error?: { code?: unknown; message?: unknown };
}

function parseJson(text: string): UploadAnswer | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as UploadAnswer) : undefined;
  } catch {
    return undefined;
  }
}
