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
/** A stored block's header: one byte of flags, then LEN and its one's complement (RFC 1951 §3.2.4). */
const STORED_HEADER_LENGTH = 5;
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

/** Counter values are short: their shift operators are computed once. */
const SMALL_SHIFTS = Array.from({ length: 64 }, (_, n) => shiftOperator(n));

function shiftFor(byteCount: number): number {
  return SMALL_SHIFTS[byteCount] ?? shiftOperator(byteCount);
}

/** CRC-32 of A‖B from crc(A), crc(B) and |B| (zlib's crc32_combine). */
export function combineCrc32(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftFor(lengthB), crcA) ^ crcB) >>> 0;
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

  /** Bytes held by the compressed parts (what a cache should charge for them). */
  get byteLength(): number {
    let total = 0;
    for (const part of this.parts) total += part.deflated.length;
    return total;
  }

  /** A complete gzip body with `values` (each < 64 KiB) between the static parts. */
  assemble(values: Buffer[]): Buffer {
    let size = GZIP_HEADER.length + 8;
    for (const part of this.parts) size += part.deflated.length;
    for (const value of values) size += STORED_HEADER_LENGTH + value.length;
    // One buffer of the compressed size (a few KB) beats a write per piece.
    const body = Buffer.allocUnsafe(size);
    let offset = GZIP_HEADER.copy(body, 0);
    let crc = 0;
    let length = 0;
    for (let index = 0; index < this.parts.length; index++) {
      const part = this.parts[index]!;
      if (index > 0) {
        const value = values[index - 1]!;
        body[offset] = 0; // BFINAL=0, BTYPE=00 (stored), on a byte boundary after the flush
        body.writeUInt16LE(value.length, offset + 1);
        body.writeUInt16LE(~value.length & 0xffff, offset + 3);
        offset += STORED_HEADER_LENGTH;
        offset += value.copy(body, offset);
        crc = (multiplyModP(shiftFor(value.length), crc) ^ zlib.crc32(value)) >>> 0;
        length += value.length;
      }
      offset += part.deflated.copy(body, offset);
      crc = (multiplyModP(part.shift, crc) ^ part.crc) >>> 0;
      length += part.length;
    }
    body.writeUInt32LE(crc, offset);
    body.writeUInt32LE(length >>> 0, offset + 4);
    return body;
  }
}

