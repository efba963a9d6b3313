/**
 * What an upload is, read from its bytes only: the file name and the browser's MIME type
 * are chosen by whoever uploads, so neither decides anything here.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { DocumentExtension } from './media.models.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export type DetectedType =
  | { kind: 'image'; format: ImageFormat; mime: string }
  | { kind: 'document'; ext: DocumentExtension; mime: string };

/** file-type's names of the accepted images; an animated PNG is a PNG. */
const IMAGES = new Map<string, ImageFormat>([
  ['jpg', 'jpeg'],
  ['png', 'png'],
  ['apng', 'png'],
  ['webp', 'webp'],
  ['gif', 'gif'],
]);

const DOCUMENT_MIMES: Record<DocumentExtension, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** Those file-type names itself; .doc and .xls come from the CFB container below. */
const ZIP_AND_PDF_DOCUMENTS = ['pdf', 'docx', 'xlsx', 'odt'] as const;

/**
 * The accepted type of `bytes`, or undefined for anything else: SVG (file-type reports
 * XML or nothing), HTML and text (nothing), executables, a ZIP that is not an Office
 * file, a CFB container that is neither Word nor Excel (PowerPoint, MSI, an encrypted
 * OOXML package).
 */
export async function detectMediaType(bytes: Uint8Array): Promise<DetectedType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return undefined;
  const image = IMAGES.get(found.ext);
  if (image) return { kind: 'image', format: image, mime: `image/${image}` };
  if (found.ext === 'cfb') {
    const ext = oldOfficeTypeOf(bytes);
    return ext ? { kind: 'document', ext, mime: DOCUMENT_MIMES[ext] } : undefined;
  }
  const document = ZIP_AND_PDF_DOCUMENTS.find((ext) => ext === found.ext);
  return document ? { kind: 'document', ext: document, mime: DOCUMENT_MIMES[document] } : undefined;
}

/*
 * Old Office files (.doc, .xls) are Compound File Binary containers, a small FAT file
 * system in one file ([MS-CFB], https://learn.microsoft.com/openspecs/windows_protocols/ms-cfb).
 * Word keeps its text in a root stream named "WordDocument" ([MS-DOC] 2.1); Excel in
 * "Workbook" (BIFF8) or "Book" (BIFF5) ([MS-XLS] 2.1.2). Names are read from the
 * directory tree, not searched for in the bytes: a spreadsheet cell may well contain the
 * UTF-16 text "WordDocument".
 */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector numbers at or above this are markers (end of chain, free, FAT, DIFAT). */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const NO_STREAM = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_SIZE = 128;
const STREAM_OBJECT = 2;
const ROOT_OBJECT = 5;
/** Bounds on a hostile container: far above any real document's, far below a hang. */
const MAX_CHAIN_SECTORS = 100_000;
const MAX_DIRECTORY_ENTRIES = 100_000;

/** 'doc' or 'xls' for a Word or Excel container, undefined for any other or a broken one. */
export function oldOfficeTypeOf(bytes: Uint8Array): 'doc' | 'xls' | undefined {
  let names: Set<string>;
  try {
    names = cfbRootStreamNames(bytes);
  } catch {
    return undefined;
  }
  const isWord = names.has('WordDocument');
  const isExcel = names.has('Workbook') || names.has('Book');
  if (isWord === isExcel) return undefined;
  return isWord ? 'doc' : 'xls';
}

/** Names of the streams directly below the container's root. Throws on a malformed container. */
export function cfbRootStreamNames(bytes: Uint8Array): Set<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 512 || CFB_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a CFB container');
  const u32 = (offset: number): number => {
    if (offset < 0 || offset + 4 > bytes.length) throw new Error('read past the end');
    return view.getUint32(offset, true);
  };
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw new Error('bad sector size');
  const sectorSize = 1 << sectorShift;
  const sectorOffset = (sector: number): number => {
    if (sector >= MAX_REGULAR_SECTOR) throw new Error('marker used as a sector');
    const offset = (sector + 1) * sectorSize;
    if (offset + sectorSize > bytes.length) throw new Error('sector past the end');
    return offset;
  };
  const entriesPerSector = sectorSize / 4;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  const fatSectorCount = u32(0x2c);
  for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < fatSectorCount; i++) fatSectors.push(u32(0x4c + i * 4));
  for (let difat = u32(0x44), hops = 0; fatSectors.length < fatSectorCount && difat < MAX_REGULAR_SECTOR; hops++) {
    if (hops > MAX_CHAIN_SECTORS) throw new Error('DIFAT chain loops');
    const base = sectorOffset(difat);
    for (let i = 0; i < entriesPerSector - 1 && fatSectors.length < fatSectorCount; i++) fatSectors.push(u32(base + i * 4));
    difat = u32(base + sectorSize - 4);
  }
  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerSector)];
    if (fatSector === undefined) throw new Error('sector outside the FAT');
    return u32(sectorOffset(fatSector) + (sector % entriesPerSector) * 4);
  };

  // The directory is a chain of sectors holding 128-byte entries.
  const directory: number[] = [];
  for (let sector = u32(0x30); sector < MAX_REGULAR_SECTOR; sector = nextSector(sector)) {
    if (directory.length > MAX_CHAIN_SECTORS) throw new Error('directory chain loops');
    directory.push(sector);
  }
  const entryCount = Math.min(directory.length * (sectorSize / DIRECTORY_ENTRY_SIZE), MAX_DIRECTORY_ENTRIES);
  const entryOffset = (id: number): number => {
    if (id >= entryCount) throw new Error('entry outside the directory');
    const perSector = sectorSize / DIRECTORY_ENTRY_SIZE;
    return sectorOffset(directory[Math.floor(id / perSector)]!) + (id % perSector) * DIRECTORY_ENTRY_SIZE;
  };
  const root = entryOffset(0);
  if (bytes[root + 0x42] !== ROOT_OBJECT) throw new Error('no root entry');

  // The root's children form a red-black tree through left and right sibling links.
  const names = new Set<string>();
  const visited = new Set<number>();
  const pending = [u32(root + 0x4c)];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id === NO_STREAM || visited.has(id)) continue;
    visited.add(id);
    const offset = entryOffset(id);
    const nameBytes = view.getUint16(offset + 0x40, true);
    if (nameBytes > 64 || nameBytes % 2 !== 0) throw new Error('bad entry name');
    if (bytes[offset + 0x42] === STREAM_OBJECT && nameBytes >= 2) {
      names.add(Buffer.from(bytes.subarray(offset, offset + nameBytes - 2)).toString('utf16le'));
    }
    pending.push(u32(offset + 0x44), u32(offset + 0x48));
  }
  return names;
}
