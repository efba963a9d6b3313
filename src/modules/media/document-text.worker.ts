/**
 * The worker thread of document-text.ts. The PDF and Word parsers read untrusted bytes
 * here, so a file that makes them loop or swell is ended with the thread: it never blocks
 * the server's event loop nor takes its memory. Imports packages only, no project file,
 * so that Node can also load it from the sources (type stripping) in tests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';

/** What document-text.ts asks for. */
export interface DocumentTextJob {
  bytes: Uint8Array;
  kind: 'pdf' | 'docx';
  /** Pages of a PDF read at most. */
  maxPages: number;
  /** Reading stops once this much text is gathered; the caller cleans and cuts it. */
  maxChars: number;
}

async function pdfText(job: DocumentTextJob): Promise<string> {
  // Verbosity 0 (errors only): pdf.js would print a warning for every repaired file.
  const pdf = await getDocumentProxy(job.bytes, { verbosity: 0 });
  const pages: string[] = [];
  let length = 0;
  for (let number = 1; number <= Math.min(pdf.numPages, job.maxPages) && length < job.maxChars; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    // The same joining as unpdf's extractText: hasEOL marks the end of a line.
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
    pages.push(text);
    length += text.length;
    page.cleanup();
  }
  return pages.join('\n');
}

async function docxText(job: DocumentTextJob): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength) });
  return result.value.slice(0, job.maxChars);
}

// Any failure (a broken or encrypted file) ends the thread with an error: the caller's ''.
const job = workerData as DocumentTextJob;
parentPort?.postMessage(job.kind === 'pdf' ? await pdfText(job) : await docxText(job));
