/**
 * The text of an uploaded document, for search. PDF is read by unpdf (Mozilla's pdf.js),
 * DOCX by mammoth, both in a worker thread (document-text.worker.ts) under limits that a
 * hostile file cannot escape: time, memory, pages and characters. Never throws and logs
 * nothing: a file that cannot be read gives '' and its upload goes on.
 */
import { Worker } from 'node:worker_threads';
import { toNfc } from '../../platform/i18n/vi.js';
import type { DocumentTextJob } from './document-text.worker.js';
import type { DocumentExtension } from './media.models.js';
import { createTaskQueue } from './task-queue.js';

const MEGABYTE = 1024 * 1024;
/** Pages of a PDF read at most: far more than search indexes (50,000 words a record). */
export const MAX_PDF_PAGES = 500;
/** Characters of text kept per document. */
export const MAX_TEXT_CHARS = 1_000_000;

export interface ExtractionLimits {
  /** The worker is ended after this long: a loop in a parser. */
  timeoutMs: number;
  /** Its JavaScript heap plus buffers: a decompression bomb (a 200 KB PDF can inflate to gigabytes). */
  maxMemoryBytes: number;
}

const EXTRACTION_LIMITS: ExtractionLimits = { timeoutMs: 30_000, maxMemoryBytes: 512 * MEGABYTE };

/**
 * Extractions at once: each is a thread with up to maxMemoryBytes, and a burst of
 * uploads waits its turn instead of multiplying that.
 */
const EXTRACTION_CONCURRENCY = 2;
const extractionQueue = createTaskQueue(EXTRACTION_CONCURRENCY);

/**
 * How often the worker's memory is read. pdf.js doubles a buffer as it inflates, so a
 * bomb passes the limit by up to as much again before it is ended (measured: a 2 GB PDF
 * bomb took the process about 600 MB above where it was).
 */
const MEMORY_CHECK_MS = 50;

/** The compiled worker beside the compiled module, or the TypeScript one beside the sources. */
const WORKER_URL = new URL(`./document-text.worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/**
 * The document's text: NFC, without control characters, spaces collapsed within each
 * line, at most MAX_TEXT_CHARS characters. '' for a kind without a reader, and for a
 * broken, encrypted or too demanding file. `limits` are lowered by tests.
 */
export async function extractDocumentText(bytes: Buffer, ext: DocumentExtension, limits: ExtractionLimits = EXTRACTION_LIMITS): Promise<string> {
  // .xlsx, .odt, .doc and .xls give ''. The issue asks for PDF and DOCX, and a
  // spreadsheet's cells make poor search text; the old binary formats and ODT have no
  // extractor as well kept as pdf.js and mammoth. A row keeps '' until a later version
  // reads them and resets those rows to NULL for extractMissingDocumentTexts.
  if (ext !== 'pdf' && ext !== 'docx') return '';
  try {
    // The copy is made on its turn, not while waiting; the worker takes it over (transferred,
    // not cloned again) and the caller's buffer stays whole.
    const text = await extractionQueue.run(() => runWorker({ bytes: new Uint8Array(bytes), kind: ext, maxPages: MAX_PDF_PAGES, maxChars: 2 * MAX_TEXT_CHARS }, limits));
    return cleanDocumentText(text);
  } catch {
    return '';
  }
}

function runWorker(job: DocumentTextJob, limits: ExtractionLimits): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: job,
      transferList: [job.bytes.buffer as ArrayBuffer],
      // The heap limit ends the thread at once; buffers are outside it, hence the watch below.
      resourceLimits: { maxOldGenerationSizeMb: Math.ceil(limits.maxMemoryBytes / MEGABYTE) },
      // Whatever a parser prints is dropped, not copied into the server's log.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();

    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      clearInterval(memoryWatch);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new Error('document text: timed out'))), limits.timeoutMs);
    const memoryWatch = setInterval(() => {
      // getHeapStatistics is in Node 22.16 and later; before that only the limits above hold.
      worker.getHeapStatistics?.().then(
        (heap) => {
          if (heap.used_heap_size + heap.external_memory > limits.maxMemoryBytes) finish(() => reject(new Error('document text: too much memory')));
        },
        () => {},
      );
    }, MEMORY_CHECK_MS);
    worker.once('message', (text: unknown) => finish(() => resolve(typeof text === 'string' ? text : '')));
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', () => finish(() => reject(new Error('document text: the worker stopped without an answer'))));
  });
}

/** C0 and C1 controls except the line feed, and halves of a surrogate pair left alone (\p{Cs} matches only those under /u). */
const UNWANTED = /(?!\n)[\p{Cc}\p{Cs}]/gu;

/**
 * Extracted text as stored: NFC, controls replaced by spaces (PostgreSQL refuses NUL in
 * text), spaces collapsed and trimmed per line, at most one empty line in a row, and at
 * most MAX_TEXT_CHARS characters, never cutting a surrogate pair.
 */
export function cleanDocumentText(raw: string): string {
  const text = toNfc(raw.slice(0, 2 * MAX_TEXT_CHARS))
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(UNWANTED, ' ')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return text.length <= MAX_TEXT_CHARS ? text : text.slice(0, MAX_TEXT_CHARS).replace(/[\uD800-\uDBFF]$/, '').trimEnd();
}
