import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/channels/secretBox.ts';

describe('the secret box', () => {
  it('seals a secret so that only its key opens it, and a changed byte does not', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('hasło-Żółw-123');
    expect(sealed).not.toContain('hasło');
    expect(box.seal('hasło-Żółw-123')).not.toBe(sealed);
    expect(box.unseal(sealed)).toBe('hasło-Żółw-123');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => box.unseal(parts.join(':'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).unseal(sealed)).toThrow(/another key/);
  });

  it('makes its key once in the data folder, readable by the owner alone', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'monity-secret-'));
    const dataDir = join(folder, 'data');
    try {
      SecretBox.open({ secretKey: undefined, dataDir });
      await expect(stat(dataDir)).rejects.toThrow();
      const first = SecretBox.open({ secretKey: undefined, dataDir });
      const second = SecretBox.open({ secretKey: undefined, dataDir });
      expect(second.unseal(first.seal('x'))).toBe('x');
      expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
      const key = (await readFile(join(dataDir, 'secret.key'), 'utf8')).trim();
      const configured = SecretBox.open({ secretKey: key, dataDir: '/nonexistent' });
      expect(configured.unseal(first.seal('y'))).toBe('y');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
