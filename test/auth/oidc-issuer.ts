import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';

/**
 * A stand-in for an OpenID Connect provider in tests: an RS256 key pair whose public half is served as a JWKS on
 * 127.0.0.1, and a way to sign tokens with it (or with a key the JWKS does not hold).
 */
export interface TestIssuer {
  jwksUrl: string;
  issuer: string;
  audience: string;
  kid: string;
  /** The current signing key (the newest after rotate()). */
  privateKey: KeyLike;
  publicKey: KeyLike;
  /** Publishes a new key beside the old one and signs with it from now on. */
  rotate: () => Promise<void>;
  /** How many times the JWKS was fetched. */
  jwksRequests: () => number;
  /** A JWT for the given claims; issuer, audience, sub, iat and a 5-minute exp are filled in unless overridden. */
  sign: (claims: JWTPayload, options?: SignOptions) => Promise<string>;
  close: () => Promise<void>;
}

export interface SignOptions {
  /** Sign with this key instead of the published one. */
  key?: KeyLike;
  kid?: string;
  /** Leave the `sub` claim out. */
  withoutSubject?: boolean;
  /** Leave the `exp` claim out. */
  withoutExpiry?: boolean;
}

export const ISSUER = 'https://login.example.test/realms/zorginkoop';
export const AUDIENCE = 'zorginkoop-exchange';

export async function startTestIssuer(): Promise<TestIssuer> {
  const published: object[] = [];
  let requests = 0;
  const addKey = async (kid: string) => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    published.push({ ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' });
    return pair;
  };
  const server = http.createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    requests += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const first = await addKey('test-key-1');
  const issuer: TestIssuer = {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    issuer: ISSUER,
    audience: AUDIENCE,
    kid: 'test-key-1',
    privateKey: first.privateKey,
    publicKey: first.publicKey,
    rotate: async () => {
      const kid = `test-key-${published.length + 1}`;
      const pair = await addKey(kid);
      Object.assign(issuer, { kid, privateKey: pair.privateKey, publicKey: pair.publicKey });
    },
    jwksRequests: () => requests,
    sign: async (claims, options = {}) => {
      const { iss, aud, sub, exp, ...rest } = claims;
      let jwt = new SignJWT(rest)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? issuer.kid })
        .setIssuer(iss ?? ISSUER)
        .setAudience(aud ?? AUDIENCE)
        .setIssuedAt();
      if (!options.withoutSubject) jwt = jwt.setSubject(sub ?? 'user-1@example.test');
      if (!options.withoutExpiry) jwt = jwt.setExpirationTime(exp ?? '5m');
      return jwt.sign(options.key ?? issuer.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return issuer;
}
