import { describe, expect, it } from 'vitest';
import { cfbWithStreams } from '../../../test/fixtures/media/build.js';
import { cfbRootStreamNames, oldOfficeTypeOf } from './media-detect.js';

describe('old Office files (CFB containers)', () => {
  it('tells Word from Excel by the streams below the root', () => {
    expect(oldOfficeTypeOf(cfbWithStreams(['WordDocument', '1Table', '\u0005SummaryInformation']))).toBe('doc');
    expect(oldOfficeTypeOf(cfbWithStreams(['Workbook']))).toBe('xls');
    expect(oldOfficeTypeOf(cfbWithStreams(['Book']))).toBe('xls'); // Excel 5/95
    expect(oldOfficeTypeOf(cfbWithStreams(['WordDocument'], { sectorShift: 12 }))).toBe('doc');
  });

  it('refuses other and ambiguous containers', () => {
    expect(oldOfficeTypeOf(cfbWithStreams(['PowerPoint Document', 'Current User']))).toBeUndefined();
    expect(oldOfficeTypeOf(cfbWithStreams(['EncryptedPackage', 'EncryptionInfo']))).toBeUndefined();
    expect(oldOfficeTypeOf(cfbWithStreams([]))).toBeUndefined();
    expect(oldOfficeTypeOf(cfbWithStreams(['WordDocument', 'Workbook']))).toBeUndefined();
  });

  it('reads names from the directory, not from text anywhere in the file', () => {
    const workbook = cfbWithStreams(['Workbook']);
    // A cell of the spreadsheet reading "WordDocument", in UTF-16 as Excel stores text.
    Buffer.from('WordDocument', 'utf16le').copy(workbook, workbook.length - 100);
    expect(oldOfficeTypeOf(workbook)).toBe('xls');
  });

  it('gives up on malformed containers without hanging', () => {
    const truncated = cfbWithStreams(['WordDocument']).subarray(0, 700);
    expect(oldOfficeTypeOf(truncated)).toBeUndefined();

    const looping = cfbWithStreams(['WordDocument', 'Data']);
    looping.writeUInt32LE(1, 512 + 4); // the directory sector's next sector is itself
    expect(() => cfbRootStreamNames(looping)).toThrow();

    const cyclicTree = cfbWithStreams(['WordDocument']);
    cyclicTree.writeUInt32LE(1, 1024 + 128 + 0x48); // the stream is its own right sibling
    expect(oldOfficeTypeOf(cyclicTree)).toBe('doc');

    const badSectorSize = cfbWithStreams(['WordDocument']);
    badSectorSize.writeUInt16LE(30, 0x1e);
    expect(oldOfficeTypeOf(badSectorSize)).toBeUndefined();
  });
});
