import type express from 'express';
import { OUTAGE_RETRY_SECONDS } from '../core/errors';
import type { Peek, RateLimiter, RateLimitState } from './rate-limit';

export { OUTAGE_RETRY_SECONDS };

const TOO_MANY_FAILURES_BODY = JSON.stringify({
  errors: [{ message: 'Too many failed authentications from this address; retry after the time in the Retry-After header.', extensions: { code: 'RATE_LIMITED' } }],
});

const UNAVAILABLE_BODY = JSON.stringify({
  errors: [
    {
      message: 'The service is temporarily unavailable (its database does not answer); your credential was not checked. Retry shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: OUTAGE_RETRY_SECONDS },
    },
  ],
});

/**
 * Failed authentications per source address per minute, in the shared rate-limit store. An address over its
 * limit is refused before its credential is checked, so a guess made after the limit reveals nothing.
 */
export class FailedAuthentications {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limit: number,
  ) {}

  check(address: string): Promise<RateLimitState> {
    return this.limiter.peek(keyOf(address), this.limit);
  }

  /** `check` as a subquery for the authentication statement (Authenticator.authenticateGated). */
  peekOf(address: string): Peek {
    return this.limiter.peekOf(keyOf(address), this.limit);
  }

  async record(address: string): Promise<void> {
    await this.limiter.consume(keyOf(address), 1, this.limit);
  }
}

const keyOf = (address: string) => `auth-failures:${address}`;

/** The address a request came from: the TCP peer, or what the trusted proxies say (express's `trust proxy`). */
export const sourceAddress = (req: express.Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** 429, the same body for every refusal; only Retry-After says how long. */
export function refuseTooManyFailures(res: express.Response, state: RateLimitState): void {
  res.status(429).setHeader('retry-after', String(state.resetSeconds)).type('application/json').send(TOO_MANY_FAILURES_BODY);
}

/** 503 with a retryable code: an outage must not look like a bad credential. */
export function refuseUnavailable(res: express.Response): void {
  res.status(503).setHeader('retry-after', String(OUTAGE_RETRY_SECONDS)).type('application/json').send(UNAVAILABLE_BODY);
}
