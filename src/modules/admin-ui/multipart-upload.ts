/**
 * Multipart forms of the staff UI (library uploads, .docx import, documents' files,
 * sheet imports): the text fields and one file, with the CSRF token checked before the
 * file is read into memory.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, InvalidInputError, PayloadTooLargeError } from '../../platform/errors.js';
import { CSRF_FIELD, verifyCsrf } from '../../platform/http/csrf.js';
import { formatNumber } from '../../platform/i18n/vi.js';

export interface ReadUpload {
  fields: Record<string, string>;
  file: { bytes: Buffer; name: string } | null;
}

/**
 * Reads a multipart form: its text fields and one file of at most `maxBytes`. The CSRF
 * token is the form's first field and is checked before the file is read into memory.
 * @throws CSRF (403); PAYLOAD_TOO_LARGE; INVALID_INPUT for a broken form.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<ReadUpload> {
  const fields: Record<string, string> = {};
  let file: ReadUpload['file'] = null;
  let isCsrfChecked = false;
  const checkCsrf = () => {
    if (isCsrfChecked) return;
    verifyCsrf(request, fields[CSRF_FIELD]);
    isCsrfChecked = true;
  };
  if (!request.isMultipart()) {
    // A urlencoded post still has to carry the token (and then has no file).
    verifyCsrf(request, ((request.body ?? {}) as Record<string, unknown>)[CSRF_FIELD]);
    throw new InvalidInputError('Hãy chọn tệp bằng biểu mẫu tải lên.', { field: 'file' });
  }
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      checkCsrf();
      const upload = part as MultipartFile;
      const bytes = await upload.toBuffer();
      if (!file && (upload.filename || bytes.length)) file = { bytes, name: upload.filename ?? '' };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeError(`Tệp quá lớn: tối đa ${formatNumber(Math.round(maxBytes / 1024 / 1024))} MB.`, { field: 'file' });
    throw new InvalidInputError('Tệp tải lên bị gián đoạn hoặc biểu mẫu không hợp lệ. Hãy thử lại.', { field: 'file' });
  }
  checkCsrf();
  return { fields, file };
}
