import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MonityError } from '../errors.ts';

const VERSION = 'v1';

/**
 * Encrypts channel credentials at rest with AES-256-GCM: each value gets a fresh 96-bit nonce
 * and is authenticated, so a changed byte fails to open instead of giving a wrong secret. A
 * sealed value names its key by a short fingerprint, so a server started with another key
 * says so plainly. (node:crypto does all of it; no library adds anything for one cipher.)
 */
export class SecretBox {
  private loaded?: { key: Buffer; keyId: string };

  /** `key` is the key itself, or where to get it the first time a secret is sealed or opened. */
  constructor(private readonly key: Buffer | (() => Buffer)) {}

  /**
   * The configured key, or the one kept in the data folder, made there the first time a secret
   * is sealed: a server that never stores one writes no file.
   */
  static open(config: { secretKey: string | undefined; dataDir: string }) {
    if (config.secretKey) return new SecretBox(Buffer.from(config.secretKey, 'base64'));
    return new SecretBox(() => {
      const file = join(config.dataDir, 'secret.key');
      mkdirSync(config.dataDir, { recursive: true });
      try {
        writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    });
  }

  private get current() {
    if (!this.loaded) {
      const key = typeof this.key === 'function' ? this.key() : this.key;
      if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
      this.loaded = { key, keyId: createHash('sha256').update(key).digest('hex').slice(0, 8) };
    }
    return this.loaded;
  }

  seal(plain: string): string {
    const { key, keyId } = this.current;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [nonce, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url'));
    return [VERSION, keyId, ...parts].join(':');
  }

  unseal(value: string): string {
    const [version, keyId, nonce, tag, sealed] = value.split(':');
    if (version !== VERSION || !nonce || !tag || sealed === undefined) {
      throw new MonityError('secret_unreadable', 'A stored secret is not in a known form');
    }
    const { key, keyId: current } = this.current;
    if (keyId !== current) {
      throw new MonityError(
        'secret_key_changed',
        'A stored secret was encrypted with another key: start Monity with the key it had',
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
