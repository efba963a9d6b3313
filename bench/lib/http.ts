/** Small HTTP helpers. Only loopback is ever targeted. */
import http from 'node:http';
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** What the load runs send: a browser, because bots and a missing User-Agent are not counted as views. */
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes as sent on the wire: not decompressed (fetch() would inflate gzip). */
  body: Buffer;
  ms: number;
}

/** One GET with exactly the given headers; the body is kept as received. */
export function getRaw(port: number, path: string, headers: Record<string, string>, timeoutMs = 30_000): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get({ host: LOOPBACK, port, path, headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out after ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Polls until `path` answers 200, or fails after `timeoutMs` (a server that never comes up must not hang the bench). */
export async function waitFor200(port: number, path: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isAlive()) throw new Error(`the server exited before answering ${path}`);
    try {
      if ((await getRaw(port, path, {}, 2000)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`no 200 from ${path} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
