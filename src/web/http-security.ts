import type express from 'express';
import type { WebConfig } from '../config';

/**
 * The browser-facing HTTP rules: which other origins may call the API (CORS), and the security headers every
 * response carries. Both run before authentication, so a preflight is answered without a credential.
 */

const ALLOWED_HEADERS = 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id';
const EXPOSED_HEADERS = 'x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after';

/**
 * CORS by an exact allow-list of origins (CORS_ORIGINS, empty by default). An origin outside it gets no CORS
 * headers, so the browser withholds the answer; credentials are bearer headers, never cookies, so
 * Access-Control-Allow-Credentials is not sent.
 */
export function cors(allowed: readonly string[]): express.RequestHandler {
  const origins = new Set(allowed);
  return (req, res, next) => {
    const origin = req.header('origin');
    res.vary('Origin');
    const permitted = origin !== undefined && origins.has(origin);
    if (permitted) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (req.method === 'OPTIONS' && req.header('access-control-request-method')) {
      if (permitted) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
        res.setHeader('access-control-max-age', '600');
      }
      res.status(204).end();
      return;
    }
    next();
  };
}

/** The Content-Security-Policy of every page: scripts and styles from this origin only, no inline script. */
export function contentSecurityPolicy(web: WebConfig): string {
  // The identity provider's token endpoint is called from the page during sign-in (authorization code + PKCE).
  const connect = ["'self'", ...(web.oidcClient ? [new URL(web.oidcClient.tokenUrl).origin] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function securityHeaders(web: WebConfig): express.RequestHandler {
  const csp = contentSecurityPolicy(web);
  return (_req, res, next) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    next();
  };
}
