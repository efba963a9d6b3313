import type { ServerResponse } from 'node:http';
import { SECURITY_HEADER_LIST } from './security-headers.js';

/**
 * Writes a complete response straight to Node's ServerResponse, past Fastify's reply
 * pipeline: the hot path of cached pages, where per-header bookkeeping was most of the
 * cost. `headers` is a flat [name, value, …] list; security headers are added here so a
 * raw response can never go out without them. `body` is written as chunks, as cached
 * pages hold it.
 *
 * Whatever goes wrong here (a header value Node refuses, a socket already gone), the
 * client is answered or its connection closed: a response taken over from Fastify has
 * no one else to finish it. The error is handed to `onError` for the log.
 */
export function writeRaw(response: ServerResponse, status: number, headers: string[], body: Buffer[] = [], onError: (error: unknown) => void = () => {}): void {
  try {
    const list = [...SECURITY_HEADER_LIST, ...headers];
    let length = 0;
    for (const chunk of body) length += chunk.length;
    // Always a length (a bodiless 301 would otherwise go out chunked), except on a 304,
    // whose Content-Length would have to be the full page's (RFC 9110 §8.6).
    if (status !== 304) list.push('content-length', String(length));
    response.writeHead(status, list);
    if (body.length <= 1) {
      response.end(body[0]);
      return;
    }
    // Chunks go out in one writev: no copy of a 60 KB page per request.
    response.cork();
    for (const chunk of body) response.write(chunk);
    response.end();
  } catch (error) {
    onError(error);
    failRaw(response);
  }
}

const FAILURE_BODY = Buffer.from('<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi</title><h1>Hệ thống đang gặp sự cố</h1><p>Vui lòng thử lại sau ít phút.</p></html>');

/** Ends a response that could not be written: a bare 500 if nothing was sent yet, else the connection is closed. */
export function failRaw(response: ServerResponse): void {
  try {
    if (!response.headersSent) {
      response.writeHead(500, [...SECURITY_HEADER_LIST, 'content-type', 'text/html; charset=utf-8', 'cache-control', 'no-store', 'connection', 'close', 'content-length', String(FAILURE_BODY.length)]);
      response.end(FAILURE_BODY);
      return;
    }
  } catch {
    // fall through: nothing more can be said on this connection
  }
  response.destroy();
}
