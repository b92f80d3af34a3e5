import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
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
  /** The authorization endpoint (authorization code with PKCE); it signs in `login` without asking. */
  authorizationUrl: string;
  tokenUrl: string;
  clientId: string;
  /** Codes the token endpoint handed out a token for, and requests it refused (with the reason). */
  exchanges: { granted: number; refused: string[] };
  close: () => Promise<void>;
}

export interface IssuerOptions {
  /** The claims of whoever signs in at the authorization endpoint (org and role); no login endpoint without it. */
  login?: JWTPayload;
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

const CLIENT_ID = 'zorginkoop-web';
const base64url = (data: Buffer) => data.toString('base64url');

export async function startTestIssuer(options: IssuerOptions = {}): Promise<TestIssuer> {
  const published: object[] = [];
  let requests = 0;
  const addKey = async (kid: string) => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    published.push({ ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' });
    return pair;
  };
  const first = await addKey('test-key-1');
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const exchanges = { granted: 0, refused: [] as string[] };
  const signWith = async (claims: JWTPayload) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: issuer.kid }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('analyst@example.test').setIssuedAt().setExpirationTime('5m').sign(issuer.privateKey);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/jwks.json') {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
      return;
    }
    if (url.pathname === '/authorize' && options.login) {
      // A real provider would show a login form here; this one signs `login` in at once.
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (q.get('response_type') !== 'code' || q.get('client_id') !== CLIENT_ID || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('state') || !/^http:\/\/127\.0\.0\.1:\d+\/app\/callback$/.test(redirectUri)) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid authorization request');
        return;
      }
      const code = base64url(randomBytes(24));
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && options.login) {
      const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'content-type': 'application/json' };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' }).end();
        return;
      }
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const refuse = (why: string) => {
          exchanges.refused.push(why);
          res.writeHead(400, cors).end(JSON.stringify({ error: 'invalid_grant', error_description: why }));
        };
        if (form.get('grant_type') !== 'authorization_code' || form.get('client_id') !== CLIENT_ID) return refuse('bad client or grant type');
        if (!grant) return refuse('unknown or used code');
        if (grant.redirectUri !== form.get('redirect_uri')) return refuse('redirect_uri differs');
        if (base64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) return refuse('PKCE verifier does not match');
        void signWith(options.login!).then((token) => {
          exchanges.granted++;
          res.writeHead(200, cors).end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 300 }));
        });
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer: TestIssuer = {
    authorizationUrl: `http://127.0.0.1:${port}/authorize`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    clientId: CLIENT_ID,
    exchanges,
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
