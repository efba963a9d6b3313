/**
 * Gzip for pages that are static except for a few short values (view and visit counters).
 *
 * The static parts are deflated once, each by its own compressor and ended with a full
 * flush, so none refers back into another and each ends on a byte boundary. A request
 * then only writes its values as "stored" (uncompressed) deflate blocks between them and
 * a trailer whose CRC-32 is combined arithmetically from the parts' CRCs — microseconds
 * instead of compressing 60 KB per request. The result is one ordinary gzip member
 * (RFC 1951 §3.2.4 stored blocks, RFC 1952 member layout) that any client can inflate.
 */
import zlib from 'node:zlib';

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
const CRC_POLYNOMIAL = 0xedb88320;

/** a(x)·b(x) modulo the CRC-32 polynomial, bit-reflected as zlib does (crc32.c multmodp). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if ((a & m) !== 0) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ CRC_POLYNOMIAL : b >>> 1;
  }
  return product >>> 0;
}

/** X_POWERS[k] = x^(2^k) mod p. */
const X_POWERS: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X_POWERS.push(multiplyModP(X_POWERS[k - 1]!, X_POWERS[k - 1]!));

/** x^(8·byteCount) mod p: the operator that shifts a CRC past byteCount bytes. */
function shiftOperator(byteCount: number): number {
  let operator = 0x80000000;
  let k = 3;
  for (let n = byteCount; n > 0; n = Math.floor(n / 2), k++) {
    if (n & 1) operator = multiplyModP(X_POWERS[k & 31]!, operator);
  }
  return operator;
}

/** CRC-32 of A‖B from crc(A), crc(B) and |B| (zlib's crc32_combine). */
export function combineCrc32(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftOperator(lengthB), crcA) ^ crcB) >>> 0;
}

interface DeflatedPart {
  deflated: Buffer;
  crc: number;
  length: number;
  /** Precomputed shift over this part, so appending it costs one multiplication. */
  shift: number;
}

export class SplicedGzip {
  private readonly parts: DeflatedPart[];

  /** `parts` are the static texts around the values; there is one more part than values. */
  constructor(parts: Buffer[], level = 9) {
    this.parts = parts.map((part, index) => {
      const isLast = index === parts.length - 1;
      const deflated = zlib.deflateRawSync(part, { level, ...(isLast ? {} : { finishFlush: zlib.constants.Z_FULL_FLUSH }) });
      return { deflated, crc: zlib.crc32(part), length: part.length, shift: shiftOperator(part.length) };
    });
  }

  /** A complete gzip body, as chunks, with `values` (each < 64 KiB) between the static parts. */
  assemble(values: Buffer[]): Buffer[] {
    const chunks: Buffer[] = [GZIP_HEADER];
    let crc = 0;
    let length = 0;
    this.parts.forEach((part, index) => {
      if (index > 0) {
        const value = values[index - 1]!;
        chunks.push(storedBlockHeader(value.length), value);
        crc = combineCrc32(crc, zlib.crc32(value), value.length);
        length += value.length;
      }
      chunks.push(part.deflated);
      crc = (multiplyModP(part.shift, crc) ^ part.crc) >>> 0;
      length += part.length;
    });
    const trailer = Buffer.allocUnsafe(8);
    trailer.writeUInt32LE(crc, 0);
    trailer.writeUInt32LE(length >>> 0, 4);
    chunks.push(trailer);
    return chunks;
  }
}

/** BFINAL=0, BTYPE=00 on a byte boundary, then LEN and its one's complement. */
function storedBlockHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(5);
  header[0] = 0;
  header.writeUInt16LE(length, 1);
  header.writeUInt16LE(~length & 0xffff, 3);
  return header;
}
