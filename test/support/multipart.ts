import http from 'node:http';

/** A part of a hand-made multipart body: a field (string value) or a file (Buffer content). */
export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
}

export const BOUNDARY = 'security-test-boundary-7d3f';

/**
 * The bytes of a multipart/form-data body, written by hand so a test can cut it anywhere or break its format;
 * `close: false` leaves out the closing boundary.
 */
export function multipartBody(parts: Part[], options: { close?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename ? '\r\nContent-Type: application/octet-stream' : '';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  if (options.close !== false) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

/** POSTs exact bytes with exact headers (Content-Length is the length of `body`). */
export async function postRaw(url: string, headers: Record<string, string>, body: Buffer | string): Promise<RawResponse> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

export const multipartHeaders = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'apollo-require-preflight': 'true',
  'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
});

/**
 * Sends the first `sendBytes` of a body that announces `body.length` bytes, then resets the connection: a client
 * that goes away in the middle of an upload. Resolves once the socket is closed.
 */
export function abortMidway(url: string, headers: Record<string, string>, body: Buffer, sendBytes: number): Promise<void> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const req = http.request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(body.length) },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.on('response', (res) => res.resume());
    req.write(body.subarray(0, sendBytes), () => setImmediate(() => req.destroy()));
  });
}
