import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** A strong ETag of a response body. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** True when an If-None-Match header lists this ETag (weak comparison, as RFC 9110 asks for If-None-Match) or is "*". */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * ETags on GET answers of /graphql and 304 to a matching If-None-Match. Express's own check answers 200 whenever
 * the request says "Cache-Control: no-cache", which fetch() adds to every request with If-None-Match; an origin
 * may answer such a conditional request with 304 all the same. The answer depends on the credential, hence
 * "private" and "Vary: Authorization"; "no-cache" makes a client revalidate each time.
 */
export function conditionalGet(req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    next();
    return;
  }
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (res.statusCode !== 200 || typeof body !== 'string') return send(body);
    const etag = etagOf(body);
    res.setHeader('etag', etag);
    res.setHeader('cache-control', 'private, no-cache');
    res.vary('authorization');
    if (!matchesIfNoneMatch(req.header('if-none-match'), etag)) return send(body);
    res.removeHeader('content-type');
    res.status(304).end();
    return res;
  };
  next();
}
