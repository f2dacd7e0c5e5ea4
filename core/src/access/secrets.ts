import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for a cookie, an invitation or an API key: 32 random bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/**
 * Secrets are stored only as their SHA-256: they carry 256 random bits, so a fast hash is
 * enough (passwords, which people choose, get argon2id instead).
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
