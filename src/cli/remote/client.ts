import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * The remote CLI's view of the API: GraphQL over HTTP(S) with a bearer token. It imports nothing of the server
 * (no ORM, no schema), so the CLI starts in a fraction of a second on a partner's machine.
 */

/** Exit codes, documented in README ("Remote command line"). */
export const EXIT = {
  OK: 0,
  /** The API refused the request or reported errors (userErrors, a rejected file, FORBIDDEN, NOT_FOUND...). */
  FAILED: 1,
  /** A usage mistake: unknown command, missing or malformed argument. */
  USAGE: 2,
  /** EXCHANGE_TOKEN is missing, or the API refused it (HTTP 401). */
  AUTH: 3,
  /** The API could not be reached, or the connection broke (an upload can then be resumed). */
  UNREACHABLE: 4,
} as const;

/** A failure reported as one line on stderr with its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    /** Machine-readable code for --json output (the GraphQL extensions.code or userError code when there is one). */
    readonly code = 'FAILED',
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliFailure(message, EXIT.USAGE, 'USAGE');

export interface UserErrorShape {
  field?: string[];
  code: string;
  message: string;
}

export interface Endpoint {
  /** The API's origin, e.g. https://exchange.example.nl (EXCHANGE_URL may also end in /graphql). */
  origin: string;
  token: string;
}

/** EXCHANGE_URL and EXCHANGE_TOKEN from the environment, checked. */
export function endpointFrom(env: Record<string, string | undefined>): Endpoint {
  const raw = env.EXCHANGE_URL?.trim();
  if (!raw) throw new CliFailure('set EXCHANGE_URL to the address of the API, e.g. https://exchange.example.nl', EXIT.USAGE, 'USAGE');
  let url: URL;
  try {
    url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
  } catch {
    throw new CliFailure(`EXCHANGE_URL must be an http(s) address, got "${raw}"`, EXIT.USAGE, 'USAGE');
  }
  const token = env.EXCHANGE_TOKEN?.trim();
  if (!token) throw new CliFailure('set EXCHANGE_TOKEN to an API token (zix_...) or an OIDC access token', EXIT.AUTH, 'UNAUTHENTICATED');
  const path = url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '');
  return { origin: `${url.origin}${path}`, token };
}

function unreachable(origin: string, error: unknown): CliFailure {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  return new CliFailure(`cannot reach the API at ${origin} (${why})`, EXIT.UNREACHABLE, 'UNREACHABLE');
}

export class ExchangeClient {
  constructor(readonly endpoint: Endpoint) {}

  /** Runs one operation; GraphQL errors become a CliFailure with the first error's message and code. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.endpoint.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.endpoint.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw unreachable(this.endpoint.origin, error);
    }
    return this.answerOf<T>(response);
  }

  /**
   * Runs one operation with one file as a GraphQL multipart request (the `Upload` scalar at `fileAt`, e.g.
   * "variables.input.file"), streaming the file from disk; `onBytes` is told each chunk of the file as it is sent.
   */
  async requestWithFile<T>(
    query: string,
    variables: Record<string, unknown>,
    fileAt: string,
    file: { path: string; size: number },
    onBytes: (bytes: number) => void,
  ): Promise<T> {
    const boundary = `zix-${randomBytes(12).toString('hex')}`;
    // The name travels in a quoted header parameter: quotes and line breaks cannot be part of it.
    const filename = basename(file.path).replace(/["\r\n\\]/g, '_');
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = Buffer.from(
      field('operations', JSON.stringify({ query, variables })) +
        field('map', JSON.stringify({ 0: [fileAt] })) +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* body() {
      yield head;
      for await (const chunk of createReadStream(file.path)) {
        onBytes((chunk as Buffer).length);
        yield chunk as Buffer;
      }
      yield tail;
    }
    let response: Response;
    try {
      response = await fetch(`${this.endpoint.origin}/graphql`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.endpoint.token}`,
          'apollo-require-preflight': 'true',
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + file.size + tail.length),
        },
        body: Readable.toWeb(Readable.from(body())) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as RequestInit);
    } catch (error) {
      throw unreachable(this.endpoint.origin, error);
    }
    return this.answerOf<T>(response);
  }

  /** The data of a GraphQL answer; a refused token, a non-JSON answer or GraphQL errors become a CliFailure. */
  private async answerOf<T>(response: Response): Promise<T> {
    if (response.status === 401) throw new CliFailure('the API refused EXCHANGE_TOKEN (unknown, expired or revoked)', EXIT.AUTH, 'UNAUTHENTICATED');
    const text = await response.text();
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliFailure(`the API answered HTTP ${response.status} without JSON; is EXCHANGE_URL the API's address?`, response.status >= 500 ? EXIT.UNREACHABLE : EXIT.FAILED);
    }
    const first = body.errors?.[0];
    if (first) throw new CliFailure(first.message, EXIT.FAILED, first.extensions?.code ?? 'FAILED');
    if (!body.data) throw new CliFailure(`the API answered HTTP ${response.status} without data`, EXIT.FAILED);
    return body.data;
  }

  /** A mutation's payload, failing with its userErrors when it has any. */
  async mutate<P extends { userErrors: UserErrorShape[] }>(query: string, variables: Record<string, unknown>, field: string): Promise<P> {
    const payload = (await this.request<Record<string, P>>(query, variables))[field]!;
    const [first, ...rest] = payload.userErrors;
    if (first) {
      const where = first.field?.length ? ` (${first.field.join('.')})` : '';
      throw new CliFailure(`${first.message}${where}${rest.length ? ` (and ${rest.length} more)` : ''}`, EXIT.FAILED, first.code);
    }
    return payload;
  }

  /** A URL on the API's origin for a path the API returned (absolute URLs pass through). */
  resolve(pathOrUrl: string): string {
    return new URL(pathOrUrl, `${this.endpoint.origin}/`).toString();
  }

  /** Sends a body with PUT; connection failures become UNREACHABLE failures. */
  async put(url: string, headers: Record<string, string>, body: ReadableStream<Uint8Array>): Promise<Response> {
    try {
      return await fetch(url, { method: 'PUT', headers, body, duplex: 'half' } as RequestInit);
    } catch (error) {
      throw unreachable(this.endpoint.origin, error);
    }
  }
}
