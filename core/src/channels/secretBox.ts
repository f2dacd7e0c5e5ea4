import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** The configured key, or the one kept in the data folder, made there on first use. */
  static async open(config: { secretKey: string | undefined; dataDir: string }) {
    if (config.secretKey) return new SecretBox(Buffer.from(config.secretKey, 'base64'));
    const file = join(config.dataDir, 'secret.key');
    await mkdir(config.dataDir, { recursive: true });
    try {
      await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return new SecretBox(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64'));
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [nonce, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url'));
    return [VERSION, this.keyId, ...parts].join(':');
  }

  unseal(value: string): string {
    const [version, keyId, nonce, tag, sealed] = value.split(':');
    if (version !== VERSION || !nonce || !tag || sealed === undefined) {
      throw new MonityError('secret_unreadable', 'A stored secret is not in a known form');
    }
    if (keyId !== this.keyId) {
      throw new MonityError(
        'secret_key_changed',
        'A stored secret was encrypted with another key: start Monity with the key it had',
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
