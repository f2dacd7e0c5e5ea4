import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { HttpContext } from '../../http/appState.ts';
import { MonityError, ValidationError } from '../../errors.ts';

/** The largest file one import takes; a million invoice rows as CSV are about 250 MB. */
const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * Streams the request's multipart field `file` to `target`, never holding it in memory.
 * Rejects a request without that field, and removes what was written when it fails.
 */
export async function receiveUpload(
  ctx: HttpContext,
  target: string,
): Promise<{ fileName: string; size: number }> {
  if (!ctx.is('multipart/form-data')) {
    throw new MonityError('unsupported_media_type', 'Send the file as multipart/form-data', 415);
  }
  await mkdir(path.dirname(target), { recursive: true });
  const parser = busboy({
    headers: ctx.req.headers,
    limits: { files: 1, fileSize: MAX_UPLOAD_BYTES },
  });
  let received: Promise<{ fileName: string; size: number }> | undefined;
  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || received) {
      stream.resume();
      return;
    }
    let size = 0;
    let truncated = false;
    stream.on('data', (chunk: Buffer) => (size += chunk.length));
    stream.on('limit', () => (truncated = true));
    received = pipeline(stream, createWriteStream(target)).then(() => {
      if (truncated) throw new MonityError('file_too_large', 'The file is larger than 2 GB', 413);
      return { fileName: path.basename(info.filename || 'import'), size };
    });
  });
  try {
    await pipeline(ctx.req, parser);
    if (!received) {
      throw new ValidationError('No file in the request', [
        { pointer: '/body/file', message: 'is required' },
      ]);
    }
    return await received;
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}

/** Streams the raw request body (NDJSON records) to `target`. */
export async function receiveBody(ctx: HttpContext, target: string): Promise<number> {
  await mkdir(path.dirname(target), { recursive: true });
  let size = 0;
  ctx.req.on('data', (chunk: Buffer) => (size += chunk.length));
  try {
    await pipeline(ctx.req, createWriteStream(target));
    return size;
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
}
