import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_PATTERN = /^(zix_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** A new token: a visible prefix to recognise it and a 256-bit secret; only the hash is kept. */
export function generateToken(): { token: string; prefix: string; hash: string } {
  const bytes = randomBytes(8);
  const prefix = `zix_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The prefix of a well-formed API token, or null. */
export function parseToken(token: string): { prefix: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { prefix: match[1] } : null;
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith('zix_');
}
