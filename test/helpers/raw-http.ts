/**
 * HTTP requests written byte for byte. fetch() and inject() normalise what a browser or
 * an attacker's script may send (backslashes, doubled slashes, raw UTF-8, control
 * characters), so edge tests use this instead. Each request must be answered and its
 * connection closed within the timeout: a socket left open is a failure, not a hang.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function rawRequest(port: number, head: string | Buffer, timeoutMs = 3000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms to ${JSON.stringify(head.toString().slice(0, 120))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => {}); // a reset after the answer is still an answer
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end === -1) {
        reject(new Error(`connection closed without an answer to ${JSON.stringify(head.toString().slice(0, 120))}`));
        return;
      }
      const [statusLine, ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: all.subarray(end + 4) });
    });
    socket.write(head);
  });
}

/** A GET of a raw request target; `target` goes on the wire exactly as given (bytes of a latin1 string, or a Buffer). */
export function rawGet(port: number, target: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
  const lines = Object.entries({ host: 'localhost', connection: 'close', 'user-agent': 'Mozilla/5.0 (edge test)', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  const targetBytes = typeof target === 'string' ? Buffer.from(target, 'latin1') : target;
  return rawRequest(port, Buffer.concat([Buffer.from('GET '), targetBytes, Buffer.from(` HTTP/1.1\r\n${lines.join('')}\r\n`, 'latin1')]));
}
